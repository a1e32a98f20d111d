"""The names `from m import *` binds, read from m's source, when they are certain.

Python 2 binds the names listed in m's `__all__`, else every name m binds at module level that
does not start with an underscore. Those are certain only when `__all__` is one literal list (or
tuple) of strings assigned once and never named again (then nothing else matters), or when every
public name is bound on every path through m's module-level code: a name bound only in an `if` without `else`, a loop, a `with`,
a `try` body that a handler does not rebind, or by a function's `global`, `globals()`, `setattr`,
`exec`, a `del` or a star import of its own makes the list unknowable, and the answer is None.
"""
import ast

from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import analysis, parsing, traversal
from workers.rewriting.scopes import bound_by

# names whose use lets code add or remove module names we cannot see
_DYNAMIC = frozenset({"globals", "locals", "vars", "setattr", "delattr", "exec", "execfile", "__dict__", "modules"})


class _Unknowable(Exception):
    pass


def exported_names(text):
    """Sorted tuple of the names `from <module with this text> import *` binds, or None."""
    try:
        tree = parsing.parse(text)
    except parsing.ParseError:
        return None
    try:
        return _exports(tree)
    except _Unknowable:
        return None


def exports_of(tree):
    """exported_names for a parsed module: the sorted names, or None. Once per generation of the
    module while no fixer is changing it (every import a fixer may remove asks, and each answer
    walked the module)."""
    if tree.parent is None and analysis.is_settled(tree):
        return analysis.cached(tree, "module_exports.exports_of", lambda: _exports_or_none(tree))
    return _exports_or_none(tree)


def _exports_or_none(tree):
    try:
        return _exports(tree)
    except _Unknowable:
        return None


def declares_all(tree):
    """Whether the module's text names `__all__` at all."""
    return bool(traversal.mentions(tree, "__all__"))


def _exports(tree):
    declared = _declared_all(tree)
    if declared is not None:
        return declared  # the whole answer, whatever m binds dynamically or star-imports itself
    for node in tree.pre_order():
        if node.type == token.NAME and node.value in _DYNAMIC:
            raise _Unknowable()
        if node.type in (syms.global_stmt, syms.exec_stmt):
            raise _Unknowable()
        if node.type == syms.import_from and any(leaf.type == token.STAR for leaf in node.children):
            raise _Unknowable()
    names = _surely_bound(_statements(tree))
    return tuple(sorted(name for name in names if not name.startswith("_")))


def _statements(suite):
    if suite.type not in (syms.suite, syms.file_input):
        return [suite]
    return [child for child in suite.children
            if child.type not in (token.NEWLINE, token.INDENT, token.DEDENT, token.ENDMARKER)]


def _declared_all(tree):
    uses = [leaf for leaf in tree.leaves() if leaf.type == token.NAME and leaf.value == "__all__"]
    if not uses:
        return None
    if len(uses) != 1:
        raise _Unknowable()  # changed after its assignment (+=, append, extend) or read
    expr = uses[0].parent
    if expr.type != syms.expr_stmt or len(expr.children) != 3 or expr.children[1].type != token.EQUAL or (
            expr.children[0] is not uses[0]) or expr.parent.parent is not tree:
        raise _Unknowable()
    try:
        value = ast.literal_eval(str(expr.children[2]).strip())
    except (SyntaxError, ValueError):
        raise _Unknowable() from None
    if not isinstance(value, (list, tuple)) or not all(isinstance(name, str) and name.isidentifier()
                                                       for name in value):
        raise _Unknowable()
    return tuple(sorted(set(value)))


def _surely_bound(statements):
    """Names every run of these statements binds; _Unknowable when a public name may or may not be."""
    sure, maybe = set(), set()
    for stmt in statements:
        kind = stmt.type
        if kind == syms.simple_stmt:
            for part in stmt.children:
                if part.type == syms.del_stmt:
                    raise _Unknowable()
                sure.update(bound_by(part))
                maybe.update(_list_comprehension_targets(part))
        elif kind in (syms.funcdef, syms.classdef):
            sure.update(bound_by(stmt))
        elif kind == syms.decorated:
            sure.update(bound_by(stmt.children[-1]))
        elif kind == syms.if_stmt:
            branches = _if_branches(stmt)
            sure.update(_all_of(branches, maybe) if _has_else(stmt) else _none_of(branches, maybe))
        elif kind == syms.try_stmt:
            branches = _try_branches(stmt)
            sure.update(_all_of(branches, maybe))
        else:  # for, while, with: whether (or how often) the body runs is not known
            for node in stmt.pre_order():  # (names local to a function defined in it too: the safe side)
                maybe.update(bound_by(node))
    maybe -= sure
    if any(not name.startswith("_") for name in maybe):
        raise _Unknowable()
    return sure


def list_comprehension_fors(node):
    """The `for` clauses of the list comprehensions in node (Python 2 leaks their targets; generator
    expressions, set and dict comprehensions do not)."""
    for child in node.pre_order():
        if child.type == syms.comp_for and is_list_comprehension_for(child):
            yield child


def is_list_comprehension_for(comp_for):
    parent = comp_for.parent
    while parent is not None and parent.type in (syms.comp_for, syms.comp_if, syms.comp_iter):
        parent = parent.parent
    return parent is not None and parent.type == syms.listmaker


def _list_comprehension_targets(node):
    names = set()
    for comp_for in list_comprehension_fors(node):
        names.update(bound_by(comp_for))
    return names


def _all_of(branches, maybe):
    results = [_surely_bound(branch) for branch in branches]
    common = set.intersection(*results) if results else set()
    for result in results:
        maybe.update(result - common)
    return common


def _none_of(branches, maybe):
    for branch in branches:
        maybe.update(_surely_bound(branch))
    return set()


def _has_else(stmt):
    return any(child.type == token.NAME and child.value == "else" for child in stmt.children)


def _if_branches(stmt):
    return [_statements(child) for child in stmt.children if child.type in (syms.suite, syms.simple_stmt)]


def _try_branches(stmt):
    """try body (+ else) and each handler: the names all of them bind are bound; a finally runs always."""
    children = stmt.children
    body, handlers, finally_body = [], [], []
    index = 0
    while index < len(children):
        child = children[index]
        if child.type == token.NAME and child.value == "try":
            body = _statements(children[index + 2])
        elif child.type == syms.except_clause:
            handlers.append(_statements(children[index + 2]))
        elif child.type == token.NAME and child.value == "else":
            body = body + _statements(children[index + 2])
        elif child.type == token.NAME and child.value == "finally":
            finally_body = _statements(children[index + 2])
        index += 1
    branches = [body] + handlers
    if finally_body:
        branches = [branch + finally_body for branch in branches]
    return branches
