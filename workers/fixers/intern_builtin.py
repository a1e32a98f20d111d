"""`intern(s)` → `six.moves.intern(s)`."""
from fissix.pgen2 import token

from workers.rewriting.builtin_calls import replace_name_with_dotted
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.scopes import refers_to_builtin


class _Impl(TreeFixer):
    _accept_type = token.NAME
    builtin = "intern"
    replacement = "six.moves.intern"

    @property
    def _accept_values(self):
        return frozenset({self.builtin})

    def match(self, node):
        return node.value == self.builtin and refers_to_builtin(node)

    def transform(self, node, results):
        replace_name_with_dotted(node, self.replacement)

    def after_fix(self, tree):
        add_import(tree, "six")


class InternBuiltin(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 16
    trigger = r"\bintern\b"
    summary = "Replace intern() with six.moves.intern()"
    explanation = (
        "The `intern` builtin moved to `sys.intern` in Python 3, and `sys.intern` does not exist on "
        "2.7 (futurize's `sys.intern` rewrite breaks 2.7). `six.moves.intern` is the builtin on 2.7 "
        "and `sys.intern` on 3. A module or function that defines or imports its own `intern` is "
        "left alone."
    )
    review_hint = "Nothing specific; the rewritten module now imports six."
    risk = SAFE
    requires = ("six",)


FIXER = InternBuiltin()
