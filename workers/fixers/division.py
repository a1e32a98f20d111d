"""Classic division: `/` → `//` where both operands are certainly integers.

On 2.7, `7 / 2` is 3; on Python 3 it is 3.5. Where both operands are certainly integers (literals,
len()/int() calls, arithmetic of those: workers/rewriting/numeric_kind.py) the `/` becomes `//`,
which gives 3 on both. An operand that is certainly a float needs nothing. Every other `/` is
listed by `division_review` and left as it is: guessing there would change what 2.7 computes.

Once a module has no undecided `/` left, it also gets `from __future__ import division`, so code
written in it later divides as Python 3 does.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_future_import
from workers.rewriting.numeric_kind import FLOAT, INT, fold, kind
from workers.rewriting.scopes import root_of

FLOOR, UNDECIDED = "floor", "undecided"


def decide(op_leaf):
    """FLOOR, UNDECIDED, or None (true division on both versions already) for a `/` or `/=` leaf,
    in a module still on classic division; None for anything else."""
    if op_leaf.type == token.SLASH and op_leaf.parent.type != syms.term:
        return None
    if "division" in getattr(root_of(op_leaf), "future_features", ()):
        return None
    if _literal_zero(_divisor(op_leaf)):
        return None  # `1/0` raises ZeroDivisionError on both; tracebacks and tests quote its text
    left, right = _operand_kinds(op_leaf)
    if FLOAT in (left, right):
        return None
    return FLOOR if left == right == INT else UNDECIDED


def _divisor(op_leaf):
    children = op_leaf.parent.children
    index = next(i for i, child in enumerate(children) if child is op_leaf)
    return children[index + 1]


def _literal_zero(node):
    """True for an integer literal zero (`0`, `0L`, `0x0`, `00`), possibly in parentheses."""
    while node.type == syms.atom and len(node.children) == 3 and node.children[0].value == "(":
        node = node.children[1]
    if node.type != token.NUMBER:
        return False
    text = node.value.rstrip("lL")
    if not text or text[-1] in "jJ" or "." in text or (("e" in text.lower()) and not text.lower().startswith("0x")):
        return False
    return text.strip("0").lower() in ("", "x", "o", "b")


def _operand_kinds(op_leaf):
    parent = op_leaf.parent
    if op_leaf.type == token.SLASHEQUAL:
        return kind(parent.children[0]), kind(parent.children[2])
    children = parent.children
    index = next(i for i, child in enumerate(children) if child is op_leaf)
    return fold(children[:index]), kind(children[index + 1])


def _undecided_left(tree):
    return any(decide(leaf) == UNDECIDED for leaf in tree.leaves() if leaf.type in (token.SLASH, token.SLASHEQUAL))


class _Impl(TreeFixer):
    _accept_type = {token.SLASH, token.SLASHEQUAL}

    def match(self, node):
        return decide(node) == FLOOR

    def transform(self, node, results):
        node.value = "//" if node.type == token.SLASH else "//="
        node.changed()

    def after_fix(self, tree):
        if not _undecided_left(tree):
            add_future_import(tree, "division")


class Division(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 45
    trigger = r"/"
    summary = "Use // where both operands of / are integers"
    explanation = (
        "On Python 2.7 `/` between two integers rounds down; on Python 3 it does not. Where both "
        "operands are certainly integers (literals, `len()`, `int()`, and arithmetic of those), `/` "
        "becomes `//`, which is what 2.7 computed and computes the same on 3. Divisions with a float "
        "operand are already the same on both. A module left with no undecided `/` also gets "
        "`from __future__ import division`; the undecided ones are listed for review (`division_review`), "
        "never guessed."
    )
    review_hint = "Nothing to decide in the rewritten lines; see the listed `/` whose operand types are unknown."
    risk = SAFE


FIXER = Division()
