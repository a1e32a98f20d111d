"""`int(a / b)` with operand types unknown → the division Python 2 did, on 2.7 and 3.

`int(x / 60)` rounds to a whole number. On 2.7, for integers `/` already floors and int() keeps
that; for floats int() truncates. Python 3's true division makes the integer case truncate too, so
negative values come out one higher: pytz rounded each zone offset with
`int((utcoffset + 30) / 60) * 60` and gave -04:59 for US/Eastern. Where the text cannot tell the
operands' types (the `/` division_review lists) and they have no side effects (names, numbers,
attributes, arithmetic of those), the argument becomes

    int(a // b if isinstance(a, six.integer_types) and isinstance(b, six.integer_types) else a / b)

(without the test for an integer literal `b`): what 2.7 computes, on 2.7 and on 3.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.division import UNDECIDED, decide
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.numeric_kind import INT, kind
from workers.rewriting.protocols import is_call
from workers.rewriting.scopes import refers_to_builtin
from workers.rewriting.typerefs import expression

_PURE_OPERATORS = frozenset({"+", "-", "*", "%", "//", "~"})


def _pure(node):
    """Names, numbers, attributes and arithmetic (no `/`) of those: evaluating twice is harmless."""
    if node.type in (token.NAME, token.NUMBER):
        return True
    if node.type == syms.atom:
        return len(node.children) == 3 and node.children[0].type == token.LPAR and _pure(node.children[1])
    if node.type == syms.factor:
        return node.children[0].value in _PURE_OPERATORS and _pure(node.children[1])
    if node.type in (syms.arith_expr, syms.term):
        operands, operators = node.children[::2], node.children[1::2]
        return all(op.value in _PURE_OPERATORS for op in operators) and all(_pure(child) for child in operands)
    if node.type == syms.power:
        return node.children[0].type == token.NAME and all(
            trailer.type == syms.trailer and trailer.children[0].type == token.DOT for trailer in node.children[1:])
    return False


def _division(power):
    """The `a / b` term that is the one argument of the builtin int(), when its types are unknown
    and its operands pure; else None."""
    head = power.children[0]
    if len(power.children) != 2 or head.type != token.NAME or head.value != "int" or not is_call(power.children[1]):
        return None
    args = argument_nodes(power.children[1])
    if len(args) != 1 or args[0].type != syms.term or len(args[0].children) != 3:
        return None
    left, slash, right = args[0].children
    if slash.type != token.SLASH or decide(slash) != UNDECIDED or not (_pure(left) and _pure(right)):
        return None
    return args[0] if refers_to_builtin(head) else None


def _classic_division_text(term):
    left, right = (str(child).strip() for child in (term.children[0], term.children[2]))
    tests = ["isinstance(%s, six.integer_types)" % operand
             for operand, node in ((left, term.children[0]), (right, term.children[2])) if kind(node) != INT]
    return "%s // %s if %s else %s / %s" % (left, right, " and ".join(tests), left, right)


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        term = _division(node)
        return {"term": term} if term is not None else False

    def transform(self, node, results):
        term = results["term"]
        term.replace(expression(_classic_division_text(term), prefix=term.prefix))
        self.needs_six = True


class IntOfDivision(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 74
    trigger = r"\bint\s*\("
    summary = "Keep Python 2's division in int(a / b) when the operand types are unknown"
    explanation = (
        "`int(a / b)` floors on 2.7 when both operands are integers (classic division) and truncates "
        "on 3 (true division), so negative values differ by one. Where the types cannot be known from "
        "the text and the operands have no side effects, the argument becomes `a // b if both are "
        "six.integer_types else a / b`: Python 2's result on 2.7 and 3."
    )
    review_hint = "If the operands are always integers, `a // b` alone says the same more simply."
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = IntOfDivision()
