"""`` `x` `` → `repr(x)`."""
from fissix.fixes.fix_repr import FixRepr

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer


class _Impl(TreeFixer, FixRepr):
    pass


class Backticks(FissixFixer):
    tree_fixer = _Impl
    order = 40
    summary = "Replace backticks with repr()"
    explanation = (
        "Rewrites the backtick operator `` `x` `` as `repr(x)`, which is what the backticks meant in "
        "Python 2. repr() is a builtin on both Python 2.7 and Python 3."
    )
    risk = SAFE


FIXER = Backticks()
