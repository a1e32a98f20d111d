"""Reports each `/` and `/=` whose operand types cannot be known from the text (see `division`)."""
from fissix.pgen2 import token

from workers.rewriting.fixer import FissixFixer, TreeFixer
from workers.fixers.division import UNDECIDED, decide

NOTE = ("operand types unknown: floor division on 2.7 when both are integers, true division on 3; "
        "write `//` if an integer is meant, or add `from __future__ import division` once it is checked")


class _Impl(TreeFixer):
    _accept_type = {token.SLASH, token.SLASHEQUAL}

    def match(self, node):
        return decide(node) == UNDECIDED

    def note(self, node):
        return NOTE


class DivisionReview(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 96
    trigger = r"/"
    summary = "Report divisions whose operand types are unknown"
    explanation = (
        "Lists every `/` and `/=` in modules still on classic division whose operands could both be "
        "integers at run time: 2.7 rounds those down, Python 3 does not. Only someone who knows the "
        "values can say whether `//` or true division is meant."
    )
    reports_only = True


FIXER = DivisionReview()
