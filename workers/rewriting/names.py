"""Which names a module binds itself: so `file`, `next`, `unicode`, `long`, `input`, `reduce` … are
rewritten only where they still mean the builtin.

A name leaf refers to the builtin when it is used as a plain name (not an attribute, a keyword
argument, a parameter or a definition) and no enclosing scope binds it: not the function it is in
(parameters, assignments, loops, imports, `def`/`class`, `with … as`, `except … as`, comprehension
variables, which leak in Python 2), not the functions around that, not the module. A class body
counts only for code directly in it, as in Python. `global x` in a function sends the question to
the module. A star import is taken as binding nothing; its module's names are unknowable here.

Each scope's bindings are computed once and kept on the scope node.
"""
from fissix import pytree
from fissix.fixer_util import is_probably_builtin
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

_SCOPES = (syms.funcdef, syms.classdef, syms.lambdef, syms.file_input)
_CACHE = "_py3bridge_bound_names"


def refers_to_builtin(leaf):
    """True when a NAME leaf is a use of the builtin of that name."""
    if leaf.type != token.NAME or not is_probably_builtin(leaf) or _is_keyword_argument(leaf):
        return False
    if _is_lambda_parameter(leaf):
        return False
    return not is_bound_around(leaf, leaf.value)


def is_bound_around(node, name):
    """Whether any scope enclosing `node` (innermost first, as Python resolves) binds `name`."""
    scope = _enclosing_scope(node)
    inner_function = False
    while scope is not None:
        skip_class = scope.type == syms.classdef and inner_function
        if not skip_class and name in bound_names(scope):
            return True
        if scope.type in (syms.funcdef, syms.lambdef):
            if name in _globals_declared(scope):
                return name in bound_names(root_of(scope))
            inner_function = True
        scope = _enclosing_scope(scope)
    return False


def module_binds(tree, name):
    return name in bound_names(tree)


def bound_names(scope):
    cached = getattr(scope, _CACHE, None)
    if cached is None:
        cached = frozenset(_collect(scope))
        setattr(scope, _CACHE, cached)
    return cached


def in_import(leaf):
    """Whether the leaf is part of an import statement (a name it imports or binds)."""
    node = leaf.parent
    while node is not None and node.type not in (syms.simple_stmt, syms.file_input):
        if node.type in (syms.import_name, syms.import_from):
            return True
        node = node.parent
    return False


def root_of(node):
    """The top of the tree node belongs to (the module, once attached)."""
    while node.parent is not None:
        node = node.parent
    return node


def _enclosing_scope(node):
    """The innermost scope whose body holds node. Default values, base classes and decorators are
    evaluated in the scope around their definition, so only a definition's body (its last child)
    belongs to it."""
    child, parent = node, node.parent
    while parent is not None:
        if parent.type == syms.file_input:
            return parent
        if parent.type in _SCOPES and child is parent.children[-1]:
            return parent
        child, parent = parent, parent.parent
    return None


def _is_keyword_argument(leaf):
    parent = leaf.parent
    return parent is not None and parent.type == syms.argument and parent.children[0] is leaf and len(
        parent.children) > 1 and parent.children[1].type == token.EQUAL


def _is_lambda_parameter(leaf):
    parent = leaf.parent
    if parent.type == syms.lambdef:
        return leaf is not parent.children[-1]
    if parent.type != syms.varargslist:
        return False
    previous = leaf.prev_sibling
    return previous is None or previous.type in (token.COMMA, token.STAR, token.DOUBLESTAR)


def _globals_declared(function):
    cached = getattr(function, "_py3bridge_globals", None)
    if cached is None:
        cached = function._py3bridge_globals = frozenset(_collect_globals(function))
    return cached


def _collect_globals(function):
    names = set()
    for node in _own_nodes(function):
        if node.type == syms.global_stmt:
            names.update(child.value for child in node.children[1:] if child.type == token.NAME)
    return names


def _own_nodes(scope):
    """Nodes of this scope's body, not descending into nested scopes (their headers included)."""
    stack = list(reversed(_body(scope)))
    while stack:
        node = stack.pop()
        yield node
        if node.type in (syms.funcdef, syms.classdef):
            continue  # its name is ours (handled by _collect); the rest is its own scope
        if node.type == syms.lambdef:
            continue
        if isinstance(node, pytree.Node):
            stack.extend(reversed(node.children))


def _body(scope):
    if scope.type == syms.file_input:
        return list(scope.children)
    if scope.type == syms.lambdef:
        return scope.children[1:]
    return [scope.children[-1]]


def _collect(scope):
    names = set(_parameters(scope))
    for node in _own_nodes(scope):
        names.update(_bound_by(node))
    if scope.type == syms.file_input and getattr(scope, "mentions_global", True):
        # `global x` in any function may bind x at module level: count it as bound (the safe side).
        names.update(leaf.value for node in scope.pre_order() if node.type == syms.global_stmt
                     for leaf in node.children[1:] if leaf.type == token.NAME)
    return names


