"""`name = name.encode('ascii')` tried for UnicodeEncodeError, or done only to text → a native str
on 2.7 and 3.

Python 2 code checked that a name is pure ASCII and made it a native str in one step (pytz's
timezone()):

    try:
        zone = zone.encode('US-ASCII')
    except UnicodeEncodeError:
        raise UnknownTimeZoneError(zone)

and then used it as a str (`zone.replace('_plus_', '+')`, a dict key, a file name). On 3 the
encode makes bytes, which no str operation takes. The assignment becomes
`zone = six.ensure_str(zone.encode('US-ASCII'), 'US-ASCII')`: on 2.7 the very same value (the
encode already gives a str, which ensure_str returns as it is); on 3 the same check (non-ASCII
text still raises UnicodeEncodeError), then the text back as str.

The same for the assignment as the body of a check that the name holds text (ZConfig's
ASCIIConversion: `if isinstance(value, unicode): value = value.encode("ascii")`, alone or
`and`-ed with other conditions): on 2.7 the name is a native str after the `if` whichever branch
ran, so the code after it works with native strs; on 3 the untouched branch leaves a native str
too, and only ensure_str keeps the converted one alike.

And, wherever it stands, `s = s.encode('ascii', 'xmlcharrefreplace')`: an encode that cannot fail
and leaves only ASCII, which Python 2 code used to make markup safe to write as a native str
(python-gflags' _MakeXMLSafe, whose result goes into `'%s<%s>%s' % …`). On 3 the bytes would
print as b'…' there; ensure_str decodes them back, which ASCII always allows. So with a codec the
caller names (`text.encode(output, 'xmlcharrefreplace')`, WebHelpers 1.3's textile): ensure_str
decodes with the same codec what it just encoded.
"""
import codecs

from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.iteration_context import text_of
from workers.rewriting.protocols import attr_trailer_name, is_call, is_name
from workers.rewriting.typerefs import expression

CAUGHT = frozenset({"UnicodeEncodeError", "UnicodeError"})
TEXT_TYPES = frozenset({"unicode", "six.text_type"})
# markup's character references: the result is HTML/XML text. (backslashreplace, replace and ignore
# also leave only ASCII, but as often feed a bytes API on 3: Mako's Babel plugin hands its code to a
# BytesIO that Babel reads as bytes.)
ASCII_ERROR_HANDLERS = frozenset({"xmlcharrefreplace"})


def _ascii_codec(trailer):
    """The codec literal of a `('ascii')` call trailer naming ASCII, or None."""
    if not is_call(trailer) or len(trailer.children) != 3:
        return None
    return _literal_codec(trailer.children[1])


def _literal_codec(node):
    """The string literal node's text when it names ASCII, else None."""
    if node.type != token.STRING:
        return None
    literal = node.value
    if literal[:1] not in "'\"":
        return None
    try:
        return literal if codecs.lookup(literal.strip("'\"")).name == "ascii" else None
    except LookupError:
        return None


def _replacing_ascii_codec(trailer):
    """The codec literal of a `('ascii', 'xmlcharrefreplace')` call trailer, or None."""
    if not is_call(trailer):
        return None
    args = argument_nodes(trailer)
    if len(args) != 2 or args[1].type != token.STRING or args[1].value[:1] not in "'\"":
        return None
    if args[1].value.strip("'\"") not in ASCII_ERROR_HANDLERS:
        return None
    if args[0].type == token.NAME:
        return args[0].value  # a codec chosen by the caller (textile's output='ascii'): decoded back with it
    return _literal_codec(args[0])


def _caught_names(except_clause):
    """The exception names an `except X:` / `except (X, Y) as e:` clause catches."""
    if len(except_clause.children) < 2:
        return frozenset()
    caught = except_clause.children[1]
    leaves = [caught] if caught.type == token.NAME else caught.leaves() if caught.type == syms.atom else []
    return frozenset(leaf.value for leaf in leaves if leaf.type == token.NAME)


