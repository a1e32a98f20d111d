"""Classic division → `from __future__ import division`, with `//` where both operands are integers.

Every `/` and `/=` of a module is looked at once the future import is to be added, because the
import changes them all on 2.7:
- both operands certainly integers (literals, len(), int(), arithmetic of those): `/` → `//`,
  which is what 2.7 computed and what 3 computes with `//`;
- an operand certainly a float: nothing to do, true division on both;
- anything else: left as `/` and listed for the reviewer, file:line, in the pull request. From
  this change on, 2.7 computes true division there too, exactly like 3; the test runs on 2.7
  therefore exercise Python 3's semantics before Python 3 is switched on.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.engine.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import add_future_import
from workers.rewriting.numeric_kind import FLOAT, INT, fold, kind

UNKNOWN_NOTE = "operand types unknown: now true division on 2.7, as on Python 3"


def _operand_kinds(op_leaf):
    """(kind of what is divided, kind of the divisor) for a `/` or `/=` leaf."""
    parent = op_leaf.parent
    if op_leaf.type == token.SLASHEQUAL:
        return kind(parent.children[0]), kind(parent.children[2])
    children = parent.children
    index = next(i for i, child in enumerate(children) if child is op_leaf)
    return fold(children[:index]), kind(children[index + 1])


def _decide(op_leaf):
    left, right = _operand_kinds(op_leaf)
    if FLOAT in (left, right):
        return None  # true division on both versions already
    if left == right == INT:
        return "floor"
    return "unknown"


class _Impl(TreeFixer):
    _accept_type = {token.SLASH, token.SLASHEQUAL}

    def match(self, node):
        if node.type == token.SLASH and node.parent.type != syms.term:
            return False
        if "division" in getattr(_root(node), "future_features", ()):
            return False
        return _decide(node)

    def note(self, node):
        return UNKNOWN_NOTE if _decide(node) == "unknown" else ""

    def transform(self, node, results):
        if results == "floor" and node.type == token.SLASH:
            node.value = "//"
            node.changed()
        elif results == "floor":
            node.value = "//="
            node.changed()

    def after_fix(self, tree):
        add_future_import(tree, "division")


def _root(node):
    while node.parent is not None:
        node = node.parent
    return node


class Division(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 90
    trigger = r"/"
    summary = "Use true division on both versions (from __future__ import division)"
    explanation = (
        "Adds `from __future__ import division`, so `/` means true division on 2.7 as it does on 3. "
        "Where both operands are certainly integers, `/` becomes `//` (and `/=` becomes `//=`), which "
        "is exactly what 2.7 computed before; where one is certainly a float nothing changes. Every "
        "other `/` is listed below for review instead of being guessed: it now gives the Python 3 "
        "result on 2.7 too, so the 2.7 test run already shows whether the code relied on floor division."
    )
    review_hint = (
        "Each `/` listed under \"For review\": if both sides can be integers and the code needs an "
        "integer (an index, a count, a range bound), change it to `//`."
    )
    risk = NEEDS_REVIEW


FIXER = Division()