def _parameters(scope):
    if scope.type == syms.funcdef:
        params = scope.children[2]
        return _names_in(params)
    if scope.type == syms.lambdef:
        names = set()
        for child in scope.children[1:]:
            if child.type == token.COLON:
                break
            names.update(_target_names_of_params(child))
        return names
    return set()


def _target_names_of_params(node):
    # Parameter names, not default values: names followed by '=' or standing alone.
    if node.type == token.NAME:
        return {node.value}
    names = set()
    if node.type in (syms.varargslist, syms.typedargslist):
        children = node.children
        for index, child in enumerate(children):
            previous = children[index - 1] if index else None
            if previous is not None and previous.type == token.EQUAL:
                continue  # a default value
            names.update(_target_names_of_params(child))
    elif node.type in (syms.tname, syms.vfpdef, syms.tfpdef, syms.vfplist, syms.tfplist):
        names.update(_target_names_of_params(node.children[0]) if node.type == syms.tname else _names_in(node))
    return names


def _names_in(node):
    if node.type == syms.parameters:
        inner = node.children[1:-1]
        names = set()
        for child in inner:
            names.update(_target_names_of_params(child))
        return names
    if node.type == token.NAME:
        return {node.value}
    return {leaf.value for leaf in node.leaves() if leaf.type == token.NAME}


def _bound_by(node):
    node_type = node.type
    if node_type in (syms.funcdef, syms.classdef):
        return {node.children[1].value}
    if node_type == syms.expr_stmt:
        return _assignment_targets(node)
    if node_type in (syms.for_stmt, syms.comp_for):
        index = 2 if node.children[0].type == token.ASYNC else 1
        return _target_names(node.children[index])
    if node_type in (syms.with_stmt, syms.with_item):
        return _with_targets(node)
    if node_type == syms.except_clause:
        return _target_names(node.children[-1]) if len(node.children) >= 4 else set()
    if node_type == syms.import_name:
        return _import_name_bindings(node.children[1])
    if node_type == syms.import_from:
        return _import_from_bindings(node)
    return set()


def _assignment_targets(expr_stmt):
    children = expr_stmt.children
    names = set()
    if len(children) >= 2 and (children[1].type == syms.augassign or children[1].type in AUGMENTED_ASSIGNMENTS):
        return _target_names(children[0])
    if len(children) >= 2 and children[1].type == syms.annassign:
        return _target_names(children[0])
    for index, child in enumerate(children[:-1]):
        if children[index + 1].type == token.EQUAL:
            names.update(_target_names(child))
    return names


AUGMENTED_ASSIGNMENTS = {
    token.PLUSEQUAL, token.MINEQUAL, token.STAREQUAL, token.SLASHEQUAL, token.PERCENTEQUAL, token.AMPEREQUAL,
    token.VBAREQUAL, token.CIRCUMFLEXEQUAL, token.LEFTSHIFTEQUAL, token.RIGHTSHIFTEQUAL, token.DOUBLESTAREQUAL,
    token.DOUBLESLASHEQUAL,
}


def _target_names(target):
    """Names an assignment target binds: `a`, `a, b`, `(a, [b, *c])`; not `a.b` or `a[0]`."""
    if target.type == token.NAME:
        return {target.value}
    if target.type in (syms.power, syms.trailer):
        return set()
    if target.type in (syms.atom, syms.exprlist, syms.testlist_gexp, syms.testlist, syms.testlist_star_expr,
                       syms.listmaker, syms.star_expr):
        names = set()
        for child in target.children:
            names.update(_target_names(child))
        return names
    return set()


def _with_targets(node):
    names = set()
    children = node.children
    for index, child in enumerate(children):
        if child.type == token.NAME and child.value == "as" and index + 1 < len(children):
            names.update(_target_names(children[index + 1]))
    return names


def _import_name_bindings(names_node):
    if names_node.type == syms.dotted_as_names:
        items = [child for child in names_node.children if child.type != token.COMMA]
    else:
        items = [names_node]
    bound = set()
    for item in items:
        if item.type == syms.dotted_as_name:
            bound.add(item.children[-1].value)
        elif item.type == syms.dotted_name:
            bound.add(item.children[0].value)
        elif item.type == token.NAME:
            bound.add(item.value)
    return bound


def _import_from_bindings(node):
    bound = set()
    seen_import = False
    for child in node.children:
        if child.type == token.NAME and child.value == "import":
            seen_import = True
            continue
        if not seen_import:
            continue
        stack = [child]
        while stack:
            item = stack.pop()
            if item.type == syms.import_as_name:
                bound.add(item.children[-1].value)
            elif item.type == token.NAME:
                bound.add(item.value)
            elif item.type == syms.import_as_names:
                stack.extend(c for c in item.children if c.type != token.COMMA)
    return bound
