"""`pickle.dumps(d).replace('old', 'new')` → `….replace(b'old', b'new')`.

A plain ASCII literal handed to a method of a value that is bytes on 3 (the result of
`pickle.dumps`, `struct.pack`, `zlib.compress`, `binascii.hexlify`, …, directly or through a name
only ever assigned one) gets a b prefix: the very same str on 2.7, and on 3 what a bytes
method takes (`bytes.replace('a', 'b')` raises TypeError).
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import has_future_feature
from workers.rewriting.scopes import PARAMETER, binding_statements, root_of
from workers.rewriting.typerefs import from_import_origin, refers_to_module

# Calls whose result is certainly bytes on 3, by module.
BYTES_RESULTS = {"pickle": {"dumps"}, "cPickle": {"dumps"}, "marshal": {"dumps"}, "struct": {"pack"},
                 "zlib": {"compress", "decompress"}, "bz2": {"compress", "decompress"},
                 "binascii": {"hexlify", "unhexlify", "b2a_hex", "a2b_hex"}}
# bytes methods whose arguments must be bytes too
SAME_KIND_METHODS = {"replace", "startswith", "endswith", "split", "rsplit", "find", "rfind", "index", "rindex",
                     "count", "strip", "lstrip", "rstrip", "partition", "rpartition"}


def _native_ascii(leaf):
    prefix = leaf.value[:len(leaf.value) - len(leaf.value.lstrip("rRuUbB"))]
    return prefix.lower() in ("", "r") and leaf.value.isascii() and \
        not has_future_feature(root_of(leaf), "unicode_literals")


def _method_call(leaf):
    """(receiver children, method name) when leaf is a positional argument of `<receiver>.method(…)`."""
    trailer = leaf.parent.parent if leaf.parent.type == syms.arglist else leaf.parent
    if trailer is None or trailer.type != syms.trailer or trailer.children[0].type != token.LPAR:
        return None
    power = trailer.parent
    index = power.children.index(trailer)
    method = power.children[index - 1] if index >= 2 else None
    if method is None or method.type != syms.trailer or method.children[0].type != token.DOT:
        return None
    return power.children[:index - 1], method.children[1].value


def bytes_call(children):
    """`pickle.dumps(…)`, `zlib.compress(…)`, … (as a power's children): bytes on 3."""
    if len(children) != 3 or children[2].type != syms.trailer or children[2].children[0].type != token.LPAR:
        return False
    attribute = children[1]
    if attribute.type != syms.trailer or attribute.children[0].type != token.DOT:
        return False
    return any(attribute.children[1].value in functions and _means_module(children[0], module)
               for module, functions in BYTES_RESULTS.items())


def _means_module(leaf, module):
    if refers_to_module(leaf, module):
        return True
    return module == "cPickle" and leaf.type == token.NAME and from_import_origin(leaf, "six.moves") == "cPickle"


def _name_holds_bytes(name):
    """Every statement binding the name is `name = pickle.dumps(…)` (or another bytes_call)."""
    bound = binding_statements(name, name.value)
    return bool(bound) and all(
        stmt is not PARAMETER and stmt.type == syms.expr_stmt and len(stmt.children) == 3 and
        stmt.children[1].type == token.EQUAL and stmt.children[0].type == token.NAME and
        stmt.children[2].type == syms.power and bytes_call(stmt.children[2].children) for stmt in bound)


def _literal_for_bytes_method(leaf):
    if not _native_ascii(leaf):
        return False
    found = _method_call(leaf)
    if found is None or found[1] not in SAME_KIND_METHODS:
        return False
    receiver = found[0]
    if len(receiver) == 1 and receiver[0].type == token.NAME:
        return _name_holds_bytes(receiver[0])
    return bytes_call(receiver)


class _Impl(TreeFixer):
    _accept_type = token.STRING

    def match(self, node):
        return _literal_for_bytes_method(node)

    def transform(self, node, results):
        node.value = "b" + node.value
        node.changed()


class BytesMethodLiterals(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 21
    trigger = r"\b(?:dumps|pack|compress|decompress|hexlify|unhexlify|b2a_hex|a2b_hex)\b"
    summary = "Give a b prefix to literals handed to methods of pickle.dumps()/struct.pack()/… results"
    explanation = (
        "`pickle.dumps(x)`, `marshal.dumps`, `struct.pack`, `zlib.compress`/`decompress`, "
        "`bz2.compress`/`decompress` and `binascii.hexlify` (and the like) give bytes on 3, whose "
        "`replace`, `startswith`, `split`, `find`, `strip`, … take bytes only: "
        "`pickle.dumps(d).replace('old', 'new')` raises TypeError there. A plain ASCII literal handed "
        "to such a method of such a result, directly or through a name only ever assigned one, gets "
        "a b prefix: the very same str on 2.7."
    )
    review_hint = "Nothing special: b'…' is the same str on 2.7."
    risk = SAFE


FIXER = BytesMethodLiterals()
