"""`[x for x in 1, 2]` → `[x for x in (1, 2)]`."""
from fissix.fixer_util import LParen, RParen
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer

_FOR_CLAUSES = frozenset([syms.comp_for])


def _bare_tuple_iterable(node):
    children = node.children
    for index, child in enumerate(children[:-1]):
        if child.type == token.NAME and child.value == "in":
            iterable = children[index + 1]
            if iterable.type == syms.testlist_safe and any(c.type == token.COMMA for c in iterable.children):
                return iterable
            return None
    return None


class _Impl(TreeFixer):
    _accept_type = _FOR_CLAUSES

    def match(self, node):
        return node.type in _FOR_CLAUSES and _bare_tuple_iterable(node) is not None

    def transform(self, node, results):
        target = _bare_tuple_iterable(node)
        lparen = LParen()
        lparen.prefix, target.prefix = target.prefix, ""
        target.insert_child(0, lparen)
        target.append_child(RParen())


class ComprehensionTuples(FissixFixer):
    tree_fixer = _Impl
    order = 45
    summary = "Parenthesise bare tuples in list comprehensions"
    explanation = (
        "Python 2 allowed `[x for x in 1, 2]`, iterating over the tuple `(1, 2)`. Python 3 requires "
        "the parentheses. Adding them builds the same tuple, so the comprehension yields the same "
        "items on both versions."
    )
    risk = SAFE


FIXER = ComprehensionTuples()
