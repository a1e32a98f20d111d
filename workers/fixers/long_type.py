"""`(int, long)` → `six.integer_types`; `long(x)` stays, with `long = int` defined for Python 3 only."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import, define_for_python3
from workers.rewriting.scopes import refers_to_builtin
from workers.rewriting.typerefs import integer_tuple, integer_tuple_replacement



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
        self.needs_six = False
        self.needs_shim = False

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
        self.needs_shim = True  # the call stays: on 2.7 it still makes a long (repr `1099L`, type long)
        return None

    def after_fix(self, tree):
        if self.needs_six:
            add_import(tree, "six")
        if self.needs_shim:
            define_for_python3(tree, "long", "int")


class LongType(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 60
    trigger = r"\blong\b"
    summary = "Replace (int, long) with six.integer_types, and define long for Python 3"
    explanation = (
        "`long` does not exist on Python 3. A tuple holding both `int` and `long` (in `isinstance`, "
        "`type(x) in (int, long)`, or anywhere) becomes `six.integer_types`, which *is* `(int, long)` "
        "on 2.7 and `(int,)` on 3; other members are kept: `(int, long, float)` → "
        "`six.integer_types + (float,)`. The tuple is rewritten in one step, never `long` → `int` "
        "first, which gives `(int, int)` and drops longs on 2.7 (python-future#265). `long(x)` calls "
        "stay as they are and the module gets `long = int` for Python 3 only (a four-line try/except "
        "after its imports): on 2.7 `long(x)` still makes a long, so reprs (`1099L` in doctests) and "
        "type checks do not change. A `long` used alone as a type (`isinstance(x, long)`) is listed by "
        "py2_type_checks when the module has no such definition."
    )
    review_hint = (
        "On Python 3 `long` is `int`: an `isinstance(x, long)` that meant \"big numbers only\" now "
        "accepts every int there."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = LongType()
