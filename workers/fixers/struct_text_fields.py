"""`struct.unpack` results used as text → their string fields decoded to native str on Python 3.

On 2.7 an `s` (or `c`) field of `struct.unpack` is a str, and code read it as text: pytz's
`magic, … = unpack(head_fmt, fp.read(head_size))` then `assert magic == 'TZif'`, and
`tznames_raw = data[-1]` then `tznames_raw.find('\\0', …)`. On 3 those fields are bytes: the
comparison is always false and str methods refuse a str argument. When a name the unpacking binds
(or a name assigned `name[i]` of its result) is compared with a native string literal or given one
to a str method, the call becomes

    tuple(six.ensure_str(field, 'latin-1') if isinstance(field, bytes) else field
          for field in unpack(…))

On 2.7 every field comes back unchanged (ensure_str returns a str as it is); on 3 a bytes field
becomes the str with the same characters (latin-1 maps each byte to one character), so the text
operations see what 2.7's saw. The numbers stay numbers.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, is_call
from workers.rewriting.scopes import binding_statements, enclosing_scope, imported_from
from workers.rewriting.typerefs import expression, refers_to_module

UNPACKERS = frozenset({"unpack", "unpack_from"})
STR_METHODS = frozenset({"find", "rfind", "index", "rindex", "count", "split", "rsplit", "startswith",
                         "endswith", "replace", "strip", "lstrip", "rstrip", "partition", "rpartition"})
DECODED = ("tuple(six.ensure_str(field, 'latin-1') if isinstance(field, bytes) else field "
           "for field in %s)")


def _is_unpack_call(power):
    """`unpack(…)` / `unpack_from(…)` from struct, or `struct.unpack(…)`: the call and nothing after."""
    if power.type != syms.power or not is_call(power.children[-1]):
        return False
    head = power.children[0]
    if len(power.children) == 2 and head.type == token.NAME and head.value in UNPACKERS:
        bound = binding_statements(head, head.value) or []
        return len(bound) == 1 and (imported_from(bound[0], head.value) or ("",))[0] == "struct"
    return len(power.children) == 3 and attr_trailer_name(power.children[1]) in UNPACKERS and (
        refers_to_module(head, "struct"))


def _target_names(target):
    if target.type == token.NAME:
        return [target.value]
    if target.type == syms.atom and len(target.children) == 3:
        return _target_names(target.children[1])
    if target.type in (syms.testlist_star_expr, syms.exprlist, syms.testlist_gexp, syms.testlist):
        return [name for child in target.children if child.type != token.COMMA for name in _target_names(child)]
    return []


def _is_native_literal(node):
    if node.type != token.STRING:
        return False
    prefix = node.value[:len(node.value) - len(node.value.lstrip("rRuUbB"))]
    return prefix.lower() in ("", "r")


def _indexed_names(scope, names):
    """Names assigned `name[…]` of one of `names` in the scope's own statements."""
    found = set()
    for node in scope.pre_order():
        if node.type != syms.expr_stmt or len(node.children) != 3 or node.children[0].type != token.NAME:
            continue
        value = node.children[2]
        if value.type == syms.power and len(value.children) == 2 and value.children[0].type == token.NAME and (
                value.children[0].value in names and value.children[1].children[0].type == token.LSQB):
            found.add(node.children[0].value)
    return found


def used_as_text(leaf):
    """`leaf == 'x'` (or !=, the other way round) or `leaf.find('x', …)`-like."""
    parent = leaf.parent
    if parent.type == syms.comparison and len(parent.children) == 3 and parent.children[1].type in (
            token.EQEQUAL, token.NOTEQUAL):
        other = parent.children[2] if parent.children[0] is leaf else parent.children[0]
        return _is_native_literal(other)
    if parent.type == syms.power and parent.children[0] is leaf and len(parent.children) >= 3:
        method, call = parent.children[1], parent.children[2]
        if attr_trailer_name(method) in STR_METHODS and is_call(call):
            args = argument_nodes(call)
            return bool(args) and _is_native_literal(args[0])
    return False


def _fields_used_as_text(expr_stmt):
    scope = enclosing_scope(expr_stmt)
    names = set(_target_names(expr_stmt.children[0]))
    if scope is None or not names:
        return False
    names |= _indexed_names(scope, names)
    return any(leaf.type == token.NAME and leaf.value in names and used_as_text(leaf) and (
        enclosing_scope(leaf) is scope) for leaf in scope.leaves())


class _Impl(TreeFixer):
    _accept_type = syms.expr_stmt

    def match(self, node):
        if len(node.children) != 3 or node.children[1].type != token.EQUAL:
            return False
        return _is_unpack_call(node.children[2]) and _fields_used_as_text(node)

    def transform(self, node, results):
        call = node.children[2]
        call.replace(expression(DECODED % str(call).strip(), prefix=call.prefix))
        self.needs_six = True


class StructTextFields(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 72
    trigger = r"\bunpack(?:_from)?\s*\("
    summary = "Decode struct.unpack's string fields to str on Python 3 where the code reads them as text"
    explanation = (
        "On Python 2 the `s` fields struct.unpack returns are str, and code compared them with "
        "string literals or searched them with str methods; on 3 they are bytes, so the comparison "
        "is always false and the methods refuse a str argument. Where a name the unpacking binds (or "
        "an item of its result) is used that way, the call's bytes fields become native str "
        "(`six.ensure_str(field, 'latin-1')`, one character a byte): unchanged on 2.7, the same text "
        "on 3."
    )
    review_hint = "Check that no field of that unpacking is written out or hashed as bytes afterwards."
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = StructTextFields()
