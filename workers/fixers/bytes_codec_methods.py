"""`s.decode('hex')` → `codecs.decode(s, 'hex')`, for the codecs Python 3 keeps off str and bytes."""
import re

from fissix import pytree
from fissix.fixer_util import Comma, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.protocols import attr_trailer_name, is_call, power_from
from workers.rewriting.scopes import module_binds, root_of

# Codecs that turn bytes into bytes (and rot13, text into text): Python 3 reaches them only
# through codecs.encode/decode, which 2.7 also has and which str.encode/decode call there.
BYTES_CODECS = {"hex", "hex_codec", "base64", "base_64", "base64_codec", "zlib", "zip", "zlib_codec",
                "bz2", "bz2_codec", "uu", "uu_codec", "quopri", "quotedprintable", "quoted_printable",
                "quopri_codec"}
TEXT_CODECS = {"rot13", "rot_13"}


def _codec(trailer):
    """The codec name of a `('hex')` call trailer naming one of the codecs above, else None."""
    if not is_call(trailer) or len(trailer.children) != 3 or trailer.children[1].type != token.STRING:
        return None
    literal = trailer.children[1].value
    if literal[:1] not in "'\"":
        return None
    name = _normalized(literal.strip("'\""))
    return name if name in BYTES_CODECS | TEXT_CODECS else None


def _normalized(codec):
    """The name as the codec registry looks it up on both versions (encodings.normalize_encoding):
    'base-64', 'Quoted-Printable' and 'rot 13' are base_64, quoted_printable and rot_13."""
    return re.sub(r"[^0-9a-z.]+", "_", codec.lower()).strip("_")


def _first_codec_call(children, start):
    """Index of the first `.encode`/`.decode` trailer from `start` called with such a codec, or None."""
    for index in range(max(start, 1), len(children) - 1):
        if children[index].type == token.DOUBLESTAR:
            return None
        if attr_trailer_name(children[index]) in ("encode", "decode") and _codec(children[index + 1]):
            return index
    return None


def _as_bytes_literal(receiver, tree):
    """A plain string literal decoded from a bytes codec is bytes on 2.7: say so for Python 3."""
    if receiver.type == token.STRING and receiver.value[:1] in "'\"" \
            and "unicode_literals" not in (getattr(tree, "future_features", None) or ()):
        receiver.value = "b" + receiver.value
    return receiver


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        return _first_codec_call(node.children, 1) is not None and not module_binds(root_of(node), "codecs")

    def transform(self, node, results):
        children, start = [child.clone() for child in node.children], 1
        index = _first_codec_call(children, start)
        while index is not None:
            children = self._wrapped(root_of(node), children, index)
            index = _first_codec_call(children, 3)
        return power_from(children, node.prefix)

    def _wrapped(self, tree, children, index):
        method, call = attr_trailer_name(children[index]), children[index + 1]
        receiver = power_from(children[:index])
        codec = call.children[1].clone()
        if method == "decode" and _codec(call) in BYTES_CODECS:
            receiver = _as_bytes_literal(receiver, tree)
        codec.prefix = " "
        arguments = pytree.Node(syms.arglist, [receiver, Comma(), codec])
        head = [Name("codecs"), pytree.Node(syms.trailer, [pytree.Leaf(token.DOT, "."), Name(method)]),
                pytree.Node(syms.trailer, [pytree.Leaf(token.LPAR, "("), arguments, pytree.Leaf(token.RPAR, ")")])]
        return head + children[index + 2:]

    def after_fix(self, tree):
        add_import(tree, "codecs")


class BytesCodecMethods(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 16
    trigger = r"(?i)\.(?:en|de)code\(\s*['\"](?:hex|base[\W_]*64|zlib|zip|bz2|uu|quopri|quoted[\W_]*printable|rot[\W_]*13)"
    trigger_on_code = False  # it looks inside string literals
    summary = "Replace s.encode('hex') and s.decode('base64') with codecs.encode/decode"
    explanation = (
        "Python 3's str.encode and bytes.decode only convert between text and bytes: the bytes-to-bytes "
        "codecs (hex, base64, zlib, bz2, uu, quopri) and rot13 are reached through `codecs.encode` and "
        "`codecs.decode`, which exist on 2.7 and run the very codec str.encode/decode run there. "
        "`s.decode('hex')` becomes `codecs.decode(s, 'hex')`; a plain string literal decoded that way is "
        "bytes on 2.7 and gets a b prefix so it is bytes on 3 as well."
    )
    review_hint = "On 3 these codecs take and give bytes: a text value passed in needs encoding first."
    risk = SAFE


FIXER = BytesCodecMethods()
