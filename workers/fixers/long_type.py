"""`(int, long)` → `six.integer_types`; `long(x)` → `int(x)`."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.engine.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.names import refers_to_builtin
from workers.rewriting.typerefs import integer_tuple, integer_tuple_replacement, prime


def _long_call(node):
    """`long(...)`: the power node of a call of the builtin long."""
    if node.type != syms.power or len(node.children) < 2:
        return False
    head, trailer = node.children[0], node.children[1]
    return (head.type == token.NAME and head.value == "long" and trailer.type == syms.trailer
            and trailer.children[0].type == token.LPAR and refers_to_builtin(head))


class _Impl(TreeFixer):
    _accept_type = (syms.atom, syms.power)

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        prime(tree)
        self.needs_six = False

    def match(self, node):
        if node.type == syms.atom:
            return integer_tuple(node) or False
        return _long_call(node)

    def transform(self, node, results):
        if node.type == syms.atom:
            members, kinds = results
            node.replace(integer_tuple_replacement(node, members, kinds))
            self.needs_six = True
            return None
        head = node.children[0]
        head.value = "int"
        head.changed()
        return None

    def after_fix(self, tree):
        if self.needs_six:
            add_import(tree, "six")


class LongType(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 60
    trigger = r"\blong\b"
    summary = "Replace (int, long) with six.integer_types and long(x) with int(x)"
    explanation = (
        "`long` does not exist on Python 3. A tuple holding both `int` and `long` (in `isinstance`, "
        "`type(x) in (int, long)`, or anywhere) becomes `six.integer_types`, which *is* `(int, long)` "
        "on 2.7 and `(int,)` on 3; other members are kept: `(int, long, float)` → "
        "`six.integer_types + (float,)`. The tuple is rewritten in one step, never `long` → `int` "
        "first, which gives `(int, int)` and drops longs on 2.7 (python-future#265). `long(x)` "
        "becomes `int(x)`: the same value on both versions (2.7's `int()` returns a long when the "
        "value needs one). A `long` used alone as a type (`isinstance(x, long)`, `type(x) is long`) is "
        "left as it is (the py2_type_checks report lists it): every replacement would change what 2.7 accepts."
    )
    review_hint = (
        "`long(x)` → `int(x)`: on 2.7 a small value is now an `int`, not a `long` (its repr has no "
        "`L`, `type(v) is long` is False). Remaining `isinstance(x, long)` / `type(x) is long` checks "
        "are not rewritten and still fail on Python 3."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = LongType()
