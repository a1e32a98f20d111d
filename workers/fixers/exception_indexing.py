"""`except ValueError as e: … e[0] …` → `e.args[0]`: indexing the exception being handled.

Python 2 exceptions are sequences of their args (BaseException.__getitem__ and __getslice__ read
`self.args`), so handlers took the message as `e[0]` (ZConfig's `self.error(e[0])`). Python 3
exceptions are not subscriptable: TypeError. `e.args[…]` is the same value on 2.7 and works on 3.

Only a load of the name an `except … as e` / `except …, e` clause binds, inside that handler and
its own scope, with no other binding of the name there. A handler catching a class the module
defines with a `__getitem__` of its own is left alone: indexing means something else there.
"""
from fissix.fixer_util import Dot, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.except_variable_scope import _binds
from workers.rewriting import scopes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.protocols import is_assignment_target
from workers.rewriting.scopes import root_of


def _handler(leaf):
    """(except_clause, handler suite) of the innermost handler of the leaf's scope binding its name."""
    scope = scopes.enclosing_scope(leaf)
    node = leaf.parent
    while node is not None and node is not scope:
        parent = node.parent
        if parent is not None and parent.type == syms.try_stmt:
            index = parent.children.index(node)
            clause = parent.children[index - 2] if index >= 2 else None
            if clause is not None and clause.type == syms.except_clause and _clause_target(clause) == leaf.value:
                return clause, node
        node = parent
    return None


def _clause_target(clause):
    children = clause.children
    if len(children) == 4 and children[2].type == token.COMMA or (
            len(children) == 4 and children[2].type == token.NAME and children[2].value == "as"):
        return children[3].value if children[3].type == token.NAME else None
    return None


def _caught_names(clause):
    caught = clause.children[1]
    return {leaf.value for leaf in caught.leaves() if leaf.type == token.NAME}


def _indexing_classes(tree):
    """Names of the classes the module defines with a __getitem__ of their own."""
    found = set()
    for node in tree.pre_order():
        if node.type == syms.classdef and any(
                leaf.type == token.NAME and leaf.value == "__getitem__" for leaf in node.leaves()):
            found.add(node.children[1].value)
    return found


def _rebound_in(suite, name):
    return any(leaf.type == token.NAME and leaf.value == name and _binds(leaf) for leaf in suite.leaves())


def _indexed_exception(power):
    """Whether the power is `e[…]…` reading the exception its handler caught."""
    children = power.children
    if len(children) < 2 or children[0].type != token.NAME or children[1].type != syms.trailer:
        return False
    if children[1].children[0].type != token.LSQB or is_assignment_target(power):
        return False
    found = _handler(children[0])
    if found is None:
        return False
    clause, suite = found
    if _rebound_in(suite, children[0].value):
        return False
    return not _caught_names(clause) & _indexing_classes(root_of(power))


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        return _indexed_exception(node)

    def transform(self, node, results):
        node.insert_child(1, Dot())
        node.insert_child(2, Name("args"))


class ExceptionIndexing(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 78
    trigger = r"\bexcept\b[^:]*(\bas\b|,)"  # `except (A,` may go on to the next line
    summary = "Read a handled exception's arguments through .args"
    explanation = (
        "Python 2 exceptions could be indexed like their args (`e[0]` is `e.args[0]`); on Python 3 "
        "indexing an exception raises TypeError. Inside the handler that caught it, `e[…]` becomes "
        "`e.args[…]`: the same value on 2.7, and working on 3."
    )
    review_hint = "Check that the caught class does not define a __getitem__ of its own in another module."
    risk = NEEDS_REVIEW


FIXER = ExceptionIndexing()
