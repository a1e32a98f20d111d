"""Which statement gives a name its meaning: so `string.join(...)` is rewritten only where `string`
is the stdlib module, and `smart_unicode` only where it is Django's.

Builds on names.py (same scope rules): `binding_statements(node, name)` returns the statements of
the innermost scope around `node` that binds `name` — each an `import`, a `def`, an assignment … —
or None when no scope binds it (a builtin, or a name from a star import).
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.names import _bound_by, _enclosing_scope, _globals_declared, _own_nodes, _parameters, root_of, \
    bound_names

PARAMETER = "parameter"


def binding_scope(node, name):
    scope = _enclosing_scope(node)
    inner_function = False
    while scope is not None:
        skip_class = scope.type == syms.classdef and inner_function
        if not skip_class and name in bound_names(scope):
            if scope.type in (syms.funcdef, syms.lambdef) and name in _globals_declared(scope):
                root = root_of(scope)
                return root if name in bound_names(root) else None
            return scope
        if scope.type in (syms.funcdef, syms.lambdef):
            if name in _globals_declared(scope):
                root = root_of(scope)
                return root if name in bound_names(root) else None
            inner_function = True
        scope = _enclosing_scope(scope)
    return None


def binding_statements(node, name):
    """[statement or PARAMETER] binding `name` in the innermost scope around `node` that binds it."""
    scope = binding_scope(node, name)
    if scope is None:
        return None
    found = []
    if name in _parameters(scope):
        found.append(PARAMETER)
    for own in _own_nodes(scope):
        if name in _bound_by(own):
            found.append(own)
    return found


def imported_module(stmt, name):
    """For an `import` statement binding `name`: the dotted module it binds it to
    (`import string` → "string", `import a.b as name` → "a.b"); None for anything else.
    `import a.b` binds `a`, which is module "a"."""
    if stmt is PARAMETER or stmt.type != syms.import_name:
        return None
    names = stmt.children[1]
    items = [c for c in names.children if c.type != token.COMMA] if names.type == syms.dotted_as_names else [names]
    for item in items:
        if item.type == syms.dotted_as_name and item.children[-1].value == name:
            return _dotted(item.children[0])
        if item.type == syms.dotted_name and item.children[0].value == name:
            return name
        if item.type == token.NAME and item.value == name:
            return name
    return None


def imported_from(stmt, name):
    """For `from module import original as name` binding `name`: (module, original); else None."""
    if stmt is PARAMETER or stmt.type != syms.import_from:
        return None
    module = _dotted(stmt.children[1])
    for leaf, alias in import_from_names(stmt):
        if (alias or leaf).value == name:
            return module, leaf.value
    return None


def import_from_names(stmt):
    """[(name leaf, alias leaf or None)] of a `from … import …` statement."""
    pairs = []
    stack = list(stmt.children[3:])
    while stack:
        item = stack.pop(0)
        if item.type == syms.import_as_name:
            pairs.append((item.children[0], item.children[-1]))
        elif item.type == token.NAME:
            pairs.append((item, None))
        elif item.type == syms.import_as_names:
            stack[:0] = [c for c in item.children if c.type != token.COMMA]
    return pairs


def from_module(stmt):
    return _dotted(stmt.children[1]) if stmt.type == syms.import_from else None


def _dotted(node):
    return "".join(str(leaf).strip() for leaf in node.leaves()) if not node.type == token.NAME else node.value


def module_imports_django(tree):
    """Whether the module imports anything from Django (at any level)."""
    for node in tree.pre_order():
        if node.type == syms.import_from:
            module = from_module(node)
            if module == "django" or module.startswith("django."):
                return True
        elif node.type == syms.import_name:
            for leaf in node.children[1].leaves():
                if leaf.type == token.NAME and leaf.value == "django" and (
                        leaf.prev_sibling is None or leaf.prev_sibling.type == token.COMMA):
                    return True
    return False
