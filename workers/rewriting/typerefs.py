"""Helpers for the fixers that rewrite Python 2 type names (`long`, `unicode`, `types.X`, `sys.X`…).

- `refers_to_module(leaf, "types")`: whether a NAME leaf means the module imported as `import types`
  (and nothing else binds that name in the scope that resolves it);
- `from_import_origin(leaf, "types")`: for a bare name bound at module level only by
  `from types import X [as name]`, the original name X;
- `module_attribute(power, module)`: `(attr_leaf, rest)` for `module.attr…` where module refers to
  the imported module;
- `int_long_kind(node)`: "int" / "long" for the builtins and `types.IntType` / `types.LongType`;
- `integer_tuple(atom)`: the members of a parenthesised tuple that holds both an int-like and a
  long-like member, so `(int, long)` can become `six.integer_types` in one step
  (python-future#265, #264);
- `expression(text)`: a fissix node for a small expression written as text;
- `replace_head(power, head)`: replace the first two children of `module.attr…` keeping the rest.

Names are resolved by workers.rewriting.scopes; the runner snapshots the module's imports before a
fixer's first change, so a fixer that edits `from types import …` still resolves the names it
imported.
"""
from fissix import pygram, pytree
from fissix.fixer_util import is_probably_builtin
from fissix.pgen2 import driver, token
from fissix.pygram import python_symbols as syms

from workers.rewriting import scopes

_DRIVER = driver.Driver(pygram.python_grammar_no_print_statement, convert=pytree.convert)


def expression(text, prefix=""):
    """Parse one expression; returns a detached node with `prefix`."""
    tree = _DRIVER.parse_string(text + "\n")
    node = tree.children[0].children[0]
    node.remove()
    node.prefix = prefix
    return node


def is_plain_use(leaf):
    """A NAME leaf used as a value: not an attribute, definition, parameter, keyword or import."""
    if leaf.type != token.NAME or not is_probably_builtin(leaf) or scopes.is_keyword_argument(leaf):
        return False
    if scopes.is_lambda_parameter(leaf) or scopes.in_import(leaf):
        return False
    return True


def refers_to_module(leaf, module):
    """True when NAME `leaf` (a plain use) means the module `module`, imported by `import module`."""
    if leaf.type != token.NAME or not is_plain_use(leaf):
        return False
    meaning = scopes.meaning(leaf)
    return meaning.kind == scopes.MODULE and meaning.module == module


def free_or_module(node, name, module):
    """Whether code at `node` can use `name` for `module`: no scope binds it, or every binding is
    `import module`."""
    scope = scopes.binding_scope(node, name)
    return scope is None or all(
        scopes.imports_module(binding, module, name) for binding in scopes.binding_nodes(scope).get(name, ()))


def from_import_origin(leaf, module):
    """X when bare `leaf` is bound, at module level only, by `from module import X [as leaf]`."""
    root = scopes.root_of(leaf)
    if leaf.value not in scopes.names_from_imports(root, module) or not is_plain_use(leaf):
        return None
    meaning = scopes.meaning(leaf)
    if meaning.kind == scopes.FROM_IMPORT and meaning.module == module and meaning.scope is root:
        return meaning.name
    return None


def module_attribute(node, module):
    """For a power node `module.attr…` (module meaning the imported module): the attr leaf."""
    if node.type != syms.power or len(node.children) < 2:
        return None
    head, trailer = node.children[0], node.children[1]
    if head.type != token.NAME or head.value != module:
        return None
    if trailer.type != syms.trailer or trailer.children[0].type != token.DOT:
        return None
    if not refers_to_module(head, module):
        return None
    return trailer.children[1]


def replace_head(power, head_nodes, count=2):
    """Replace the first `count` children of power with `head_nodes` (a list), keeping the rest and
    the prefix. Returns the node now standing where power stood."""
    rest = [child.clone() for child in power.children[count:]]
    prefix = power.prefix
    if not rest and len(head_nodes) == 1:
        new = head_nodes[0]
    else:
        new = pytree.Node(syms.power, head_nodes + rest)
    new.prefix = prefix
    power.replace(new)
    return new


