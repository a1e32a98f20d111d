"""`StandardError` → `Exception`."""
from fissix.pgen2 import token

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.typerefs import is_builtin_use as refers_to_builtin


class _Impl(TreeFixer):
    _accept_type = token.NAME
    _accept_values = frozenset({"StandardError"})

    def match(self, node):
        return node.value == "StandardError" and refers_to_builtin(node)

    def transform(self, node, results):
        node.value = "Exception"
        node.changed()


class StandardError_(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 60
    trigger = r"\bStandardError\b"
    summary = "Replace StandardError with Exception"
    explanation = (
        "`StandardError` does not exist on Python 3; `Exception` exists on both and is its base "
        "class on 2.7. Subclassing `Exception` instead of `StandardError` keeps every `except "
        "Exception` that caught the class before. A module that defines or imports its own "
        "`StandardError` is left alone."
    )
    review_hint = (
        "On 2.7 `except Exception:` is a little wider than `except StandardError:`: it also catches "
        "`StopIteration`, `GeneratorExit` is not affected, and `Warning` subclasses raised as "
        "exceptions are caught too. A class that now derives from Exception is no longer caught by "
        "`except StandardError:` in code not yet converted."
    )
    risk = NEEDS_REVIEW


FIXER = StandardError_()
