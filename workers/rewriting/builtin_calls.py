"""Helpers for the fixers that rewrite calls of Python 2 builtins (apply, xrange, raw_input, cmp…).

- `call_trailer(leaf)`: the `(...)` trailer when a NAME leaf is called directly (`f(...)`).
- `call_arguments(trailer)`: positional and keyword arguments of a call, or None for `*a`/`**k`.
- `is_simple(node)`: a side-effect-free operand: name, dotted attribute, literal, simple subscript.
- `moves_form(leaf, name)`: whether `name` written at `leaf` would reach a module-level
  `from six.moves import name` ("plain") or must be spelled `six.moves.name` ("attr").
- `wrap_call(leaf, wrapper)`: `f(args)` → `wrapper(f(args))` in place, moving (not cloning) the
  original nodes so the fixer loop still visits the sites inside the arguments.
- `dotted(text, prefix)`: a `six.moves.x` expression node.
"""
from fissix import pytree
from fissix.fixer_util import Dot, LParen, Name, RParen
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import scopes
from workers.rewriting.scopes import bound_below_module, module_binds, root_of


def call_trailer(leaf):
    """The call trailer of `leaf(...)`, or None when the leaf is not called directly."""
    parent = leaf.parent
    if parent is None or parent.type != syms.power or parent.children[0] is not leaf:
        return None
    trailer = parent.children[1]
    if trailer.type == syms.trailer and trailer.children[0].type == token.LPAR:
        return trailer
    return None


def is_whole_call(leaf):
    """`leaf(...)` with nothing after the call (no `.attr`, `[i]` or further call)."""
    trailer = call_trailer(leaf)
    return trailer is not None and len(leaf.parent.children) == 2


def argument_nodes(trailer):
    """The argument nodes of a call trailer (commas left out)."""
    inner = trailer.children[1:-1]
    if not inner:
        return []
    if inner[0].type == syms.arglist:
        return [child for child in inner[0].children if child.type != token.COMMA]
    return [inner[0]]


def call_arguments(trailer):
    """(positional nodes, {keyword: argument node}) or None if the call uses *args/**kwargs,
    a generator argument or repeats a keyword."""
    positional, keywords = [], {}
    for arg in argument_nodes(trailer):
        if arg.type == syms.argument:
            first = arg.children[0]
            if first.type in (token.STAR, token.DOUBLESTAR) or len(arg.children) != 3 or (
                    arg.children[1].type != token.EQUAL):
                return None
            if first.value in keywords:
                return None
            keywords[first.value] = arg
        elif arg.type == syms.star_expr or (arg.type == token.STAR or arg.type == token.DOUBLESTAR):
            return None
        else:
            if keywords:
                return None
            positional.append(arg)
    return positional, keywords


def is_none(node):
    return node.type == token.NAME and node.value == "None"


_KEYWORDS = {"lambda", "not", "and", "or", "if", "else", "yield", "await"}


_PURE_BUILTINS = frozenset(["len", "abs", "id", "type"])


def is_simple(node):
    """Side-effect-free, cheap to evaluate twice: `x`, `a.b.c`, `1`, `-1`, `'s'`, `x[0]`, `a.b[k]`,
    tuples of those, and `len(x)`-style calls of pure builtins on them."""
    if _is_pure_builtin_call(node):
        return True
    if node.type == token.NAME:
        return node.value not in _KEYWORDS
    if node.type in (token.NUMBER, token.STRING):
        return True
    if node.type == syms.atom:
        children = node.children
        if all(child.type == token.STRING for child in children):
            return True  # implicit concatenation
        if len(children) == 3 and children[0].type == token.LPAR and children[2].type == token.RPAR:
            inner = children[1]
            if inner.type == syms.testlist_gexp and not any(c.type == syms.comp_for for c in inner.children):
                return all(c.type == token.COMMA or is_simple(c) for c in inner.children)
            return is_simple(inner)
        return False
    if node.type == syms.factor:
        return node.children[0].type in (token.MINUS, token.PLUS) and node.children[1].type == token.NUMBER
    if node.type == syms.power:
        first = node.children[0]
        if first.type != token.NAME or first.value in _KEYWORDS:
            return False
        for trailer in node.children[1:]:
            if trailer.type != syms.trailer:
                return False
            opener = trailer.children[0]
            if opener.type == token.DOT:
                continue
            if opener.type == token.LSQB and len(trailer.children) == 3 and _is_simple_index(trailer.children[1]):
                continue
            return False
        return True
    return False


def _is_pure_builtin_call(node):
    if node.type != syms.power or len(node.children) != 2:
        return False
    head, trailer = node.children
    if head.type != token.NAME or head.value not in _PURE_BUILTINS or trailer.type != syms.trailer:
        return False
    if trailer.children[0].type != token.LPAR or len(trailer.children) != 3:
        return False
    argument = trailer.children[1]
    return argument.type != syms.arglist and is_simple(argument) and scopes.refers_to_builtin(head)


def _is_simple_index(node):
    if node.type == syms.subscript:
        return all(child.type == token.COLON or is_simple(child) for child in node.children)
    return is_simple(node)


def imports_from_six_moves(tree, name):
    for node in tree.children:
        if node.type != syms.simple_stmt:
            continue
        for stmt in node.children:
            if stmt.type == syms.import_from and str(stmt.children[1]).strip() == "six.moves":
                if name in scopes.bound_by(stmt):
                    return True
    return False


def moves_form(leaf, name):
    """"plain" when `name` at `leaf` will mean `from six.moves import name` once that import is at
    module level; "attr" when something else binds `name` there (use `six.moves.name`)."""
    if bound_below_module(leaf, name):
        return "attr"
    tree = root_of(leaf)
    if module_binds(tree, name) and not imports_from_six_moves(tree, name):
        return "attr"
    return "plain"


def dotted(text, prefix=""):
    """`a.b.c` as a power node."""
    parts = text.split(".")
    children = [Name(parts[0])]
    for part in parts[1:]:
        children.append(pytree.Node(syms.trailer, [Dot(), Name(part)]))
    node = pytree.Node(syms.power, children)
    node.prefix = prefix
    return node


def replace_name_with_dotted(leaf, text):
    """Replace a NAME leaf by `a.b.c`, keeping the tree shape fissix expects."""
    parts = text.split(".")
    prefix = leaf.prefix
    if leaf.parent is not None and leaf.parent.type == syms.power and leaf.parent.children[0] is leaf:
        new = [Name(parts[0], prefix=prefix)] + [pytree.Node(syms.trailer, [Dot(), Name(p)]) for p in parts[1:]]
        leaf.replace(new)
    else:
        leaf.replace(dotted(text, prefix))


def wrap_call(leaf, wrapper):
    """`leaf(args) rest` → `wrapper(leaf(args)) rest`, moving the original nodes."""
    power = leaf.parent
    trailer = power.children[1]
    prefix = leaf.prefix
    trailer.remove()
    leaf.replace(Name(wrapper, prefix=prefix))
    leaf.prefix = ""
    inner = pytree.Node(syms.power, [leaf, trailer])
    power.insert_child(1, pytree.Node(syms.trailer, [LParen(), inner, RParen()]))
