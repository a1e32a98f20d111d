"""`ur'\\u00e9\\d'` → `u'\\u00e9\\\\d'`: the same string on Python 2.7, and valid on Python 3."""
import re

from fissix.pgen2 import token

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer

_UR_STRING = re.compile(r"([uU])[rR](\"\"\"|'''|\"|')(.*)\2\Z", re.DOTALL)
_HEX = frozenset("0123456789abcdefABCDEF")


def _escape_length(body, index):
    """Length of a \\u/\\U escape's hex part starting at body[index] (the u), or 0."""
    width = 4 if body[index] == "u" else 8
    digits = body[index + 1:index + 1 + width]
    return width if len(digits) == width and set(digits) <= _HEX else 0


def unraw(body, quote):
    """Body of a non-raw u'' literal with the value Python 2 gave the raw unicode body.

    Python 2's ur'' literals process \\uXXXX and \\UXXXXXXXX escapes (when an odd number of
    backslashes precedes the u) and keep every other backslash literally.
    """
    out = []
    index = 0
    triple = len(quote) == 3
    while index < len(body):
        char = body[index]
        if char != "\\":
            out.append(char)
            index += 1
            continue
        end = index
        while end < len(body) and body[end] == "\\":
            end += 1
        run = end - index
        following = body[end] if end < len(body) else ""
        if run % 2 and following in ("u", "U") and _escape_length(body, end):
            width = _escape_length(body, end)
            out.append("\\\\" * (run - 1) + "\\" + body[end:end + 1 + width])
            index = end + 1 + width
            continue
        out.append("\\\\" * run)
        index = end
        if following in (quote[0], "\n"):
            # In the raw literal, a backslash kept this quote or newline inside the string.
            if following == "\n":
                out.append("\n" if triple else "\\n\\\n")
            else:
                out.append("\\" + following)
            index += 1
    return "".join(out)


class _Impl(TreeFixer):
    _accept_type = token.STRING

    def match(self, node):
        return bool(_UR_STRING.match(node.value))

    def transform(self, node, results):
        prefix, quote, body = _UR_STRING.match(node.value).groups()
        node.value = prefix + quote + unraw(body, quote) + quote
        node.changed()


class UnicodeRawLiterals(FissixFixer):
    tree_fixer = _Impl
    order = 70
    summary = "Rewrite ur'' literals as u'' literals with the same value"
    explanation = (
        "Python 3 has no `ur''` prefix. In Python 2 a `ur''` literal still processes `\\uXXXX` and "
        "`\\UXXXXXXXX` escapes and keeps every other backslash as it is. The literal is rewritten as "
        "a plain `u''` literal in which those escapes stay and every other backslash is doubled, "
        "so Python 2.7 builds exactly the same string as before and Python 3 builds that string "
        "too. (2to3 and fissix emit `r''`, which loses the `\\u` escapes; modernize emits "
        "`six.u(r'')`, which differs between versions; futurize leaves a SyntaxError.)"
    )
    risk = SAFE


FIXER = UnicodeRawLiterals()
