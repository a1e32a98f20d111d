"""`inspect.getargspec(f)` → `(getattr(inspect, "getargspec", None) or inspect.getfullargspec)(f)`."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import is_call
from workers.rewriting.typerefs import expression, module_attribute, replace_head

# getattr's default would be evaluated, and fail, on 2.7: `or` reads getfullargspec only on 3.11+.
_LOOKUP = '(getattr(inspect, "getargspec", None) or inspect.getfullargspec)'


def _unpacked_into_four(power):
    """`a, b, c, d = inspect.getargspec(f)`: getfullargspec's seven fields would not unpack there."""
    stmt = power.parent
    if stmt.type != syms.expr_stmt or len(stmt.children) != 3 or stmt.children[2] is not power:
        return False
    target = stmt.children[0]
    if target.type == syms.atom and len(target.children) == 3:
        target = target.children[1]
    names = [child for child in target.children if child.type != token.COMMA] \
        if target.type in (syms.exprlist, syms.testlist_star_expr, syms.testlist_gexp) else []
    return len(names) == 4


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        attr = module_attribute(node, "inspect")
        return attr is not None and attr.value == "getargspec" and len(node.children) > 2 \
            and is_call(node.children[2])

    def transform(self, node, results):
        slice_four = len(node.children) == 3 and _unpacked_into_four(node)
        new = replace_head(node, [expression(_LOOKUP)])
        if slice_four:
            new.append_child(expression("x[:4]").children[1].clone())


class InspectGetargspec(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 16
    trigger = r"\bgetargspec\b"
    summary = "Look up inspect.getargspec with getfullargspec as the Python 3 default"
    explanation = (
        "`inspect.getargspec` is gone from Python 3.11. `inspect.getargspec(f)` becomes "
        "`(getattr(inspect, \"getargspec\", None) or inspect.getfullargspec)(f)`: the same function on "
        "2.7 (and up to 3.10), and on 3.11+ getfullargspec, whose first four fields (args, varargs, varkw, defaults) are "
        "getargspec's. Where the result is unpacked into four names it is sliced with `[:4]`, a tuple "
        "of the same four values on both."
    )
    review_hint = "On 3 the result's `.keywords` is called `.varkw`, and it has three more fields."
    risk = SAFE


FIXER = InspectGetargspec()
