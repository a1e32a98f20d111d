"""Whether `raise t, v, tb` re-raises, unchanged, the exception being handled.

Then a bare `raise` is the exact 2+3 form: on 2.7 it is the same re-raise (the interpreter takes the
three values from `sys.exc_info()` and adds no traceback entry), and on 3 it re-raises the handled
exception with its traceback, adding no frame either. A call such as `six.reraise(t, v, tb)` adds
the calling frame to the traceback once more on 2.7, and six's own frame too on 3.

The shape recognised: `t, v, tb = sys.exc_info()` (or `info = sys.exc_info()` and
`raise info[0], info[1], info[2]`) in the same function, as those names' only binding, run before
the raise on every path to it, with nothing in between that can change what `sys.exc_info()` is:
- no second `except` clause in the function: on 2.7 a handled exception stays in `sys.exc_info()`
  until the function returns, on 3 only until its handler ends, so with one handler both the
  binding and the raise must sit in it (or, with none, both read the caller's handled exception);
- no `finally`, no `yield` (a generator's exception state is lost across a yield on 2.7), no
  `exec` (it can rebind locals), no `sys.exc_clear()`.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.analysis import is_within
from workers.rewriting.scopes import FROM_IMPORT, MODULE, binding_nodes, enclosing_scope, globals_declared, \
    meaning, own_nodes

_INDEXES = ("0", "1", "2")


def reraises_handled_exception(raise_stmt, exc, val, tb):
    scope = enclosing_scope(raise_stmt)
    if scope is None or scope.type != syms.funcdef:
        return False
    binding = _exc_info_binding(scope, [exc, val, tb])
    return binding is not None and _runs_before(binding, raise_stmt) and _exc_info_kept(scope, binding, raise_stmt)


def _exc_info_binding(scope, values):
    """The statement binding the three values from `sys.exc_info()`, when it is their only binding."""
    if all(value.type == token.NAME for value in values):
        names = [value.value for value in values]
        targets = names
    else:
        name = _indexed_name(values)
        if name is None:
            return None
        names, targets = [name], [name]
    if len(set(names)) != len(names) or set(names) & globals_declared(scope) or _deleted(scope, names):
        return None
    statements = {id(node): node for name in names for node in binding_nodes(scope).get(name, ())}
    if len(statements) != 1:
        return None
    (stmt,) = statements.values()
    if stmt.type != syms.expr_stmt or len(stmt.children) != 3 or stmt.children[1].type != token.EQUAL:
        return None
    if _target_names(stmt.children[0]) != targets or not _is_exc_info_call(stmt.children[2]):
        return None
    return stmt


def _indexed_name(values):
    """`info` for `info[0], info[1], info[2]`; None for anything else."""
    names = set()
    for value, index in zip(values, _INDEXES):
        children = value.children if value.type == syms.power else ()
        if len(children) != 2 or children[0].type != token.NAME or children[1].type != syms.trailer:
            return None
        subscript = children[1].children
        if len(subscript) != 3 or subscript[0].type != token.LSQB or subscript[1].type != token.NUMBER \
                or subscript[1].value != index:
            return None
        names.add(children[0].value)
    return names.pop() if len(names) == 1 else None


def _target_names(target):
    if target.type == token.NAME:
        return [target.value]
    if target.type not in (syms.exprlist, syms.testlist_star_expr, syms.testlist):
        return None
    parts, separators = target.children[::2], target.children[1::2]
    if any(part.type != token.NAME for part in parts) or any(comma.type != token.COMMA for comma in separators):
        return None
    return [part.value for part in parts]


def _is_exc_info_call(node):
    """`sys.exc_info()` or `exc_info()` imported from sys."""
    children = node.children if node.type == syms.power else ()
    if not children or children[0].type != token.NAME or [c.type for c in children[1:]] != [syms.trailer] * (
            len(children) - 1):
        return False
    trailers = [[leaf.value for leaf in trailer.leaves()] for trailer in children[1:]]
    head = meaning(children[0])
    if trailers == [[".", "exc_info"], ["(", ")"]]:
        return head.kind == MODULE and head.module == "sys"
    return trailers == [["(", ")"]] and head.kind == FROM_IMPORT and (head.module, head.name) == ("sys", "exc_info")


def _deleted(scope, names):
    return any(node.type == syms.del_stmt and any(leaf.type == token.NAME and leaf.value in names
                                                   for leaf in node.leaves())
               for node in own_nodes(scope))


def _runs_before(binding, raise_stmt):
    """The binding statement comes first in a block that holds the raise: every path to it runs it."""
    line = binding.parent
    if raise_stmt.parent is line:
        return line.children.index(binding) < line.children.index(raise_stmt)
    block, part = line.parent, raise_stmt
    while part is not None and part.parent is not block:
        part = part.parent
    return part is not None and block.children.index(line) < block.children.index(part)


def _exc_info_kept(scope, binding, raise_stmt):
    nodes = list(own_nodes(scope))
    if any(node.type == syms.exec_stmt or node.type == token.NAME and node.value in ("yield", "exc_clear")
           for node in nodes):
        return False
    tries = [node for node in nodes if node.type == syms.try_stmt]
    if not tries:
        return True
    if len(tries) > 1 or any(child.type == token.NAME and child.value == "finally" for child in tries[0].children):
        return False
    return any(is_within(binding, body) and is_within(raise_stmt, body) for body in _handler_bodies(tries[0]))


def _handler_bodies(try_stmt):
    children = try_stmt.children
    return [children[index + 2] for index, child in enumerate(children)
            if child.type == syms.except_clause or child.type == token.NAME and child.value == "except"]
