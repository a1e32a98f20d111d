"""`hashlib.md5(text)` → `hashlib.md5(six.ensure_binary(text))`, where the 2.7 tests passed text.

Only recorded evidence decides (workers/engine/evidence.py): a call at a boundary where Python 3
wants bytes (hashlib, hmac.new, zlib, base64, struct.unpack, socket sends, binary file writes) that the 2.7
tests gave unicode or an ASCII str. Without evidence, or at a call the tests never reached, the
code is left as it is: whether a str there is text or data cannot be told from the code.
"""
from fissix import pytree
from fissix.fixer_util import ArgList, Dot, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import analysis
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, is_call
from workers.rewriting.scopes import root_of

_BASE64 = ("b64encode", "b64decode", "standard_b64encode", "standard_b64decode", "urlsafe_b64encode",
           "urlsafe_b64decode", "b32encode", "b32decode", "b16encode", "b16decode", "encodestring",
           "decodestring", "encodebytes", "decodebytes")
# boundary (the recorder's, workers/engine/evidence.py BOUNDARIES) -> {name of the function or
# method called: positions of the arguments that must be bytes}
CALLS = {
    # `sha`: the usual alias of hashlib.sha1 (`sha = sha1`), and the name of 2.7's old sha module
    "hashlib": dict({name: (0,) for name in ("md5", "sha", "sha1", "sha224", "sha256", "sha384", "sha512",
                                             "update")}, new=(1,)),
    "hmac": {"new": (0, 1)},
    "zlib": {name: (0,) for name in ("compress", "decompress", "crc32", "adler32")},
    "base64": {name: (0,) for name in _BASE64},
    "struct": {"unpack": (1,), "unpack_from": (1,)},
    "socket": {"send": (0,), "sendall": (0,), "sendto": (0,)},
    "binary_file": {"write": (0,)},
}
TEXT_KINDS = ("native", "text")


def recorded_boundaries(context):
    """{line: {boundary: {"native", "text", "bytes"}}}: what the 2.7 tests gave the boundary calls
    at each line; {} without evidence."""
    found = {}
    for line, kinds in (context.evidence or ()) if context is not None else ():
        for kind in kinds:
            boundary, _, value = kind.partition(":")
            if value:
                found.setdefault(line, {}).setdefault(boundary, set()).add(value)
    return found


def tree_boundaries(tree):
    """recorded_boundaries() of the module `tree` is, read once per tree generation."""
    return analysis.cached(tree, "recorded_boundaries",
                           lambda: recorded_boundaries(getattr(tree, "module_context", None)))


def called_name(children, index):
    """The name called by the call trailer children[index] of a power node, or None."""
    if index == 1 and children[0].type == token.NAME:
        return children[0].value
    return attr_trailer_name(children[index - 1]) if index > 1 else None


def source_lines(children, index):
    """The source lines from the start of the power to the end of its call trailer children[index]."""
    lines = {leaf.lineno for child in children[:index + 1] for leaf in child.leaves() if leaf.lineno}
    return range(min(lines), max(lines) + 1) if lines else range(0)


def _boundary_arguments(node, children, index):
    """The argument nodes of the call trailer children[index] to make bytes, from the evidence."""
    name = called_name(children, index)
    tree = root_of(node)  # the record is read once per tree, not at every call node
    recorded = tree_boundaries(tree)
    seen = {}
    for line in source_lines(children, index):
        for boundary, values in recorded.get(line, {}).items():
            seen.setdefault(boundary, set()).update(values)
    found = []
    for boundary, values in seen.items():
        positions = CALLS.get(boundary, {}).get(name, ())
        if name == "new" and str(children[0]).strip() != boundary:
            continue  # hashlib.new / hmac.new, not another module's new()
        arguments = argument_nodes(children[index])
        found += [arguments[p] for p in positions if p < len(arguments) and _needs_wrapping(arguments[p], values)]
    return found


def _needs_wrapping(argument, values):
    """Whether the argument, given `values` on 2.7, must be wrapped: when it was given text, or
    when it is `a + b.encode()` (bytes on 3 only if every operand is), unless it is bytes already."""
    if argument.type == syms.argument or argument.type == token.STAR or str(argument).lstrip().startswith("*"):
        return False
    if _bytes_sum(argument):
        return not all(certainly_bytes(operand) for operand in argument.children[::2])
    return bool(values & set(TEXT_KINDS)) and not certainly_bytes(argument)


