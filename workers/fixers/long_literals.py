"""`10L` → `10`."""
from fissix.pgen2 import token

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer


class _Impl(TreeFixer):
    _accept_type = token.NUMBER

    def match(self, node):
        return node.value[-1] in "lL"

    def transform(self, node, results):
        node.value = node.value[:-1]
        node.changed()


class LongLiterals(FissixFixer):
    tree_fixer = _Impl
    order = 55
    summary = "Drop the L suffix from long literals"
    explanation = (
        "Removes the `L` suffix from integer literals (`10L` → `10`, `0xFFL` → `0xFF`). The value is "
        "unchanged on both versions: Python 2.7 promotes int to long automatically when a result "
        "overflows, and Python 3 has a single int type."
    )
    review_hint = (
        "On Python 2.7 a small literal is now an `int`, not a `long`: look for `type(x) is long` or "
        "`isinstance(x, long)` checks, and for code that formats `repr()` of such values (no more `L`)."
    )
    risk = NEEDS_REVIEW


FIXER = LongLiterals()
