"""`(int, long)` → `six.integer_types`; `long(x)` stays, with `long = int` defined for Python 3 only."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import define_for_python3
from workers.rewriting.scopes import is_bound_around, refers_to_builtin
from workers.rewriting.typerefs import integer_tuple, integer_tuple_replacement


def _is_parameter_default(node):
    """The builtin `long` as a parameter's default (`def f(x, long=long)`, globals made locals)."""
    previous = node.prev_sibling
    return node.type == token.NAME and node.value == "long" and previous is not None \
        and previous.type == token.EQUAL and node.parent.type in (syms.typedargslist, syms.varargslist) \
        and not is_bound_around(node, "long")


class _Impl(TreeFixer):
    PATTERN = """
              tuple=atom< '(' testlist_gexp ')' >
              |
              tuple=testlist_star_expr
              |
              power< name='long' trailer< '(' any* ')' > any* >
              |
              default='long'
              """

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_shim = False

    def match(self, node):
        if node.type == token.NAME:
            return {"default": node} if _is_parameter_default(node) else False
        results = super().match(node)
        if not results:
            return False
        if "tuple" in results:
            found = integer_tuple(node)
            return dict(results, members=found[0], kinds=found[1]) if found else False
        return results if refers_to_builtin(results["name"]) else False

    def transform(self, node, results):
        if "default" in results:
            self.needs_shim = True  # `long=long`: the function's body reads the builtin through it
        elif "tuple" in results:
            node.replace(integer_tuple_replacement(node, results["members"], results["kinds"]))
            self.needs_six = True
        else:
            self.needs_shim = True  # the call stays: on 2.7 it still makes a long (repr `1099L`, type long)

    def after_fix(self, tree):
        super().after_fix(tree)
        if self.needs_shim:
            define_for_python3(tree, "long", "int")


class LongType(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 60
    trigger = r"\blong\b|\bLongType\b"
    summary = "Replace (int, long) with six.integer_types, and define long for Python 3"
    explanation = (
        "`long` does not exist on Python 3. A tuple holding both `int` and `long` (in `isinstance`, "
        "`type(x) in (int, long)`, or anywhere) becomes `six.integer_types`, which *is* `(int, long)` "
        "on 2.7 and `(int,)` on 3; other members are kept: `(int, long, float)` → "
        "`six.integer_types + (float,)`. The tuple is rewritten in one step, never `long` → `int` "
        "first, which gives `(int, int)` and drops longs on 2.7 (python-future#265). `long(x)` calls "
        "stay as they are and the module gets `long = int` for Python 3 only (a four-line try/except "
        "after its imports): on 2.7 `long(x)` still makes a long, so reprs (`1099L` in doctests) and "
        "type checks do not change. So does a function taking the builtin as a default, "
        "`def f(x, long=long)`. A `long` used alone as a type (`isinstance(x, long)`) is listed by "
        "py2_type_checks when the module has no such definition."
    )
    review_hint = (
        "On Python 3 `long` is `int`: an `isinstance(x, long)` that meant \"big numbers only\" now "
        "accepts every int there."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = LongType()