def _bytes_sum(node):
    """`a + b.encode()`: a sum of which some operand is certainly bytes."""
    return node.type == syms.arith_expr and all(op.type == token.PLUS for op in node.children[1::2]) \
        and any(certainly_bytes(operand) for operand in node.children[::2])


def certainly_bytes(node):
    """A b'' literal, or a call of `.encode(...)`, `six.ensure_binary(...)` or `six.b(...)`."""
    if node.type == token.STRING:
        return node.value.lstrip("rR")[:1] in "bB"
    if node.type != syms.power or len(node.children) < 2 or not is_call(node.children[-1]):
        return False
    text = "".join(str(child).strip() for child in node.children[:-1])
    return text.endswith(".encode") or text in ("six.ensure_binary", "six.b")


def _plain_literal(node):
    return node.type == token.STRING and node.value[:1] in "'\"" and node.value.isascii()


def _wrapped(node):
    """`six.ensure_binary(node)`, or b'...' for a plain literal, with the node's prefix."""
    prefix = node.prefix
    if _plain_literal(node) and "unicode_literals" not in (getattr(root_of(node), "future_features", None) or ()):
        return pytree.Leaf(token.STRING, "b" + node.value, prefix=prefix)
    inner = node.clone()
    inner.prefix = ""
    trailer = pytree.Node(syms.trailer, [Dot(), Name("ensure_binary")])
    return pytree.Node(syms.power, [Name("six", prefix=prefix), trailer, ArgList([inner])])


def _rewrite(argument):
    """Wrap the argument, or in `a + b.encode()` only the operands that are not bytes already;
    whether `six` was written."""
    operands = [argument]
    if _bytes_sum(argument):
        operands = [operand for operand in argument.children[::2] if not certainly_bytes(operand)]
    wrapped = [_wrapped(operand) for operand in operands]
    for operand, new in zip(operands, wrapped):
        operand.replace(new)
    return any(new.type == syms.power for new in wrapped)


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        children = node.children
        found = [argument for index in range(1, len(children)) if is_call(children[index])
                 for argument in _boundary_arguments(node, children, index)]
        return {"arguments": found} if found else False

    def transform(self, node, results):
        for argument in results["arguments"]:
            self.needs_six = _rewrite(argument) or self.needs_six

    def note(self, node):
        return "the 2.7 tests gave this call text (unicode or an ASCII str) where Python 3 wants bytes"


class BytesAtBoundaries(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 49
    trigger = r"\w\s*\("
    summary = "Pass bytes where the 2.7 tests passed text to hashlib, hmac, zlib, base64, struct, sockets and binary files"
    explanation = (
        "Python 3 refuses text where it wants bytes: hashing, `hmac.new`'s key and message, compressing, "
        "base64, `struct.unpack`, "
        "socket sends and writes to binary files. On 2.7 an ASCII str or unicode passes there. Which "
        "str values are text and which are data cannot be told from the code, so only what the 2.7 "
        "tests recorded decides (`python -m bot evidence`, then `--evidence FILE`): where they gave a "
        "call unicode or an ASCII str, its argument becomes `six.ensure_binary(x)` (a plain literal, "
        "`b'...'`). On 2.7 `ensure_binary` returns a str unchanged and encodes unicode as UTF-8, where "
        "the call itself would have encoded it as ASCII, so every value that worked before gives the "
        "same bytes; on 3 text is encoded as UTF-8. In `salt + s.encode('utf-8')` only the operands "
        "that are not bytes yet are wrapped, wherever the tests reached the call: on 3 the sum is "
        "bytes only if each of them is. Calls the tests never reached are left as they are."
    )
    review_hint = "A bytearray passed at the same call would now raise TypeError on 2.7 (ensure_binary refuses it)."
    risk = SAFE
    requires = ("six",)

    def might_apply(self, text, context=None):
        return bool(recorded_boundaries(context)) and super().might_apply(text, context)


FIXER = BytesAtBoundaries()
