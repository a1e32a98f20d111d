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

Module-level bindings are computed once per tree (`prime(tree)` in start_tree, before anything
changes) so a fixer that edits `from types import …` still resolves the names it imported.
"""
from fissix import pygram, pytree
from fissix.fixer_util import is_probably_builtin
from fissix.pgen2 import driver, token
from fissix.pygram import python_symbols as syms

from workers.rewriting import names as _names

_CACHE = "_py3bridge_binding_nodes"
_DRIVER = driver.Driver(pygram.python_grammar_no_print_statement, convert=pytree.convert)


def expression(text, prefix=""):
    """Parse one expression; returns a detached node with `prefix`."""
    tree = _DRIVER.parse_string(text + "\n")
    node = tree.children[0].children[0]
    node.remove()
    node.prefix = prefix
    return node


def prime(tree):
    """Compute module-level bindings now, before a fixer changes imports."""
    if not isinstance(tree, pytree.Node):  # an empty file parses to a lone ENDMARKER leaf
        return
    for nodes in _binding_nodes(tree).values():
        for node in nodes:
            if node is not None and node.type == syms.import_from:
                _from_import_names(node, str(node.children[1]).strip())


def _binding_nodes(scope):
    cached = getattr(scope, _CACHE, None)
    if cached is None:
        cached = {}
        for name in _names._parameters(scope):
            cached.setdefault(name, []).append(None)  # a parameter: not an import
        for node in _names._own_nodes(scope):
            for name in _names._bound_by(node):
                cached.setdefault(name, []).append(node)
        setattr(scope, _CACHE, cached)
    return cached


def binding_scope(node, name):
    """The innermost scope that binds `name` for code at `node`, or None (builtin/undefined)."""
    scope = _names._enclosing_scope(node)
    inner_function = False
    while scope is not None:
        skip_class = scope.type == syms.classdef and inner_function
        if not skip_class and name in _binding_nodes(scope):
            return scope
        if scope.type in (syms.funcdef, syms.lambdef):
            if name in _names._globals_declared(scope):
                root = _names.root_of(scope)
                return root if name in _binding_nodes(root) else None
            inner_function = True
        scope = _names._enclosing_scope(scope)
    return None


def is_plain_use(leaf):
    """A NAME leaf used as a value: not an attribute, definition, parameter, keyword or import."""
    if leaf.type != token.NAME or not is_probably_builtin(leaf) or _names._is_keyword_argument(leaf):
        return False
    if _names._is_lambda_parameter(leaf) or _names.in_import(leaf):
        return False
    return True


def _imports_module_as(node, module, name):
    if node is None or node.type != syms.import_name:
        return False
    names_node = node.children[1]
    items = [c for c in names_node.children if c.type != token.COMMA] \
        if names_node.type == syms.dotted_as_names else [names_node]
    for item in items:
        if item.type == syms.dotted_as_name:
            if item.children[-1].value == name and str(item.children[0]).strip() == module:
                return True
        elif item.type == syms.dotted_name:
            if item.children[0].value == name == module:
                return True
        elif item.type == token.NAME and item.value == name == module:
            return True
    return False


def refers_to_module(leaf, module):
    """True when NAME `leaf` (a plain use) means the module `module`, imported by `import module`."""
    if leaf.type != token.NAME or not is_plain_use(leaf):
        return False
    scope = binding_scope(leaf, leaf.value)
    return scope is not None and _only_imports(scope, leaf.value, module)


def free_or_module(node, name, module):
    """Whether code at `node` can use `name` for `module`: no scope binds it, or every binding is
    `import module`."""
    scope = binding_scope(node, name)
    return scope is None or _only_imports(scope, name, module)


def _only_imports(scope, name, module):
    return all(_imports_module_as(node, module, name) for node in _binding_nodes(scope)[name])


_FROM_CACHE = "_py3bridge_from_import_names"


def _from_import_names(node, module):
    """{bound name: original name} for `from module import a, b as c` (as first seen: a fixer may
    later remove names from the statement)."""
    if node is None or node.type != syms.import_from:
        return None
    cached = getattr(node, _FROM_CACHE, None)
    if cached is None:
        cached = (str(node.children[1]).strip(), _read_from_import(node))
        setattr(node, _FROM_CACHE, cached)
    return cached[1] if cached[0] == module else None


def _read_from_import(node):
    found = {}
    stack = list(node.children[3:])
    while stack:
        item = stack.pop()
        if item.type == syms.import_as_name:
            found[item.children[-1].value] = item.children[0].value
        elif item.type == token.NAME:
            found[item.value] = item.value
        elif item.type == syms.import_as_names:
            stack.extend(c for c in item.children if c.type != token.COMMA)
    return found


def _names_from_imports(root, module):
    """Every local name some `from module import …` in the file binds (cached on the tree): the
    quick answer for the many leaves that are none of them."""
    cache = getattr(root, "_py3bridge_from_imports", None)
    if cache is None:
        cache = root._py3bridge_from_imports = {}
    if module not in cache:
        names = set()
        for node in root.pre_order():
            if node.type == syms.import_from:
                names.update(_from_import_names(node, module) or ())
        cache[module] = frozenset(names)
    return cache[module]


def from_import_origin(leaf, module):
    """X when bare `leaf` is bound, at module level only, by `from module import X [as leaf]`."""
    root = _names.root_of(leaf)
    if not getattr(root, "being_fixed", False) and leaf.value not in _names_from_imports(root, module):
        return None  # the quick answer, valid while nothing rewrites the tree
    if not is_plain_use(leaf):
        return None
    scope = binding_scope(leaf, leaf.value)
    if scope is None or scope.parent is not None:
        return None
    origins = set()
    for node in _binding_nodes(scope)[leaf.value]:
        mapping = _from_import_names(node, module)
        if not mapping or leaf.value not in mapping:
            return None
        origins.add(mapping[leaf.value])
    return origins.pop() if len(origins) == 1 else None


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
        if node.value in ("int", "long") and _names.refers_to_builtin(node):
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
    """The members of `(a, b, …)` (an atom holding a tuple), or None."""
    if atom.type != syms.atom or len(atom.children) != 3 or atom.children[0].type != token.LPAR:
        return None
    inner = atom.children[1]
    if inner.type != syms.testlist_gexp:
        return None
    if any(child.type in (syms.comp_for, getattr(syms, "old_comp_for", syms.comp_for)) for child in inner.children):
        return None
    if not any(child.type == token.COMMA for child in inner.children):
        return None
    return [child for child in inner.children if child.type != token.COMMA]


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
        parts.append("(%s,)" % ", ".join(before))
    parts.append("six.integer_types")
    if after:
        parts.append("(%s,)" % ", ".join(after))
    text = " + ".join(parts)
    parent = atom.parent
    if len(parts) > 1:
        loose = parent is not None and (parent.type in _LOOSE_PARENTS or (
            parent.type == syms.trailer and parent.children[0].type == token.LPAR))
        if not loose:
            text = "(%s)" % text
    return expression(text, prefix=atom.prefix)


def is_builtin_use(leaf):
    """`names.refers_to_builtin`, plus a lone base class: `class E(StandardError):`, whose NAME sits
    directly in the classdef (fissix's is_probably_builtin takes it for the class's own name)."""
    parent = leaf.parent
    if leaf.type == token.NAME and parent is not None and parent.type == syms.classdef and \
            leaf is not parent.children[1] and leaf.prev_sibling is not None and \
            leaf.prev_sibling.type == token.LPAR:
        return not _names.is_bound_around(leaf, leaf.value)
    return _names.refers_to_builtin(leaf)
