"""What can be known, from the text alone, about the numbers an expression produces.

`kind(node)` is INT when the expression is certainly an integer on both versions (int literals,
len()/int()/ord() calls, abs() of an integer, arithmetic of those that stays integral, and a
function's local name every assignment of which is such an integer), FLOAT when it is certainly
a float or complex (a float literal or float() call anywhere in a product or sum), and UNKNOWN
otherwise — any other name, an attribute, any other call. Nothing is guessed: division is rewritten
from INT and FLOAT only, and every UNKNOWN operand is shown to a reviewer.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import analysis, scopes
from workers.rewriting.scopes import refers_to_builtin

INT, FLOAT, UNKNOWN = "int", "float", "unknown"

_INT_CALLS = frozenset(["len", "int", "long", "ord", "hash", "id"])
_FLOAT_CALLS = frozenset(["float", "complex"])
_INTEGRAL_OPERATORS = frozenset(["+", "-", "*", "%", "//", "<<", ">>", "&", "|", "^"])


def kind(node, names=None):
    """`names(leaf)`: the kind of a NAME (default: `local_name_kind`)."""
    if node.type == token.NUMBER:
        return _number_kind(node.value)
    if node.type == token.NAME:
        return (names or local_name_kind)(node)
    if node.type == syms.atom and node.children[0].type == token.LPAR and len(node.children) == 3:
        return kind(node.children[1], names)
    if node.type == syms.factor:
        return kind(node.children[1], names) if node.children[0].value in "-+~" else UNKNOWN
    if node.type in (syms.term, syms.arith_expr, syms.shift_expr, syms.and_expr, syms.xor_expr, syms.expr):
        return fold(node.children, names)
    if node.type == syms.power:
        return _power_kind(node, names)
    return UNKNOWN


def fold(children, names=None):
    """Kind of a left-associative operator chain: operand, op, operand, op, ..."""
    result = kind(children[0], names)
    for index in range(1, len(children) - 1, 2):
        result = combine(result, children[index].value, kind(children[index + 1], names))
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


def _power_kind(node, names):
    children = node.children
    if len(children) == 2 and children[0].type == token.NAME and children[1].type == syms.trailer and \
            children[1].children[0].type == token.LPAR and refers_to_builtin(children[0]):
        if children[0].value in _INT_CALLS:
            return INT
        if children[0].value in _FLOAT_CALLS:
            return FLOAT
        if children[0].value == "abs":
            return _abs_kind(children[1], names)
        return UNKNOWN
    if len(children) == 3 and children[1].type == token.DOUBLESTAR:
        base, exponent = kind(children[0], names), children[2]
        if base == INT and exponent.type == token.NUMBER and _number_kind(exponent.value) == INT:
            return INT
        if FLOAT in (base, kind(exponent, names)) and UNKNOWN not in (base, kind(exponent, names)):
            return FLOAT
    return UNKNOWN


def _abs_kind(trailer, names):
    """abs() of one positional argument has that argument's kind."""
    if len(trailer.children) != 3 or trailer.children[1].type in (syms.arglist, syms.argument):
        return UNKNOWN
    return kind(trailer.children[1], names)


# ---------------------------------------------------------------- a function's integer locals

def local_name_kind(leaf):
    """INT for a name local to a function (not a parameter) every assignment of which gives an integer."""
    scope = scopes.binding_scope(leaf, leaf.value)
    if scope is None or scope.type != syms.funcdef:
        return UNKNOWN
    return INT if leaf.value in integer_locals(scope) else UNKNOWN


def integer_locals(function):
    """Names the function binds only by `name = <integer>` or `name op= <integer>` (op integral)."""
    return analysis.cached_on(function, "integer_locals", _collect_integer_locals)


def _collect_integer_locals(function):
    if "division" in getattr(analysis.root_of(function), "future_features", ()) or _has_exec(function):
        return frozenset()  # `/` of integers is no integer there; exec may bind anything
    assignments = {}
    for name, nodes in scopes.binding_nodes(function).items():
        values = _assigned_values(nodes)
        if values is not None:
            assignments[name] = values
    integers = set(assignments)
    changed = True
    while changed:  # the largest set whose assignments all give integers, assuming the set itself
        changed = False
        for name in sorted(integers):
            if any(_assigned_kind(operator, value, function, integers) != INT for operator, value in assignments[name]):
                integers.discard(name)
                changed = True
    return frozenset(integers)


def _has_exec(function):
    return any(node.type == syms.exec_stmt for node in scopes.own_nodes(function))


def _assigned_values(nodes):
    """[(operator or None, value)] of the binding statements, or None when one is not a plain or
    augmented assignment to names only (a parameter, a loop, an unpacking, an import...)."""
    values = []
    for node in nodes:
        if node is scopes.PARAMETER or node.type != syms.expr_stmt:
            return None
        children = node.children
        if len(children) == 3 and children[1].type in scopes.AUGMENTED_ASSIGNMENTS:
            if children[0].type != token.NAME:
                return None
            values.append((children[1].value[:-1], children[2]))
        elif all(op.type == token.EQUAL for op in children[1::2]) and all(
                target.type == token.NAME for target in children[:-1:2]):
            values.append((None, children[-1]))
        else:
            return None
    return values


def _assigned_kind(operator, value, function, integers):
    def names(leaf):
        if scopes.binding_scope(leaf, leaf.value) is function:
            return INT if leaf.value in integers else UNKNOWN
        return local_name_kind(leaf)
    value_kind = kind(value, names)
    return value_kind if operator is None else combine(INT, operator, value_kind)
