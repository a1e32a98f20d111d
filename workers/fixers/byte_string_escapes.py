"""`'C:\\Users'` → `'C:\\\\Users'`: `\\u`, `\\U`, `\\N` in a plain (byte) string keep their backslash;
`'\\777'` → `'\\xff'`: an octal escape above 255 keeps the byte 2.7 made of it."""
import re

from fissix.pgen2 import token

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import root_of

_PLAIN = re.compile(r"^('''|\"\"\"|'|\")(.*)\1$", re.S)
_ESCAPE = re.compile(r"\\([0-7]{1,3}|.)", re.S)


def _doubled(value):
    """The literal with each `\\u`, `\\U`, `\\N` escape's backslash doubled and each octal escape
    above 255 as the byte 2.7 made of it; None when it has neither."""
    match = _PLAIN.match(value)
    if match is None:  # a prefixed literal: u'', b'', r'' … mean the same on 2.7 and 3 here
        return None
    quote, body = match.groups()
    changed = [False]

    def double(escape):
        if escape.group(1) in ("u", "U", "N"):
            changed[0] = True
            return "\\\\" + escape.group(1)
        if escape.group(1).isdigit() and int(escape.group(1), 8) > 0o377:
            changed[0] = True  # 2.7 kept the low 8 bits; 3 would make the character U+0100 or above
            return "\\x%02x" % (int(escape.group(1), 8) & 0xFF)
        return escape.group(0)

    new_body = _ESCAPE.sub(double, body)
    return quote + new_body + quote if changed[0] else None


class _Impl(TreeFixer):
    _accept_type = token.STRING

    def match(self, node):
        if "\\" not in node.value or _doubled(node.value) is None:
            return False
        return "unicode_literals" not in getattr(root_of(node), "future_features", ())

    def transform(self, node, results):
        node.value = _doubled(node.value)
        node.changed()


class ByteStringEscapes(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\\[uUN]|\\[4-7][0-7][0-7]"
    trigger_on_code = False  # it looks inside string literals
    summary = "Double the backslash of \\u, \\U and \\N in byte strings; octal escapes above 255 become their byte"
    explanation = (
        "In a Python 2 byte string `'\\u00e9'`, `'C:\\Users'` or `'\\N{DASH}'` is a backslash followed "
        "by letters: 2.7 only interprets `\\u`, `\\U` and `\\N` in unicode literals. Python 3 "
        "interprets them in every str literal, so the value changes and `'C:\\Users'` is a "
        "SyntaxError. Writing the backslash twice (`'C:\\\\Users'`) spells the very same characters on "
        "2.7 and 3. Modules with `from __future__ import unicode_literals`, and prefixed literals "
        "(`u''`, `b''`, `r''`), already mean the same on both and are left alone. An octal escape "
        "above `\\377` (`'\\777'`) was the byte of its low 8 bits on 2.7 (`'\\xff'`) and is a character "
        "above U+00FF on 3: it is written as that byte, `\\xff`."
    )
    review_hint = "If the string was meant to hold the Unicode character, it should become a u'' literal instead."
    risk = SAFE


FIXER = ByteStringEscapes()
