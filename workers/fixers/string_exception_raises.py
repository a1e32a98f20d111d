"""`raise "message"` → `raise TypeError("message")`, and `raise "message", value` →
`raise TypeError("message", value)`: the exception 2.7 raised there all along.

Python 2.6 removed string exceptions: on 2.7 such a raise evaluates its expressions, then raises
TypeError ("exceptions must be old-style classes or derived from BaseException, not str"), and an
`except "message":` never catches anything. `raise TypeError(...)` raises the same class at the same
point on 2.7 and 3, and keeps the author's words as its arguments, where a reader sees them. The
comma form does not compile on Python 3. With a traceback (`raise "m", v, tb`) it is left to
string_exceptions' report.
"""
from fissix import pytree
from fissix.fixer_util import Call, Comma, Name
from fissix.pygram import python_symbols as syms

from workers.rewriting.exception_values import constructor_arguments
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.fixers.string_exceptions import is_string_expression


class _Impl(TreeFixer):
    PATTERN = "raise_stmt< 'raise' exc=any [',' val=any] >"

    def match(self, node):
        results = super().match(node)
        return results if results and is_string_expression(results["exc"]) else False

    def transform(self, node, results):
        message = results["exc"].clone()
        message.prefix = ""
        arguments = [message]
        values = constructor_arguments(results["val"]) if "val" in results else []
        if values:
            values[0].prefix = values[0].prefix or " "
            arguments += [Comma()] + values
        new = pytree.Node(syms.raise_stmt, [Name("raise"), Call(Name("TypeError", prefix=" "), arguments)])
        new.prefix = node.prefix
        return new


class StringExceptionRaises(FissixFixer):
    tree_fixer = _Impl
    order = 24
    summary = "Rewrite `raise \"message\"` as `raise TypeError(\"message\")`, which 2.7 already raised"
    explanation = (
        "Since Python 2.6 a string exception is no exception: `raise \"message\"` raises TypeError "
        "(\"exceptions must be old-style classes or derived from BaseException, not str\") on 2.7, "
        "and no `except \"message\":` catches anything. `raise TypeError(\"message\")` raises the "
        "same class at the same place on 2.7 and 3 and carries the author's message. "
        "`raise \"message\", value` becomes `raise TypeError(\"message\", value)`: the comma form "
        "does not compile on Python 3."
    )
    review_hint = "If the code meant a real exception class here, name it: nothing ever caught the string."
    risk = SAFE


FIXER = StringExceptionRaises()
