r"""`r'[\200-\777]'` → `r'[\200-\377]'`: a regex octal escape above \377 gets the value 2.7 gave it.

Python 2's re reads `\ooo` (three octal digits) as the character `ooo & 0xff`, so `\777` matched
\377; Python 3.6 refuses the pattern ("octal escape value \777 outside of range 0-0o377"), and
cssutils built every one of its tokenizer patterns from such a macro, so none of its 40 test
modules imported on 3. The escape is rewritten to the value 2.7 used, which means the same on
every version. Only raw string literals are changed (in them `\ooo` is left for the regex to
read), only where the text also has a regex metacharacter, and docstrings are left alone.
"""
import re

from fissix.pgen2 import token

from workers.fixers.regex_global_flags import is_docstring
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer

_RAW_PREFIX = re.compile(r"^[bBuU]?[rR]")
# an escape of three octal digits above \377, after an even run of backslashes (an escaped one is text)
_WIDE_OCTAL = re.compile(r"(?<!\\)((?:\\\\)*)\\([4-7][0-7][0-7])")
_REGEX_SYNTAX = re.compile(r"[\[\](){}|*+?^$]")


def _narrowed(value):
    """The literal with its wide octal escapes masked to a byte as 2.7's re did, or None."""
    if not _RAW_PREFIX.match(value) or not _WIDE_OCTAL.search(value) or not _REGEX_SYNTAX.search(value):
        return None
    return _WIDE_OCTAL.sub(lambda m: "%s\\%03o" % (m.group(1), int(m.group(2), 8) & 0xFF), value)


class _Impl(TreeFixer):
    _accept_type = token.STRING

    def match(self, node):
        return _narrowed(node.value) is not None and not is_docstring(node)

    def transform(self, node, results):
        node.value = _narrowed(node.value)
        node.changed()


class RegexOctalEscapes(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\\[4-7][0-7][0-7]"
    trigger_on_code = False  # it looks inside string literals
    summary = "Give regex octal escapes above \\377 the value Python 2's re gave them"
    explanation = (
        "Python 2's re reads an octal escape such as `\\777` as its value modulo 256 (`\\377`); Python "
        "3.6 and later reject the whole pattern. In raw string literals that read as regular "
        "expressions, each such escape becomes the escape of the value 2.7 used, which every version "
        "reads the same way."
    )
    review_hint = "Check that the string is a regular expression: in any other raw string the text changes."
    risk = SAFE


FIXER = RegexOctalEscapes()
