"""`repr(x).decode('utf-8')` → `six.ensure_text(repr(x), 'utf-8')`: decoding a native str.

What `repr()`, `str()`, a plain literal's `%` format or `.join()`, `strftime()`, a `+` of those,
or a function of the module every return of which is one, give is a byte string on 2.7,
which `.decode()` turns into text, and text already on 3, where str has no `decode`.
`six.ensure_text(s, …)` calls `s.decode(…)` on 2.7 and returns a text s as it is on 3. So is a
name every assignment of which gives such a value (`info = ''.join(lines)` / `info = '?'`).
"""
import codecs

from fissix import pytree
from fissix.fixer_util import ArgList, Attr, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import, has_future_feature
from workers.rewriting.protocols import attr_trailer_name, is_call, power_from
from workers.rewriting.scopes import PARAMETER, binding_statements, imported_module, refers_to_builtin, root_of

_NATIVE_CALLS = ("repr", "str")


def _plain_literal(node):
    """A native str literal: no u or b prefix, and no unicode_literals in the module."""
    if node.type != token.STRING or node.value[:1] not in "'\"rR":
        return False
    return not has_future_feature(root_of(node), "unicode_literals")


def _native(node, seen=()):
    """node's value is certainly a native str (bytes on 2.7, text on 3)."""
    if node.type == syms.atom and node.children[0].type == token.LPAR and len(node.children) == 3:
        return _native(node.children[1], seen)
    if node.type == syms.atom and all(child.type == token.STRING for child in node.children):
        return all(_plain_literal(child) for child in node.children)  # implicit concatenation
    if _plain_literal(node):
        return True
    if node.type == syms.term and len(node.children) == 3 and node.children[1].type == token.PERCENT:
        return _plain_literal(node.children[0])
    if node.type == syms.arith_expr and all(op.type == token.PLUS for op in node.children[1::2]):
        return all(_native(operand, seen) for operand in node.children[::2])
    if node.type == token.NAME:
        return node not in seen and _name_native(node, seen + (node,))
    return node.type == syms.power and _native_power(node.children, seen)


# str methods giving a str of the same kind
_STR_METHODS = {"strip", "lstrip", "rstrip", "lower", "upper", "replace", "expandtabs", "title", "capitalize"}


def _native_power(children, seen=()):
    """`repr(x)`, `str(x)`, `'…'.join(parts)`, maybe followed by `.strip()` and the like."""
    if len(children) < 2 or not is_call(children[-1]):
        return False
    if len(children) == 2:
        head = children[0]
        if head.type == token.NAME and head.value in _NATIVE_CALLS and refers_to_builtin(head):
            return True
        return head.type == token.NAME and head not in seen and _returns_native(head, seen + (head,))
    if attr_trailer_name(children[-2]) == "strftime":
        return True  # date, datetime, time and the time module format to a native str
    if len(children) == 3 and attr_trailer_name(children[1]) == "join":
        return _plain_literal(children[0])
    if attr_trailer_name(children[-2]) in _STR_METHODS:
        rest = children[:-2]
        return _native(rest[0], seen) if len(rest) == 1 else _native_power(rest, seen)
    return False


def _name_native(name, seen):
    """Every statement binding the name is `name = <native str>`."""
    bound = binding_statements(name, name.value)
    if not bound:
        return False
    for stmt in bound:
        if stmt is PARAMETER or stmt.type != syms.expr_stmt or len(stmt.children) != 3 or \
                stmt.children[1].type != token.EQUAL or stmt.children[0].type != token.NAME or \
                not _native(stmt.children[2], seen):
            return False
    return True


def _returns_native(name, seen):
    """`name` is bound only by a def (not a generator) every return of which gives a native str."""
    bound = binding_statements(name, name.value)
    if not bound or len(bound) != 1 or bound[0] is PARAMETER or bound[0].type != syms.funcdef:
        return False
    results = _own_returns(bound[0].children[-1])
    return results is not None and bool(results) and all(
        value is not None and _native(value, seen) for value in results)


