"""`[x for x in 1, 2]` → `[x for x in (1, 2)]`."""
from fissix.fixer_util import LParen, RParen
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer


class _Impl(TreeFixer):
    PATTERN = "comp_for< 'for' any 'in' iterable=testlist_safe< any* ',' any* > [any] >"

    def transform(self, node, results):
        iterable = results["iterable"]
        lparen = LParen()
        lparen.prefix, iterable.prefix = iterable.prefix, ""
        iterable.insert_child(0, lparen)
        iterable.append_child(RParen())


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
