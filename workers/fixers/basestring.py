"""`basestring` → `six.string_types`."""
from fissix.pgen2 import token

from workers.rewriting.builtin_calls import replace_name_with_dotted
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.scopes import refers_to_builtin


class _Impl(TreeFixer):
    _accept_type = token.NAME
    _accept_values = frozenset({"basestring"})

    def match(self, node):
        return node.value == "basestring" and refers_to_builtin(node)

    def transform(self, node, results):
        replace_name_with_dotted(node, "six.string_types")

    def after_fix(self, tree):
        add_import(tree, "six")


class Basestring(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 30
    trigger = r"\bbasestring\b"
    summary = "Replace basestring with six.string_types"
    explanation = (
        "`basestring` does not exist on Python 3. `six.string_types` is `(basestring,)` on 2.7, so "
        "`isinstance(x, six.string_types)` accepts exactly what it accepted before, and `(str,)` on 3. "
        "Never plain `str`, which on 2.7 would stop accepting unicode text."
    )
    review_hint = "six.string_types is a tuple: code that called basestring(...) or subclassed it needs a hand."
    risk = SAFE
    requires = ("six",)


FIXER = Basestring()