def _own_returns(node):
    """The values (None for a bare return) of the returns in a function body, not counting nested
    functions and classes; None when the body yields."""
    values = []
    for child in node.children:
        if child.type in (syms.funcdef, syms.classdef, syms.lambdef):
            continue
        if child.type in (syms.yield_expr, syms.yield_stmt) or child.type == token.NAME and child.value == "yield":
            return None
        if child.type == syms.return_stmt:
            values.append(child.children[1] if len(child.children) > 1 else None)
            continue
        if isinstance(child, pytree.Node):
            inner = _own_returns(child)
            if inner is None:
                return None
            values.extend(inner)
    return values


def _text_codec(args):
    """The arguments of `.decode(…)` name a text encoding: a literal of one (not an escape codec),
    or any other expression (a charset variable)."""
    if not args or args[0].type == syms.argument:
        return False
    encoding = args[0]
    if encoding.type != token.STRING:
        return True
    try:
        info = codecs.lookup(encoding.value.lstrip("rRuUbB").strip("'\""))
    except LookupError:
        return False  # string-escape and the like: gone on 3
    return info._is_text_encoding and "escape" not in info.name


def _decode_index(power):
    """The index of `.decode` in `<native str>.decode(encoding, …)` within power, or None."""
    children = power.children
    for index in range(1, len(children) - 1):
        if attr_trailer_name(children[index]) == "decode" and is_call(children[index + 1]):
            receiver = children[:index]
            native = _native(receiver[0]) if index == 1 else _native_power(receiver)
            return index if native and _text_codec(argument_nodes(children[index + 1])) else None
    return None


def _six_free(node):
    """`six` at node is unbound (an import is added) or the six module."""
    bound = binding_statements(node, "six")
    return bound is None or all(stmt is not PARAMETER and imported_module(stmt, "six") == "six" for stmt in bound)


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        index = _decode_index(node)
        return {"index": index} if index is not None and _six_free(node) else False

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_six = False

    def transform(self, node, results):
        index = results["index"]
        children = node.children
        receiver = power_from([child.clone() for child in children[:index]]) if index > 1 else children[0].clone()
        receiver.prefix = ""
        inner = children[index + 1].children[1]
        passed = inner.children if inner.type == syms.arglist else [inner]
        args = [receiver, pytree.Leaf(token.COMMA, ",")] + [arg.clone() for arg in passed]
        args[2].prefix = " "
        call = pytree.Node(syms.power, Attr(Name("six"), Name("ensure_text")) + [ArgList(args)])
        rest = [child.clone() for child in children[index + 2:]]
        self.needs_six = True
        return power_from(list(call.children) + rest, prefix=node.prefix)

    def after_fix(self, tree):
        if self.needs_six:
            add_import(tree, "six")
        super().after_fix(tree)


class NativeStrDecode(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 25
    trigger = r"\.decode\s*\("
    summary = "Decode a native str through six.ensure_text: `repr(x).decode('utf-8')`"
    explanation = (
        "`repr(x)`, `str(x)`, a plain literal's `'…' % args` or `'…'.join(parts)` is a byte string on "
        "2.7, which code turns into text with `.decode('utf-8', 'replace')`; on 3 it is text already "
        "and str has no `decode` (AttributeError). `repr(x).decode('utf-8', 'replace')` becomes "
        "`six.ensure_text(repr(x), 'utf-8', 'replace')`, which calls that very `decode` on 2.7 and "
        "returns the text as it is on 3. So does a name every assignment of which is such a value. "
        "Only with a text encoding (or a variable naming one): `'string-escape'` and the other codecs "
        "that are gone on 3 are left alone. A format or join whose parts are unicode on 2.7 gives "
        "unicode there, which six.ensure_text returns as it is where `.decode` encoded it to ASCII "
        "first (raising for other characters)."
    )
    review_hint = "Nothing special for str/repr; a join or format of unicode parts no longer raises on 2.7."
    risk = SAFE
    requires = ("six",)


FIXER = NativeStrDecode()
