"""`filter(f, s)` where `s` may be a string or a tuple → `_py2_filter(f, s)`: 2.7's filter() on 3 too.

2.7's filter() returns a str, unicode or tuple when given one, a list otherwise; Python 3's returns
an iterator, so `len(filter(...))` or `filter(...).lower()` fails there (demjson strips format
characters from its input with `filter(lambda c: …, txt)`). map_filter_zip rewrites the calls whose
argument is certainly a string or certainly not one; the calls it cannot decide (an argument of
unknown type filtered character by character, or a name bound to a string among other values)
become `_py2_filter(…)`, defined after the module's imports: the builtin itself on 2.7, and on 3
a function returning what 2.7's did (text, bytes or a tuple of the same type, else a list).
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.map_filter_zip import MAYBE, keeps_type
from workers.rewriting import iteration_context as ctx
from workers.rewriting.fixer import SAFE, FissixFixer, ShimCallFixer
from workers.rewriting.protocols import is_call
from workers.rewriting.scopes import module_binds, refers_to_builtin, root_of

SHIM = "_py2_filter"
_DEFINITION = '''

if six.PY2:
    _py2_filter = six.moves.builtins.filter
else:
    def _py2_filter(function, iterable):
        """filter() as 2.7 had it: given text, bytes or a tuple, the same type; else a list."""
        kept = [item for item in iterable if (function or bool)(item)]
        if isinstance(iterable, (str, tuple)):
            return "".join(kept) if isinstance(iterable, str) else tuple(kept)
        return bytes(kept) if isinstance(iterable, bytes) else kept


'''


def _undecided_filter(node):
    """The `filter` NAME of a builtin filter() call map_filter_zip leaves alone as MAYBE, else None."""
    children = node.children
    if len(children) != 2 or children[0].type != token.NAME or children[0].value != "filter":
        return None
    if not is_call(children[1]) or not refers_to_builtin(children[0]) or not ctx.list_is_builtin(node):
        return None
    return children[0] if keeps_type(node) == MAYBE else None


class _Impl(ShimCallFixer):
    _accept_type = syms.power
    shim = SHIM
    definition = _DEFINITION

    def match(self, node):
        return _undecided_filter(node) is not None and not module_binds(root_of(node), SHIM)

    def transform(self, node, results):
        self.use_shim(node.children[0])


class FilterKeepingType(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 54
    trigger = r"\bfilter\s*\("
    summary = "Keep 2.7's filter() where it may be given a string or a tuple"
    explanation = (
        "2.7's filter() returns a string or a tuple when given one, a list otherwise; Python 3's "
        "returns an iterator. The calls map_filter_zip cannot decide (an argument of unknown type "
        "filtered character by character) become `_py2_filter(…)`, defined after the module's "
        "imports: the builtin itself on 2.7, and on 3 a function returning what 2.7's returned."
    )
    review_hint = "Nothing changes on 2.7. On 3 the result is a string, bytes, tuple or list, as it was on 2.7."
    risk = SAFE
    requires = ("six",)


FIXER = FilterKeepingType()
