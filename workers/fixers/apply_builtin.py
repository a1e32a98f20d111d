"""`apply(f, args, kw)` → `f(*args, **kw)`."""
from fissix.fixes.fix_apply import FixApply
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import refers_to_builtin


def _is_star(node):
    return node is not None and node.type == syms.argument and node.children[0].type in (token.STAR, token.DOUBLESTAR)


class _Impl(TreeFixer, FixApply):
    def match(self, node):
        results = super().match(node)
        if not results or not refers_to_builtin(node.children[0]):
            return False
        # FixApply leaves `apply(f, *a)` and `apply(f, a, **k)` alone: so do we.
        if _is_star(results.get("args")) or _is_star(results.get("kwds")):
            return False
        return results


class ApplyBuiltin(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 12
    trigger = r"\bapply\b"
    summary = "Replace apply(f, args, kw) with f(*args, **kw)"
    explanation = (
        "`apply()` was removed in Python 3. `f(*args, **kw)` is the call apply made, and this "
        "syntax has worked since Python 2.0, so behaviour is identical on 2.7 and 3. A callee that "
        "is not a plain name is parenthesised. A module or function that defines or imports its own "
        "`apply` is left alone."
    )
    review_hint = "Nothing specific: args that was not a sequence failed before and fails the same way now."
    risk = SAFE


FIXER = ApplyBuiltin()
