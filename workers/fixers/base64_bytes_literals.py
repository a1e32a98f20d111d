"""A text literal only ever handed to `base64.decodebytes` / `decodestring` (or the encode ones),
directly or through a name or class attribute assigned nothing else → a bytes literal."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import PARAMETER, binding_statements, imported_from, root_of
from workers.rewriting.typerefs import refers_to_module

# base64 functions that take only bytes on 3 (b64decode and the like take ASCII str too)
_BYTES_ONLY = {"decodebytes", "decodestring", "encodebytes", "encodestring"}


def _native_ascii(leaf):
    prefix = leaf.value[:len(leaf.value) - len(leaf.value.lstrip("rRuUbB"))]
    return prefix.lower() in ("", "r") and leaf.value.isascii()


def _is_bytes_only_argument(node):
    """node is the one argument of a base64 call that takes only bytes on 3."""
    trailer = node.parent
    if trailer is None or trailer.type != syms.trailer or trailer.children[0].type != token.LPAR:
        return False
    power = trailer.parent
    if power.type != syms.power or power.children[-1] is not trailer or len(argument_nodes(trailer)) != 1:
        return False
    head = power.children[:-1]
    if len(head) == 1 and head[0].type == token.NAME and head[0].value in _BYTES_ONLY:
        bound = binding_statements(head[0], head[0].value)
        return bool(bound) and all(
            stmt is not PARAMETER and (imported_from(stmt, head[0].value) or ("",))[0] == "base64" for stmt in bound)
    return len(head) == 2 and refers_to_module(head[0], "base64") and head[1].type == syms.trailer and (
        head[1].children[0].type == token.DOT and head[1].children[1].value in _BYTES_ONLY)


def _assignment_target(leaf):
    """The NAME assigned the literal by `name = "…"`, or None."""
    stmt = leaf.parent
    if stmt is None or stmt.type != syms.expr_stmt or len(stmt.children) != 3 or stmt.children[2] is not leaf:
        return None
    target = stmt.children[0]
    return target if target.type == token.NAME and stmt.children[1].type == token.EQUAL else None


def _class_of(target):
    """The class whose body assigns `target` directly, or None."""
    suite = target.parent.parent.parent
    owner = suite.parent if suite is not None and suite.type == syms.suite else None
    return owner if owner is not None and owner.type == syms.classdef else None


def _only_decoded(target):
    """Every other mention of the name in the module is `name` (or `self.name`, for a class
    attribute) handed to a bytes-only base64 call."""
    name = target.value
    owner = _class_of(target)
    if owner is not None and classes.definitions_of(owner, name) != 1:
        return False
    uses = [leaf for leaf in root_of(target).leaves() if leaf.type == token.NAME and leaf.value == name
            and leaf is not target]
    return bool(uses) and all(_decoded_use(leaf, owner is not None) for leaf in uses)


def _decoded_use(leaf, attribute):
    if not attribute:
        return _is_bytes_only_argument(leaf)
    trailer = leaf.parent
    if trailer.type != syms.trailer or trailer.children[0].type != token.DOT:
        return False
    power = trailer.parent
    return len(power.children) == 2 and power.children[0].type == token.NAME and (
        power.children[0].value == "self") and _is_bytes_only_argument(power)


def _decoded_literal(leaf):
    if not _native_ascii(leaf):
        return False
    if _is_bytes_only_argument(leaf):
        return True
    target = _assignment_target(leaf)
    if target is None:
        return False
    bound = binding_statements(target, target.value)
    in_class = _class_of(target) is not None
    return (in_class or (bound is not None and len(bound) == 1)) and _only_decoded(target)


class _Impl(TreeFixer):
    _accept_type = token.STRING

    def match(self, node):
        return _decoded_literal(node)

    def transform(self, node, results):
        node.value = "b" + node.value
        node.changed()


class Base64BytesLiterals(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 21  # after base64_legacy has named the calls decodebytes / encodebytes
    trigger = r"\b(?:de|en)code(?:bytes|string)\b"
    summary = "Make text literals handed only to base64.decodebytes()/encodebytes() bytes literals"
    explanation = (
        "On Python 3 `base64.decodebytes` and `encodebytes` (`decodestring`/`encodestring` on 2.7) "
        "take bytes only: `decodebytes('AAEC')` raises TypeError. An ASCII text literal that is only "
        "ever passed to one of them, directly or through a name or class attribute assigned nothing "
        "else (a base64 blob kept in a constant), gets a `b` prefix: the very same str on 2.7, bytes "
        "on 3."
    )
    review_hint = "Nothing special: b'…' is the same str on 2.7."
    risk = SAFE


FIXER = Base64BytesLiterals()
