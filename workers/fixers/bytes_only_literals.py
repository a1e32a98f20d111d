"""A text literal only ever handed to an API that takes bytes alone on Python 3 → a bytes literal.

The APIs: `base64.decodebytes` / `decodestring` (or the encode ones), and a `BytesIO` buffer's
constructor (`io.BytesIO`, `six.BytesIO`, or a name an import fallback binds to io's BytesIO
first, such as WebOb's `try: from io import BytesIO as StringIO`). The literal is handed over
directly, or (base64) through a name or class attribute assigned nothing else, or as a positional
argument of a call of this module's function (or `self.method`) whose parameter goes only to such
an API. `b'…'` is the very same str on 2.7.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes, traversal
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.protocols import attr_trailer_name, enclosing_method, is_call, is_name, parameter_groups
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import PARAMETER, binding_statements, import_name_items, imported_from, root_of
from workers.rewriting.typerefs import expression, refers_to_module

PICKLE_MODULES = frozenset({"pickle", "cPickle"})
PICKLE_FROM = frozenset({("six.moves", "cPickle"), ("six.moves", "pickle")})
# base64 functions that take only bytes on 3 (b64decode and the like take ASCII str too)
_BYTES_ONLY = {"decodebytes", "decodestring", "encodebytes", "encodestring"}


def native_ascii(leaf, marker=""):
    """An ASCII literal with no prefix but r (and `marker`, when given: "b" for b'…' / br'…')."""
    prefix = leaf.value[:len(leaf.value) - len(leaf.value.lstrip("rRuUbB"))].lower().replace("r", "")
    return prefix == marker and leaf.value.isascii()


def _is_bytes_only_argument(node):
    """node is the one argument of a call that takes only bytes on 3 (base64's, a BytesIO's,
    pickle.loads)."""
    return _is_base64_argument(node) or _is_bytes_buffer_argument(node) or _is_pickle_argument(node)


def _is_pickle_module(leaf):
    """A NAME only ever bound by importing pickle or cPickle (also six.moves' cPickle)."""
    bound = binding_statements(leaf, leaf.value)
    return bool(bound) and all(stmt is not PARAMETER and _imports_pickle(stmt, leaf.value) for stmt in bound)


def _imports_pickle(stmt, name):
    if stmt.type == syms.import_from:
        return imported_from(stmt, name) in PICKLE_FROM
    return stmt.type == syms.import_name and any(
        bound == name and module in PICKLE_MODULES for module, bound, _ in import_name_items(stmt))


def _is_pickle_argument(node):
    """node is the one argument of `pickle.loads(…)`."""
    head = _one_argument_call(node)
    return head is not None and len(head) == 2 and head[0].type == token.NAME and (
        head[1].type == syms.trailer and head[1].children[0].type == token.DOT and (
            head[1].children[1].value == "loads") and _is_pickle_module(head[0]))


def _added_to_encoded(leaf):
    """`'…' + x.encode(…)` (or the other way round): on 3 the sum of bytes, as Genshi's BOM prefix."""
    parent = leaf.parent
    if parent is None or parent.type != syms.arith_expr or len(parent.children) != 3 or parent.children[1].value != "+":
        return False
    other = parent.children[2] if parent.children[0] is leaf else parent.children[0]
    return other.type == syms.power and len(other.children) >= 3 and other.children[-1].type == syms.trailer \
        and other.children[-1].children[0].type == token.LPAR and str(other.children[-2]).strip() == ".encode"


def _is_base64_argument(node):
    head = _one_argument_call(node)
    if head is None:
        return False
    if len(head) == 1 and head[0].type == token.NAME and head[0].value in _BYTES_ONLY:
        bound = binding_statements(head[0], head[0].value)
        return bool(bound) and all(
            stmt is not PARAMETER and (imported_from(stmt, head[0].value) or ("",))[0] == "base64" for stmt in bound)
    return len(head) == 2 and refers_to_module(head[0], "base64") and head[1].type == syms.trailer and (
        head[1].children[0].type == token.DOT and head[1].children[1].value in _BYTES_ONLY)


def _one_argument_call(node):
    """The callee's leaves/trailers when node is the one positional argument of a call, else None."""
    trailer = node.parent
    if trailer is None or trailer.type != syms.trailer or trailer.children[0].type != token.LPAR:
        return None
    power = trailer.parent
    if power.type != syms.power or power.children[-1] is not trailer or len(argument_nodes(trailer)) != 1:
        return None
    return power.children[:-1]


def _is_bytes_buffer_argument(node):
    """node is what a BytesIO buffer is made of: `io.BytesIO(…)`, `six.BytesIO(…)`, or a name
    bound to io's / six's BytesIO (first, in an import fallback)."""
    head = _one_argument_call(node)
    if head is None:
        return False
    if len(head) == 2 and head[1].type == syms.trailer and head[1].children[0].type == token.DOT:
        return head[1].children[1].value == "BytesIO" and (
            refers_to_module(head[0], "io") or refers_to_module(head[0], "six"))
    if len(head) != 1 or head[0].type != token.NAME:
        return False
    bound = binding_statements(head[0], head[0].value)
    if not bound or any(stmt is PARAMETER or stmt.type not in (syms.import_from, syms.import_name) for stmt in bound):
        return False
    return imported_from(bound[0], head[0].value) in (("io", "BytesIO"), ("six", "BytesIO"))


def _called_def(head, power):
    """(funcdef, parameters the call does not fill) for a callee `head` `f`, defined once at module
    level, or `self.f` in a method of a class that defines f once; None otherwise."""
    if len(head) == 1 and head[0].type == token.NAME:
        bound = binding_statements(head[0], head[0].value)
        if bound and len(bound) == 1 and bound[0] is not PARAMETER and bound[0].type == syms.funcdef \
                and bound[0].parent is not None and bound[0].parent.type == syms.file_input:
            return bound[0], 0
        return None
    if len(head) != 2 or not is_name(head[0], "self") or attr_trailer_name(head[1]) is None:
        return None
    found = enclosing_method(power)
    name = attr_trailer_name(head[1])
    if found is None or classes.definitions_of(found[0], name) != 1:
        return None
    defs = [stmt for stmt in classes.suite_statements(found[0]) if stmt.type == syms.funcdef and stmt.children[1].value == name]
    return (defs[0], 1) if defs else None


def _parameter_only_for_bytes(funcdef, index):
    """Whether the def's parameter at `index` is a plain name only ever handed to a bytes-only call."""
    groups = parameter_groups(funcdef)
    if index >= len(groups) or groups[index][0].type != token.NAME or \
            any(group[0].type in (token.STAR, token.DOUBLESTAR) for group in groups[:index]):
        return False
    name = groups[index][0].value
    uses = [leaf for leaf in funcdef.children[-1].leaves() if leaf.type == token.NAME and leaf.value == name]
    return bool(uses) and all(binding_statements(leaf, name) == [PARAMETER] and _is_bytes_only_argument(leaf)
                              for leaf in uses)


def _bytes_parameter_argument(leaf):
    """`self._makeStringIO('before')`: the literal is a positional argument of a call of this
    module's function (or the class's own method) whose parameter only goes to a BytesIO (or
    another bytes-only call)."""
    holder = leaf.parent
    trailer = holder.parent if holder is not None and holder.type == syms.arglist else holder
    if trailer is None or trailer.type != syms.trailer or trailer.children[0].type != token.LPAR:
        return False
    power = trailer.parent
    if power.type != syms.power:
        return False
    arguments = argument_nodes(trailer)
    position = arguments.index(leaf)
    if any(a.type == syms.argument or str(a).lstrip().startswith("*") for a in arguments[:position + 1]):
        return False
    called = _called_def(power.children[:power.children.index(trailer)], power)
    return called is not None and _parameter_only_for_bytes(called[0], called[1] + position)


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
    uses = [leaf for leaf in traversal.names(root_of(target), name) if leaf is not target]
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


def _concatenation(leaf):
    """The atom of adjacent literals `leaf` is one of, when all are native ASCII ones (or already
    given their b prefix, earlier in this pass); else None."""
    atom = leaf.parent
    if atom is None or atom.type != syms.atom or not all(
            child.type == token.STRING and (native_ascii(child) or native_ascii(child, "b"))
            for child in atom.children):
        return None
    return atom


def _decoded_literal(leaf):
    if not native_ascii(leaf):
        return False
    atom = _concatenation(leaf)
    if atom is not None:
        return _is_bytes_only_argument(atom)
    if _is_bytes_only_argument(leaf) or _added_to_encoded(leaf) or _bytes_parameter_argument(leaf):
        return True
    target = _assignment_target(leaf)
    if target is None:
        return False
    bound = binding_statements(target, target.value)
    in_class = _class_of(target) is not None
    return (in_class or (bound is not None and len(bound) == 1)) and _only_decoded(target)


def make_bytes_literals(tree):
    """Give every literal this fixer would change its b prefix (for a fixer that has just written
    the BytesIO calls such literals go to, so one run does what two would)."""
    for leaf in list(tree.leaves()):
        if leaf.type == token.STRING and _decoded_literal(leaf):
            leaf.value = "b" + leaf.value
            leaf.changed()


def ensure_binary_initial_values(tree):
    """Wrap in `six.ensure_binary(…)` what a BytesIO buffer is made of when it is no literal and not
    bytes by construction (`BytesIO('\\n'.join(lines))`: a native str, text on 3, where BytesIO takes
    bytes only). The same str on 2.7. Returns whether anything changed."""
    changed = False
    for node in list(tree.pre_order()):
        if node.type != syms.trailer or node.children[0].type != token.LPAR or len(node.children) != 3:
            continue
        argument = node.children[1]
        if _made_bytes(argument) or not _is_bytes_buffer_argument(argument):
            continue
        argument.replace(expression("six.ensure_binary(%s)" % str(argument).strip(), prefix=argument.prefix))
        changed = True
    return changed


def _made_bytes(node):
    """A literal (make_bytes_literals decides those), a name assigned only bytes literals, or a call
    that makes bytes."""
    if node.type == token.STRING or node.type == syms.atom and node.children[0].type == token.STRING:
        return True
    if node.type == token.NAME:
        return _assigned_only_bytes_literals(node)
    if node.type != syms.power or not is_call(node.children[-1]):
        return False
    callee = node.children[-2]
    name = callee.value if callee.type == token.NAME else attr_trailer_name(callee)
    return name in ("ensure_binary", "encode", "bytes", "b", "pack", "getvalue", "read", "b64decode",
                    "decodebytes", "decodestring", "unhexlify", "compress", "decompress")


def _assigned_only_bytes_literals(name):
    bound = binding_statements(name, name.value) or []
    return bool(bound) and all(
        stmt is not PARAMETER and stmt.type == syms.expr_stmt and len(stmt.children) == 3
        and stmt.children[2].type == token.STRING and stmt.children[2].value.lstrip("rR")[:1] in "bB"
        for stmt in bound)


class _Impl(TreeFixer):
    _accept_type = token.STRING

    def match(self, node):
        return _decoded_literal(node)

    def transform(self, node, results):
        node.value = "b" + node.value
        node.changed()


class BytesOnlyLiterals(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 21  # after base64_legacy has named the calls decodebytes / encodebytes
    trigger = r"\b(?:de|en)code(?:bytes|string)\b|\bBytesIO\b|\.encode\s*\(|\.loads\s*\("
    summary = "Make text literals handed only to base64.decodebytes()/encodebytes() or BytesIO() bytes literals"
    explanation = (
        "On Python 3 `base64.decodebytes` and `encodebytes` (`decodestring`/`encodestring` on 2.7) "
        "take bytes only: `decodebytes('AAEC')` raises TypeError. An ASCII text literal that is only "
        "ever passed to one of them, directly or through a name or class attribute assigned nothing "
        "else (a base64 blob kept in a constant), gets a `b` prefix: the very same str on 2.7, bytes "
        "on 3. So does a literal a `BytesIO(…)` buffer is made of (io's or six's BytesIO, also under "
        "another name an import fallback gives it first), and one added to an `.encode(…)` result "
        "(`'\\xef\\xbb\\xbf' + source.encode('utf-8')`), and a pickle handed to `pickle.loads` "
        "(a Python 2 test's protocol-0 pickle), and a literal argument of a call of the module's own "
        "function, or of `self.method(…)` of the class's own method, whose parameter goes only to one "
        "of those APIs (a test helper `_makeStringIO(self, text): return BytesIO(text)`)."
    )
    review_hint = "Nothing special: b'…' is the same str on 2.7."
    risk = SAFE


FIXER = BytesOnlyLiterals()
