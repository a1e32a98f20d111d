"""`StringIO` / `cStringIO` → `six.StringIO` or `six.BytesIO`, chosen by what the module does."""
import re

from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import module_imports as mi
from workers.rewriting import names

from workers.engine.fixer import NEEDS_REVIEW, FissixFixer
from workers.rewriting.module_moves import AttributeMove, MoveImports

# A module that pickles, packs, compresses or archives, or writes byte literals, is using the
# buffer for bytes; one that does none of that is using it for text.
_BINARY_NAMES = {"pickle", "cPickle", "marshal", "struct", "gzip", "zipfile", "tarfile", "zlib", "bz2", "base64",
                 "binascii", "array", "wave", "BytesIO", "encode", "getbuffer"}
_BINARY_MODE = re.compile(r"""^[rR]?['"][rwa]\+?b\+?['"]$""")


def _is_binary_signal(leaf):
    if leaf.type == token.NAME:
        return leaf.value in _BINARY_NAMES
    return leaf.type == token.STRING and (leaf.value[:1] in "bB" or _BINARY_MODE.match(leaf.value) is not None)


def _region_leaves(node):
    """The code a buffer created at `node` most likely lives in: its class when it is stored on
    `self` (created in __init__, written in another method), else its function, else the module's
    own top-level statements (not the bodies of its functions and classes)."""
    stored_on_self = _assigned_to_self_attribute(node)
    while node is not None and node.type not in (syms.funcdef, syms.file_input):
        node = node.parent
    if node.type == syms.funcdef:
        owner = node.parent.parent if node.parent is not None and node.parent.type == syms.suite else None
        if stored_on_self and owner is not None and owner.type == syms.classdef:
            return owner.leaves()
        return node.leaves()
    return (n for n in names._own_nodes(node) if n.type in (token.NAME, token.STRING))


def _assigned_to_self_attribute(node):
    """Whether node is (inside) the value of an assignment to `self.something`."""
    child, parent = node, node.parent
    while parent is not None and parent.type not in (syms.expr_stmt, syms.simple_stmt, syms.suite, syms.file_input):
        child, parent = parent, parent.parent
    if parent is None or parent.type != syms.expr_stmt or child is parent.children[0]:
        return False
    target = parent.children[0]
    return target.type == syms.power and target.children[0].type == token.NAME and \
        target.children[0].value == "self" and len(target.children) == 2


def buffer_kind(node):
    """'BytesIO' when the code around `node` handles binary data, else 'StringIO'."""
    for leaf in _region_leaves(node):
        if _is_binary_signal(leaf) and not names.in_import(leaf):
            return "BytesIO"
    return "StringIO"


def _bound_names(node):
    if node.type == syms.import_name:
        return [alias or module for _, module, alias in mi.import_items(node) if module in ("StringIO", "cStringIO")]
    _, pairs = mi.from_import_parts(node)
    return [alias or name for name, alias in pairs or ()]


def import_kind(node):
    """The one kind every use of the import's binding needs, or None when uses disagree."""
    tree = node
    while tree.parent is not None:
        tree = tree.parent
    bindings = mi.Bindings()
    kinds = set()
    for name in _bound_names(node):
        kinds.update(buffer_kind(use) for use in mi.uses_of(tree, node, name, bindings))
    if not kinds:
        kinds.add(buffer_kind(node))
    return kinds.pop() if len(kinds) == 1 else None


def _move(module, name):
    return AttributeMove({"StringIO": (module, name, ())}, {"StringIO": (module, name)}, default=(module, name))


def _moves(kind):
    move = _move("six", kind)
    if kind == "BytesIO":
        return {"StringIO": move, "cStringIO": move}
    # Text through cStringIO stays cStringIO on 2.7 (same speed, same type, same limits) and is
    # io.StringIO on 3: six.moves.cStringIO is exactly that pair.
    return {"StringIO": move, "cStringIO": _move("six.moves", "cStringIO")}


MOVES = {kind: _moves(kind) for kind in ("StringIO", "BytesIO")}


class _Impl(MoveImports):
    _kinds = ()

    def match(self, node):
        if node.type == syms.import_from:
            module, _ = mi.from_import_parts(node)
        else:
            modules = [module for _, module, _ in mi.import_items(node)]
            module = "StringIO" if "StringIO" in modules or "cStringIO" in modules else None
        if module not in ("StringIO", "cStringIO"):
            return None
        kind = import_kind(node)
        if kind is None:
            return None  # one buffer for text, another for bytes: a person must choose
        self._kinds = self._kinds + (kind,)
        try:
            return super().match(node)
        finally:
            self._kinds = self._kinds[:-1]

    def moves_for(self, tree):
        return MOVES[self._kinds[-1]]


class Stringio(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 55
    trigger = r"\bc?StringIO\b"
    summary = "Replace the StringIO and cStringIO modules with six.StringIO / six.BytesIO"
    explanation = (
        "The `StringIO` and `cStringIO` modules are gone on Python 3. On 2.7 `six.StringIO` and "
        "`six.BytesIO` are both `StringIO.StringIO`, which accepts byte strings and unicode alike, so "
        "nothing changes there (unlike `io.StringIO`, which rejects a native str on 2.7 with "
        "TypeError). On 3 they are `io.StringIO` (text) and `io.BytesIO` (bytes): a buffer created in "
        "a function that pickles, packs, compresses or archives data, or uses byte literals or binary "
        "file modes, gets `BytesIO`; any other gets `StringIO` (at module level the module's own "
        "top-level code decides). A text buffer from `cStringIO` becomes `six.moves.cStringIO`: still "
        "cStringIO on 2.7 (same speed, same type), `io.StringIO` on 3. An import whose buffers need "
        "both is left for a person."
    )
    review_hint = (
        "The text/bytes choice is a guess from the module's content: check what is written to and "
        "read from each buffer. A bytes buffer that was cStringIO is the slower StringIO.StringIO on 2.7."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = Stringio()
