"""`def __nonzero__(self)` → `def __bool__(self)` + `__nonzero__ = __bool__`."""
from fissix import pytree
from fissix.fixer_util import Name, find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import (
    alias_statement, class_binds, class_of_method, insert_after_statement, insert_alias_after_method,
    method_named,
)


def _class_level_assignment(leaf):
    """The simple_stmt when leaf is the target of a lone `__nonzero__ = value` in a class body."""
    expr = leaf.parent
    if expr is None or expr.type != syms.expr_stmt or expr.children[0] is not leaf:
        return None
    if len(expr.children) != 3 or expr.children[1].type != token.EQUAL:
        return None
    stmt = expr.parent
    if stmt.type != syms.simple_stmt:
        return None
    return stmt if class_of_method(stmt) is not None else None


def _own_returns(funcdef):
    """The return statements of funcdef itself, not of functions or classes nested in it."""
    stack = list(funcdef.children[-1].children)
    while stack:
        node = stack.pop()
        if node.type == syms.return_stmt:
            yield node
        elif node.type not in (syms.funcdef, syms.classdef, syms.lambdef) and isinstance(node, pytree.Node):
            stack.extend(node.children)


def _returns_as_bool(funcdef):
    """`return 1`/`return 0` → `return True`/`return False`: 2.7 took an int from __nonzero__, 3
    raises TypeError unless __bool__ returns a bool."""
    for stmt in _own_returns(funcdef):
        value = stmt.children[1] if len(stmt.children) == 2 else None
        if value is not None and value.type == token.NUMBER and value.value in _BOOLEANS:
            value.replace(Name(_BOOLEANS[value.value], prefix=value.prefix))


def _on_its_own_line(stmt):
    return len(stmt.children) == 2 and stmt.parent.type == syms.suite


_BOOLEANS = {"0": "False", "1": "True"}


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        if node.value != "__nonzero__":
            return False
        parent = node.parent
        if parent.type == syms.funcdef and node is parent.children[1]:
            classdef = method_named(parent, "__nonzero__")
            if classdef is None or class_binds(classdef, "__bool__"):
                return False
            return {"method": parent}
        stmt = _class_level_assignment(node)
        if stmt is None or class_binds(class_of_method(stmt), "__bool__"):
            return False
        return {"assignment": stmt}

    def transform(self, node, results):
        if "method" in results:
            node.replace(Name("__bool__", prefix=node.prefix))
            insert_alias_after_method(results["method"], "__nonzero__", "__bool__")
            _returns_as_bool(results["method"])
        else:
            stmt = results["assignment"]
            alias = alias_statement("__bool__", "__nonzero__", find_indentation(stmt))
            if _on_its_own_line(stmt):
                insert_after_statement(stmt, alias)
            else:  # `class C: __nonzero__ = f` or `a = 1; __nonzero__ = f`: same line, after a `;`
                expr = alias.children[0]
                expr.remove()
                expr.prefix = " "
                stmt.insert_child(len(stmt.children) - 1, pytree.Leaf(token.SEMI, ";"))
                stmt.insert_child(len(stmt.children) - 1, expr)
        return None


class Nonzero(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 22
    trigger = r"\b__nonzero__\b"
    summary = "Define __bool__ for classes with __nonzero__, keeping __nonzero__ as an alias"
    explanation = (
        "Python 3 asks `__bool__` where Python 2 asked `__nonzero__`; without it every instance is "
        "true on 3, silently. `def __nonzero__(self)` becomes `def __bool__(self)` followed by "
        "`__nonzero__ = __bool__` in the class body, so 2.7 still finds `__nonzero__` (renaming "
        "alone would make every instance true on 2.7 instead). A class-level `__nonzero__ = value` "
        "gets `__bool__ = __nonzero__` after it. In the method, `return 1`/`return 0` become "
        "`return True`/`return False` (2.7 accepted an int, 3 wants a bool). Classes that already define `__bool__` are left alone."
    )
    review_hint = "Subclasses that override __nonzero__ are rewritten too; one defined elsewhere needs its own __bool__."
    risk = SAFE


FIXER = Nonzero()
