"""`"\\xC3\\x80".decode("utf-8")` → `b"\\xC3\\x80".decode("utf-8")`: a literal of encoded bytes.

Python 2 code wrote non-ASCII text as the escapes of its UTF-8 (or other) bytes and decoded them
(python-gflags' tests: `"help:\\xC3\\xAB".decode("utf-8")`). On 3 the plain literal is text whose
characters are those byte values: `six.ensure_text` (native_str_decode) returns it unchanged, so
"\\xC3\\xAB" stays two wrong characters instead of "ë". As a bytes literal it is the same str on
2.7, and on 3 bytes whose `.decode` gives the text 2.7 gave.

Only a plain literal (no prefix; not in a module with unicode_literals) written in ASCII with at
least one `\\xNN` or octal escape above 0x7F, decoded directly.
"""
import re

from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import has_future_feature
from workers.rewriting.protocols import attr_trailer_name, is_call
from workers.rewriting.scopes import root_of

_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)", re.S)


def _high_byte_escape(value):
    """Whether a plain ASCII literal has an escape of a byte above 0x7F."""
    if value[:1] not in "'\"" or not value.isascii():
        return False
    for escape in _ESCAPE.finditer(value):
        code = escape.group(1)
        if code[0] == "x" and len(code) == 3 and int(code[1:], 16) > 0x7F:
            return True
        if code.isdigit() and int(code, 8) > 0x7F:
            return True
    return False


def _literals(receiver):
    """The STRING leaves of a literal receiver (implicit concatenation, parenthesized too), or []."""
    if receiver.type == syms.atom and receiver.children[0].type == token.LPAR and len(receiver.children) == 3:
        return _literals(receiver.children[1])
    if receiver.type == token.STRING:
        return [receiver]
    if receiver.type == syms.atom and all(child.type == token.STRING for child in receiver.children):
        return list(receiver.children)
    return []


def _decoded_literals(power):
    """The leaves of `<plain literal>.decode(…)` when one of them escapes a high byte, else None."""
    children = power.children
    if len(children) < 3 or attr_trailer_name(children[1]) != "decode" or not is_call(children[2]):
        return None
    leaves = _literals(children[0])
    if not leaves or not all(leaf.value[:1] in "'\"" for leaf in leaves):
        return None
    if not any(_high_byte_escape(leaf.value) for leaf in leaves):
        return None
    return None if has_future_feature(root_of(power), "unicode_literals") else leaves


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        leaves = _decoded_literals(node)
        return {"leaves": leaves} if leaves else False

    def transform(self, node, results):
        for leaf in results["leaves"]:
            leaf.value = "b" + leaf.value
            leaf.changed()


class ByteEscapeLiteralDecode(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 24
    trigger = r"\\(x[89a-fA-F][0-9a-fA-F]|[2-7][0-7][0-7])"
    trigger_on_code = False  # it looks inside string literals
    summary = "Decode literals of escaped bytes as bytes literals"
    explanation = (
        "A plain literal written as the escapes of encoded bytes and decoded (`\"\\xC3\\xAB\".decode(\"utf-8\")`) "
        "is a byte string on 2.7 but text on 3, where its characters are the byte values: decoding it "
        "there cannot give the text 2.7 gave. It becomes a bytes literal, `b\"\\xC3\\xAB\".decode(\"utf-8\")`: "
        "the same str on 2.7, and on 3 bytes that decode to the same text."
    )
    review_hint = "Nothing: the literal is the same value on 2.7."
    risk = SAFE


FIXER = ByteEscapeLiteralDecode()
