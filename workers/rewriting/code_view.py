"""A module's code alone: its text with every string literal emptied and every comment dropped.

A trigger such as `/` or `\\bfile\\b` matches most modules' raw text (URLs, docstrings, comments)
but far fewer modules' code; a fixer whose sites always hold its trigger in code
(`Fixer.trigger_on_code`) is asked about this view instead, and a module none of its fixers admit is
never parsed.

Strings and comments are found the way Python's tokenizer finds them, left to right: a `#` inside a
string is part of the string, a quote inside a comment part of the comment. A string becomes two
of its own quotes (`''` or `""`), so triggers that look for a string operand still see one.
"""
import re

# Each string's loop is unrolled (a run of plain characters, then one escape or lone quote, then a
# run...): no nested repetition, so an unterminated string costs one pass, never a backtracking search.
_STRING_OR_COMMENT = re.compile(r"""
    (?=[rRuUbBfF'"\#])                  # most positions fail here, at C speed
    (?:
      (?:(?<!\w)[rRuUbBfF]{1,2})?       # a prefix, never the end of a name (`x or"y"` keeps `or`)
      (?P<quote>['"])
      (?:(?<=')''[^\\']*(?:(?:\\.|'(?!''))[^\\']*)*'''
       |(?<=")""[^\\"]*(?:(?:\\.|"(?!""))[^\\"]*)*\"\"\"
       |(?<=')[^'\\\n]*(?:\\.[^'\\\n]*)*'
       |(?<=")[^"\\\n]*(?:\\.[^"\\\n]*)*"
      )
    | \#[^\n]*
    )
""", re.VERBOSE | re.DOTALL)


def code_alone(text):
    """The text with each string literal replaced by an empty one and each comment removed.
    An unterminated string is left as it is (the rest of the line stays in view)."""
    return _STRING_OR_COMMENT.sub(r"\g<quote>\g<quote>", text)


class SourceView:
    """A module's text, and its code (code_alone) made the first time a fixer asks for it."""

    def __init__(self, text):
        self.text = text
        self._code = None

    @property
    def code(self):
        if self._code is None:
            self._code = code_alone(self.text)
        return self._code
