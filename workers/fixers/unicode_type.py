"""`unicode` → `six.text_type`; `unichr` → `six.unichr`."""
from fissix.pgen2 import token

from workers.rewriting.builtin_calls import replace_name_with_dotted
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.typerefs import is_builtin_use as refers_to_builtin

_NEW = {"unicode": "text_type", "unichr": "unichr"}


class _Impl(TreeFixer):
    _accept_type = token.NAME
    _accept_values = frozenset(_NEW.keys())

    def match(self, node):
        return node.value in _NEW and refers_to_builtin(node)

    def transform(self, node, results):
        replace_name_with_dotted(node, "six." + _NEW[node.value])

    def after_fix(self, tree):
        add_import(tree, "six")


class UnicodeType(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 30
    trigger = r"\bunic(?:ode|hr)\b"
    summary = "Replace unicode with six.text_type and unichr with six.unichr"
    explanation = (
        "`unicode` and `unichr` do not exist on Python 3. `six.text_type` *is* `unicode` on 2.7 and "
        "`str` on 3, so `unicode(x)`, `isinstance(s, unicode)` and `(str, unicode)` mean exactly what "
        "they meant on 2.7; `six.unichr` is `unichr` on 2.7 and `chr` on 3. Never plain `str`, which "
        "is bytes on 2.7 (PyCQA/modernize#133). `u''` literals are kept: they are valid on 3.3+. A "
        "module, class or function that defines its own `unicode` is left alone."
    )
    review_hint = (
        "A `__str__` that returns `unicode(self).encode(...)` now returns bytes on Python 3 (or "
        "recurses): such classes need `__str__` returning text and `six.python_2_unicode_compatible`."
    )
    risk = SAFE
    requires = ("six",)


FIXER = UnicodeType()