def _in_checking_try(stmt):
    """Whether the simple_stmt stands directly in the body of a try that catches UnicodeEncodeError."""
    suite = stmt.parent
    try_stmt = suite.parent if suite is not None and suite.type == syms.suite else suite
    if try_stmt is None or try_stmt.type != syms.try_stmt or try_stmt.children[2] is not (
            suite if suite.type == syms.suite else stmt):
        return False
    return any(child.type == syms.except_clause and _caught_names(child) & CAUGHT
               for child in try_stmt.children)


def _checks_text(condition, name):
    """Whether the condition is `isinstance(name, unicode)` (six.text_type), alone or `and`-ed."""
    operands = condition.children[::2] if condition.type == syms.and_test else [condition]
    return any(_is_text_check(operand, name) for operand in operands)


def _is_text_check(node, name):
    if node.type != syms.power or len(node.children) != 2 or not is_name(node.children[0], "isinstance"):
        return False
    args = argument_nodes(node.children[1])
    return len(args) == 2 and is_name(args[0], name) and text_of(args[1]) in TEXT_TYPES


def _in_text_check(stmt, name):
    """Whether the simple_stmt is the body of an `if`/`elif` checking that `name` holds text."""
    body = stmt.parent if stmt.parent is not None and stmt.parent.type == syms.suite else stmt
    if_stmt = body.parent
    if if_stmt is None or if_stmt.type != syms.if_stmt:
        return False
    index = if_stmt.children.index(body)
    keyword = if_stmt.children[index - 3] if index >= 3 else None
    if keyword is None or keyword.type != token.NAME or keyword.value not in ("if", "elif"):
        return False
    if body is stmt:
        return _checks_text(if_stmt.children[index - 2], name)
    statements = [child for child in body.children if child.type not in (token.NEWLINE, token.INDENT, token.DEDENT)]
    return statements == [stmt] and _checks_text(if_stmt.children[index - 2], name)


def _ascii_encoding(expr_stmt):
    """The codec literal of `NAME = NAME.encode(<ASCII codec>)` alone in a checking try or text
    check, or None. In a text check the encoded text may be any expression (python-openid's
    urinorm: `uri = _escapeme_re.sub(_pct_escape_unicode, uri).encode('ascii')`): after the `if`,
    the name is a native str on 2.7 either way."""
    if len(expr_stmt.children) != 3 or expr_stmt.children[1].type != token.EQUAL:
        return None
    target, value = expr_stmt.children[0], expr_stmt.children[2]
    if target.type != token.NAME or value.type != syms.power or len(value.children) < 3:
        return None
    method, call = value.children[-2:]
    if attr_trailer_name(method) != "encode":
        return None
    stmt = expr_stmt.parent
    if stmt.type != syms.simple_stmt or len(stmt.children) != 2:
        return None
    if _in_text_check(stmt, target.value):
        return _ascii_codec(call) or _replacing_ascii_codec(call)
    head = value.children[0]
    if len(value.children) != 3 or head.type != token.NAME or head.value != target.value:
        return None
    if _in_checking_try(stmt):
        return _ascii_codec(call)
    return _replacing_ascii_codec(call)


class _Impl(TreeFixer):
    _accept_type = syms.expr_stmt

    def match(self, node):
        codec = _ascii_encoding(node)
        return {"codec": codec} if codec else False

    def transform(self, node, results):
        value = node.children[2]
        text = "six.ensure_str(%s, %s)" % (str(value).strip(), results["codec"])
        value.replace(expression(text, prefix=value.prefix))
        self.needs_six = True


class AsciiCheckEncode(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 71
    trigger = r"\.encode\s*\("
    summary = "Keep an ASCII-checked name a native str on Python 3"
    explanation = (
        "`name = name.encode('ascii')` in a try that catches UnicodeEncodeError, or as the body of "
        "`if isinstance(name, unicode)`, checks that a name is ASCII and, on Python 2, makes it a native "
        "str, as `name = name.encode('ascii', 'xmlcharrefreplace')` does without any check; on 3 it makes "
        "bytes, which str operations, str dict keys and file names refuse. It becomes "
        "`six.ensure_str(name.encode('ascii'), 'ascii')`: the same value on 2.7, and on 3 the same check "
        "with the text kept a str."
    )
    review_hint = "Check that the name is used as text afterwards, not written out as bytes."
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = AsciiCheckEncode()