def int_long_kind(node, allow_types=True):
    """"int" / "long" when node is the builtin int / long, or types.IntType / types.LongType (also
    bare IntType / LongType from `from types import …`); else None."""
    if node.type == token.NAME:
        if node.value in ("int", "long") and scopes.refers_to_builtin(node):
            return node.value
        if allow_types:
            origin = from_import_origin(node, "types")
            if origin in ("IntType", "LongType"):
                return "int" if origin == "IntType" else "long"
        return None
    if allow_types and node.type == syms.power and len(node.children) == 2:
        attr = module_attribute(node, "types")
        if attr is not None and attr.value in ("IntType", "LongType"):
            return "int" if attr.value == "IntType" else "long"
    return None


def tuple_members(atom):
    """The members of `(a, b, …)` (an atom holding a tuple), or of the bare tuple an assignment
    assigns (`X = a, b`), or None."""
    if _assigned_bare_tuple(atom):
        inner = atom
    elif atom.type != syms.atom or len(atom.children) != 3 or atom.children[0].type != token.LPAR:
        return None
    else:
        inner = atom.children[1]
    if inner.type not in (syms.testlist_gexp, syms.testlist_star_expr, syms.testlist):
        return None
    if any(child.type in (syms.comp_for, getattr(syms, "old_comp_for", syms.comp_for)) for child in inner.children):
        return None
    if not any(child.type == token.COMMA for child in inner.children):
        return None
    return [child for child in inner.children if child.type != token.COMMA]


def _assigned_bare_tuple(node):
    """`a, b` as the value of `X = a, b` (the last child of the assignment)."""
    parent = node.parent
    return (node.type in (syms.testlist_star_expr, syms.testlist) and parent is not None
            and parent.type == syms.expr_stmt and len(parent.children) == 3 and parent.children[2] is node
            and parent.children[1].type == token.EQUAL
            and parent.children[0].type not in (syms.testlist_star_expr, syms.exprlist, syms.testlist, syms.atom))


def integer_tuple(atom, allow_types=True):
    """(members, kinds) when the tuple holds both an int-like and a long-like member."""
    members = tuple_members(atom)
    if not members:
        return None
    kinds = [int_long_kind(member, allow_types) for member in members]
    if "int" in kinds and "long" in kinds:
        return members, kinds
    return None


# Parents in which `a + b` may stand without parentheses.
_LOOSE_PARENTS = {
    syms.arglist, syms.argument, syms.comparison, syms.expr_stmt, syms.return_stmt, syms.testlist_gexp,
    syms.listmaker, syms.testlist_star_expr, syms.testlist, syms.exprlist, syms.dictsetmaker, syms.subscript,
    syms.subscriptlist, syms.and_test, syms.or_test, syms.not_test, syms.test, syms.lambdef, syms.annassign,
}


def integer_tuple_replacement(atom, members, kinds):
    """`six.integer_types`, or `(a,) + six.integer_types + (b,)` keeping the other members in place."""
    before, after, seen = [], [], False
    for member, kind in zip(members, kinds):
        if kind in ("int", "long"):
            seen = True
            continue
        (after if seen else before).append(str(member).strip())
    parts = []
    if before:
        parts.append(_tuple_text(before))
    parts.append("six.integer_types")
    if after:
        parts.append(_tuple_text(after))
    text = " + ".join(parts)
    parent = atom.parent
    if len(parts) > 1:
        loose = parent is not None and (parent.type in _LOOSE_PARENTS or (
            parent.type == syms.trailer and parent.children[0].type == token.LPAR))
        if not loose:
            text = "(%s)" % text
    return expression(text, prefix=atom.prefix)


def _tuple_text(members):
    return "(%s%s)" % (", ".join(members), "," if len(members) == 1 else "")


def is_builtin_use(leaf):
    """`names.refers_to_builtin`, plus a lone base class: `class E(StandardError):`, whose NAME sits
    directly in the classdef (fissix's is_probably_builtin takes it for the class's own name)."""
    parent = leaf.parent
    if leaf.type == token.NAME and parent is not None and parent.type == syms.classdef and \
            leaf is not parent.children[1] and leaf.prev_sibling is not None and \
            leaf.prev_sibling.type == token.LPAR:
        return not scopes.is_bound_around(leaf, leaf.value)
    return scopes.refers_to_builtin(leaf)
