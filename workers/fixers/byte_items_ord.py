"""`ord(data[i])` and `ord(c)` for `c` iterated over → `_byte_ord(…)`: ord() that also takes an int.

Python 2 code reads binary data a character at a time: `ord(data[0])`, `for c in data: ord(c)`.
On Python 3 an item of bytes is already the int, and ord() of it raises TypeError (dnspython's
entropy pool, mutagen's and pymarc's headers). Whether `data` is bytes or text on 3 cannot be told
from the code, so the call becomes `_byte_ord(…)`, defined after the module's imports:

    if six.PY2:
        _byte_ord = ord
    else:
        def _byte_ord(char): ...  # the int itself, else ord(char)

On 2.7 it is the builtin itself; on 3 it gives what ord gave on 2.7 for both an item of bytes and
a character of text. Only the builtin ord, given an item (`x[i]`, not a slice) or a name that its
scope binds only as a `for` or comprehension variable, or mapped over a sequence (`map(ord, data)`).
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import scopes
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import SAFE, FissixFixer, ShimCallFixer
from workers.rewriting.protocols import is_call
from workers.rewriting.scopes import module_binds, root_of

SHIM = "_byte_ord"
_DEFINITION = '''\n\nif six.PY2:
    _byte_ord = ord
else:
    def _byte_ord(char):
        """ord() of a character, or of an item of bytes, which Python 3 gives as an int already."""
        return char if isinstance(char, int) else ord(char)


'''
_LOOP_TARGETS = (syms.for_stmt, syms.comp_for, getattr(syms, "old_comp_for", syms.comp_for))


def _is_item(node):
    """`x[i]`: a power whose last trailer subscripts with one index, not a slice."""
    if node.type != syms.power:
        return False
    last = node.children[-1]
    if last.type != syms.trailer or last.children[0].type != token.LSQB:
        return False
    return last.children[1].type not in (syms.subscript, syms.subscriptlist, syms.sliceop)


def _is_loop_variable(node):
    if node.type != token.NAME:
        return False
    statements = scopes.binding_statements(node, node.value)
    return bool(statements) and all(getattr(s, "type", None) in _LOOP_TARGETS for s in statements)


def _byte_item_argument(node):
    """The argument of a builtin `ord(…)` call that may be an item of bytes on 3, else None."""
    children = node.children
    if len(children) != 2 or children[0].type != token.NAME or children[0].value != "ord" or not is_call(children[1]):
        return None
    if not scopes.refers_to_builtin(children[0]):
        return None
    arguments = argument_nodes(children[1])
    if len(arguments) != 1:
        return None
    argument = arguments[0]
    return argument if _is_item(argument) or _is_loop_variable(argument) else None


def _mapped_ord(node):
    """The `ord` NAME of `map(ord, …)`, the builtin, else None."""
    children = node.children
    if len(children) != 2 or children[0].type != token.NAME or children[0].value != "map" or not is_call(children[1]):
        return None
    arguments = argument_nodes(children[1])
    if len(arguments) < 2 or arguments[0].type != token.NAME or arguments[0].value != "ord":
        return None
    return arguments[0] if scopes.refers_to_builtin(arguments[0]) else None


def _ord_name(node):
    """The builtin `ord` NAME this call passes an item of bytes to, or maps over a sequence, else None."""
    if _byte_item_argument(node) is not None:
        return node.children[0]
    return _mapped_ord(node)


class _Impl(ShimCallFixer):
    _accept_type = syms.power
    shim = SHIM
    definition = _DEFINITION

    def match(self, node):
        name = _ord_name(node)
        return {"name": name} if name is not None and not module_binds(root_of(node), SHIM) else False

    def transform(self, node, results):
        self.use_shim(results["name"])


class ByteItemsOrd(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 54
    trigger = r"\bord\b"  # `map(ord, data)` too
    summary = "Read items of binary data with an ord() that also takes Python 3's ints"
    explanation = (
        "Python 3 gives an item of bytes as an int, and ord() of an int raises TypeError. "
        "`ord(data[i])`, `ord(c)` for a loop variable `c` and `map(ord, data)` use `_byte_ord`, defined after "
        "the module's imports: the builtin ord itself on 2.7; on 3 the int as it is, or ord() of a "
        "character of text. Either way the value is what 2.7's ord gave."
    )
    review_hint = "Nothing changes on 2.7. On 3 an int given to it is returned, where ord() raised TypeError."
    risk = SAFE
    requires = ("six",)


FIXER = ByteItemsOrd()
