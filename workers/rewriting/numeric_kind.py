"""What can be known, from the text alone, about the numbers an expression produces.

`kind(node)` is INT when the expression is certainly an integer on both versions (int literals,
len()/int()/ord() calls, and arithmetic of those that stays integral), FLOAT when it is certainly
a float or complex (a float literal or float() call anywhere in a product or sum), and UNKNOWN
otherwise — a name, an attribute, any other call. Nothing is guessed: division is rewritten from
INT and FLOAT only, and every UNKNOWN operand is shown to a reviewer.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.scopes import refers_to_builtin

INT, FLOAT, UNKNOWN = "int", "float", "unknown"

_INT_CALLS = frozenset(["len", "int", "long", "ord", "hash", "id"])
_FLOAT_CALLS = frozenset(["float", "complex"])
_INTEGRAL_OPERATORS = frozenset(["+", "-", "*", "%", "//", "<<", ">>", "&", "|", "^"])


def kind(node):
    if node.type == token.NUMBER:
        return _number_kind(node.value)
    if node.type == syms.atom and node.children[0].type == token.LPAR and len(node.children) == 3:
        return kind(node.children[1])
    if node.type == syms.factor:
        return kind(node.children[1]) if node.children[0].value in "-+~" else UNKNOWN
    if node.type in (syms.term, syms.arith_expr, syms.shift_expr, syms.and_expr, syms.xor_expr, syms.expr):
        return fold(node.children)
    if node.type == syms.power:
        return _power_kind(node)
    return UNKNOWN


def fold(children):
    """Kind of a left-associative operator chain: operand, op, operand, op, ..."""
    result = kind(children[0])
    for index in range(1, len(children) - 1, 2):
        result = combine(result, children[index].value, kind(children[index + 1]))
    return result


def combine(left, operator, right):
    if FLOAT in (left, right) and operator in ("+", "-", "*", "/", "//", "%"):
        # A float on either side makes the result a float, whatever the other side is (bar
        # objects overriding the reflected operator, which is what UNKNOWN is for on the other side).
        return FLOAT if UNKNOWN not in (left, right) else UNKNOWN
    if left == right == INT and (operator in _INTEGRAL_OPERATORS or operator == "/"):
        return INT
    return UNKNOWN


def _number_kind(text):
    lowered = text.lower()
    if lowered.startswith(("0x", "0o", "0b")):
        return INT
    if lowered.endswith("j") or "." in lowered or "e" in lowered:
        return FLOAT
    return INT


def _power_kind(node):
    children = node.children
    if len(children) == 2 and children[0].type == token.NAME and children[1].type == syms.trailer and \
            children[1].children[0].type == token.LPAR and refers_to_builtin(children[0]):
        if children[0].value in _INT_CALLS:
            return INT
        if children[0].value in _FLOAT_CALLS:
            return FLOAT
        return UNKNOWN
    if len(children) == 3 and children[1].type == token.DOUBLESTAR:
        base, exponent = kind(children[0]), children[2]
        if base == INT and exponent.type == token.NUMBER and _number_kind(exponent.value) == INT:
            return INT
        if FLOAT in (base, kind(exponent)) and UNKNOWN not in (base, kind(exponent)):
            return FLOAT
    return UNKNOWN
