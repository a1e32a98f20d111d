"""`cmp(a, b)` → `((a > b) - (a < b))` for simple operands."""
from fissix.pgen2 import token

from workers.rewriting import parsing
from workers.rewriting.builtin_calls import call_arguments, call_trailer, is_simple, is_whole_call
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import refers_to_builtin


def _operands(leaf):
    if leaf.value != "cmp" or not is_whole_call(leaf) or not refers_to_builtin(leaf):
        return None
    arguments = call_arguments(call_trailer(leaf))
    if arguments is None:
        return None
    positional, keywords = arguments
    if keywords or len(positional) != 2 or not all(is_simple(arg) for arg in positional):
        return None
    if any("#" in inner.prefix for inner in list(leaf.parent.leaves())[1:]):
        return None  # a comment inside the call would be lost
    return positional


def _expression(text):
    tree = parsing.parse("_ = %s\n" % text)
    expr = tree.children[0].children[0].children[2]
    expr.remove()
    return expr


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        return _operands(node) is not None

    def transform(self, node, results):
        a, b = (str(arg).strip() for arg in _operands(node))
        new = _expression("((%s > %s) - (%s < %s))" % (a, b, a, b))
        new.prefix = node.prefix
        node.parent.replace(new)


class CmpBuiltin(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 26
    trigger = r"\bcmp\s*\("
    summary = "Replace cmp(a, b) with ((a > b) - (a < b))"
    explanation = (
        "The `cmp` builtin is gone in Python 3. `(a > b) - (a < b)` is the replacement Python 3's "
        "documentation gives: -1, 0 or 1 on both versions, and on 2.7 `>` and `<` fall back to "
        "`__cmp__` just as `cmp()` did. It is used only when both operands are names, attributes, "
        "literals or simple subscripts, which can be evaluated twice; other calls are left as they "
        "are. A module or function that defines or imports its own `cmp` (very common) is left alone."
    )
    review_hint = (
        "Values that are unordered (NaN, sets compared by subset) gave other answers from cmp(); "
        "the cmp() calls left unchanged (complex operands) still need a hand."
    )
    risk = SAFE


FIXER = CmpBuiltin()
