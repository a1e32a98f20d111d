"""Reports `raise "message", value, traceback`, the one string exception string_exception_raises
leaves: Python 3 cannot raise a string, and the traceback form has no certain rewrite."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer


def is_string_expression(node):
    """A string literal, or string formatting / concatenation starting with one."""
    if node.type == token.STRING:
        return True
    if node.type in (syms.term, syms.arith_expr) and node.children[0].type == token.STRING:
        return True
    return node.type == syms.atom and len(node.children) == 3 and is_string_expression(node.children[1])


class _Impl(TreeFixer):
    PATTERN = "raise_stmt< 'raise' exc=any ',' any ',' any >"

    def match(self, node):
        results = super().match(node)
        return results if results and is_string_expression(results["exc"]) else False

    def note(self, node):
        return (
            "string exception `%s`: Python 3 can only raise exception instances; choose an "
            "exception class (and update the code that catches it)" % str(node).strip()
        )


class StringExceptions(FissixFixer):
    tree_fixer = _Impl
    order = 90
    reports_only = True
    summary = "Report string exceptions raised with a traceback (not rewritten)"
    explanation = (
        "Lists every `raise \"message\", value, traceback`. string_exception_raises rewrites the "
        "other string raises as the TypeError 2.7 raised; this form, which re-raises with a "
        "traceback, is a decision for the code's owners, so py3bridge reports these sites and "
        "changes nothing."
    )
    risk = NEEDS_REVIEW


FIXER = StringExceptions()
