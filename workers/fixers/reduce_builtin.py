"""`reduce(...)` → the same call, with `from functools import reduce`."""
from fissix.pgen2 import token

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_from_import
from workers.rewriting.scopes import refers_to_builtin


class _Impl(TreeFixer):
    _accept_type = token.NAME
    _accept_values = frozenset({"reduce"})

    def match(self, node):
        return node.value == "reduce" and refers_to_builtin(node)

    def transform(self, node, results):
        return None  # the name stays; after_fix adds the import that makes it resolve on 3

    def after_fix(self, tree):
        add_from_import(tree, "functools", "reduce")


class ReduceBuiltin(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 14
    trigger = r"\breduce\b"
    summary = "Import reduce from functools"
    explanation = (
        "The `reduce` builtin is gone in Python 3; `functools.reduce` is the same function and exists "
        "since Python 2.6, so `from functools import reduce` makes every use of `reduce` in the module "
        "work on 3 and changes nothing on 2.7. Calls are left as they are. A module that defines or "
        "imports its own `reduce` is left alone."
    )
    review_hint = "Nothing specific: functools.reduce is the builtin reduce on 2.7."
    risk = SAFE


FIXER = ReduceBuiltin()
