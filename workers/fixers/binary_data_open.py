"""`open(name)` → `open(name, 'rb')` where the 2.7 tests read data that is not UTF-8 through it.

On 2.7 a file opened for reading in text mode gives byte strings, and code reads binary data so
(pymarc 2.8.4's tests did `MARCReader(file('test/marc8.dat'))`, MARC-8 records). On 3 text mode
decodes what it reads, and data that is not UTF-8 raises UnicodeDecodeError at the first read.
Whether a file holds text or data cannot be told from the code, so only what the 2.7 tests
recorded decides (workers/engine/evidence.py, "text_read:bytes"): such an open() gets mode 'rb',
which on 2.7 (POSIX) reads the very same bytes, and on 3 reads bytes as 2.7 did.
"""
from fissix import pytree
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.bytes_at_boundaries import source_lines
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import is_call
from workers.rewriting.scopes import refers_to_builtin

TEXT_READ_BYTES = "text_read:bytes"  # the recorder's kind (workers/engine/evidence.py)
_TEXT_READ_MODES = ("r", "rt")


def _recorded_lines(node):
    root = node
    while root.parent is not None:
        root = root.parent
    context = getattr(root, "module_context", None)
    return {line for line, kinds in (context.evidence or ()) if TEXT_READ_BYTES in kinds} if context else set()


def _mode_literal(node):
    """The mode of a plain 'r' / "rt" literal, else None."""
    if node.type != token.STRING or node.value[:1] not in "'\"":
        return None
    mode = node.value[1:-1]
    return mode if mode in _TEXT_READ_MODES else None


def _mode_to_change(arguments):
    """("add", name node) for `open(name)`; ("replace", literal) for `open(name, 'r'[, buffering])`;
    None for any other call (keywords, star-args, another mode)."""
    if not arguments or any(arg.type in (syms.argument, token.STAR, token.DOUBLESTAR) or
                            str(arg).lstrip().startswith("*") for arg in arguments):
        return None
    if len(arguments) == 1:
        return "add", arguments[0]
    return ("replace", arguments[1]) if _mode_literal(arguments[1]) else None


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        children = node.children
        if len(children) != 2 or children[0].type != token.NAME or children[0].value != "open" or \
                not is_call(children[1]) or not refers_to_builtin(children[0]):
            return False
        lines = _recorded_lines(node)
        if not lines or not lines & set(source_lines(children, 1)):
            return False
        change = _mode_to_change(argument_nodes(children[1]))
        return {"change": change} if change else False

    def transform(self, node, results):
        kind, argument = results["change"]
        if kind == "replace":
            quote = argument.value[0]
            argument.value = "%srb%s" % (quote, quote)
            argument.changed()
            return
        name = argument.clone()
        argument.replace(pytree.Node(syms.arglist, [
            name, pytree.Leaf(token.COMMA, ","), pytree.Leaf(token.STRING, "'rb'", prefix=" ")]))

    def note(self, node):
        return "the 2.7 tests read data that is not UTF-8 through this file: opened in binary mode"


class BinaryDataOpen(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 49
    trigger = r"\bopen\s*\("
    summary = "Open for reading in binary mode a file the 2.7 tests read non-UTF-8 data from"
    explanation = (
        "On 2.7 a file opened in text mode reads byte strings, and code reads binary data that way. "
        "On 3 text mode decodes (UTF-8 here), and data that is not UTF-8 raises UnicodeDecodeError. "
        "Which files hold data cannot be told from the code, so only what the 2.7 tests recorded "
        "decides (`python -m bot evidence`, then `--evidence FILE`): where they read something that "
        "is not UTF-8 through a file from `open(name)` or `open(name, 'r')`, the mode becomes 'rb'. "
        "On 2.7 (POSIX) binary and text mode read the same bytes; on 3 the file gives bytes as 2.7 did. "
        "Opens the tests never reached, or read only UTF-8 from, are left as they are."
    )
    review_hint = "On Windows 2.7's text mode turned \\r\\n into \\n; binary mode keeps it."
    risk = SAFE

    def might_apply(self, text, context=None):
        evidence = getattr(context, "evidence", None) or ()
        return any(TEXT_READ_BYTES in kinds for _, kinds in evidence) and super().might_apply(text, context)


FIXER = BinaryDataOpen()
