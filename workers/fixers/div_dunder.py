"""`def __div__` → the same method also reachable as `__truediv__` (and the r/i variants)."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.class_body import insert_alias_after
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.patterns import any_of

ALIASES = {"__div__": "__truediv__", "__rdiv__": "__rtruediv__", "__idiv__": "__itruediv__"}


def _class_body_names(suite):
    names = set()
    for stmt in suite.children:
        node = stmt.children[-1] if stmt.type == syms.decorated else stmt
        if node.type in (syms.funcdef, syms.classdef):
            names.add(node.children[1].value)
        elif node.type == syms.simple_stmt and node.children[0].type == syms.expr_stmt:
            target = node.children[0].children[0]
            if target.type == token.NAME:
                names.add(target.value)
    return names


def _method_statement(funcdef):
    return funcdef.parent if funcdef.parent.type == syms.decorated else funcdef


class _Impl(TreeFixer):
    PATTERN = "funcdef< 'def' %s any* >" % any_of("name", ALIASES)

    def match(self, node):
        results = super().match(node)
        if not results:
            return False
        suite = _method_statement(node).parent
        if suite is None or suite.type != syms.suite or suite.parent.type != syms.classdef:
            return False
        return results if ALIASES[results["name"].value] not in _class_body_names(suite) else False

    def transform(self, node, results):
        name = results["name"].value
        insert_alias_after(_method_statement(node), ALIASES[name], name)


class DivDunder(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"__[ri]?div__"
    summary = "Give __div__ methods their Python 3 name, __truediv__"
    explanation = (
        "Python 3 (and 2.7 under `from __future__ import division`) calls `__truediv__` for `/`; "
        "`__div__` is never called there. Each `__div__`, `__rdiv__` and `__idiv__` gets an alias "
        "line, `__truediv__ = __div__` and so on, right after it in the class. The method is not "
        "renamed, so 2.7 without the future import still finds `__div__`: behaviour is the same on "
        "both versions, whichever division a caller uses."
    )
    review_hint = "If `__div__` rounded down on purpose, `__floordiv__` may be what `//` callers need."
    risk = SAFE


FIXER = DivDunder()
