"""Report calls of the builtin `round()`: float and half-away-from-zero on 2.7, int and half-to-even on 3."""
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.scopes import refers_to_builtin


class _Impl(TreeFixer):
    PATTERN = "power< name='round' call=trailer< '(' any* ')' > any* >"

    def match(self, node):
        results = super().match(node)
        return results if results and refers_to_builtin(results["name"]) else False

    def note(self, node):
        if len(argument_nodes(super().match(node)["call"])) >= 2:
            return ("round(x, n): Python 3 rounds halves to even (round(0.125, 2) == 0.12), 2.7 away from "
                    "zero (0.13); check values that can end in 5")
        return ("round(x): 2.7 returns a float rounding halves away from zero (round(2.5) == 3.0), Python 3 "
                "an int rounding halves to even (round(2.5) == 2); check halves and uses of the result's type")


class RoundCalls(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 90
    reports_only = True
    trigger = r"\bround\s*\("
    summary = "Report round() calls, whose result differs between 2.7 and 3"
    explanation = (
        "`round()` changed twice on Python 3: without `ndigits` it returns an int instead of a float, "
        "and exact halves round to the even neighbour instead of away from zero (`round(2.5)` is 3.0 "
        "on 2.7, 2 on 3). No rewrite is right for every caller (a helper like "
        "`float(math.floor(x + 0.5))` keeps 2.7's results for positive x only), so each call is listed."
    )
    review_hint = "Money, percentages and anything printed with a fixed number of decimals are where halves show up."
    risk = NEEDS_REVIEW


FIXER = RoundCalls()
