"""`a <> b` → `a != b`."""
from fissix.fixes.fix_ne import FixNe

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer


class _Impl(TreeFixer, FixNe):
    pass


class NotEqual(FissixFixer):
    tree_fixer = _Impl
    order = 50
    summary = "Replace `<>` with `!=`"
    explanation = (
        "Rewrites the Python-2-only inequality operator `<>` as `!=`. Both call the same `__ne__` "
        "comparison on Python 2.7, and `!=` is the only spelling Python 3 accepts."
    )
    risk = SAFE


FIXER = NotEqual()
