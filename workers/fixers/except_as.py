"""`except E, e:` → `except E as e:`."""
from fissix.fixes.fix_except import FixExcept, find_excepts

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer


def _old_style_clauses(node):
    return [
        clause
        for clause, _ in find_excepts(node.children)
        if len(clause.children) == 4 and clause.children[2].value != "as"
    ]


class _Impl(TreeFixer, FixExcept):
    def match(self, node):
        results = super().match(node)
        return results if results and _old_style_clauses(node) else False

    def new_name(self, template="exc"):
        return super().new_name(template)


class ExceptAs(FissixFixer):
    tree_fixer = _Impl
    order = 20
    summary = "Write `except E as e:` instead of `except E, e:`"
    explanation = (
        "Rewrites the Python-2-only `except E, e:` clause as `except E as e:`, which Python 2.6+ "
        "and Python 3 read identically. When the target is not a plain name (an attribute, or a "
        "tuple such as `except E, (code, msg):`), the exception is bound to a new name `exc` and "
        "the old target is assigned from it at the top of the block (`(code, msg) = exc.args`), "
        "exactly what Python 2 did implicitly."
    )
    review_hint = (
        "Python 3 deletes the `as` name when the except block ends: code that reads the exception "
        "variable after the block works on 2.7 and raises NameError on 3."
    )
    risk = SAFE


FIXER = ExceptAs()
