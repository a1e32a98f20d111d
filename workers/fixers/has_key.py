"""`d.has_key(k)` → `k in d`."""
from fissix.fixes.fix_has_key import FixHasKey

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer


class _Impl(TreeFixer, FixHasKey):
    pass


class HasKey(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 10
    trigger = r"\.has_key\b"
    summary = "Replace d.has_key(k) with k in d"
    explanation = (
        "`dict.has_key()` no longer exists on Python 3. `k in d` means the same on 2.7 and 3 and is "
        "what 2.7's own documentation recommends; `not d.has_key(k)` becomes `k not in d`, and an "
        "operand that needs them keeps its parentheses."
    )
    review_hint = "An object of your own that defines has_key() but not __contains__ needs __contains__."
    risk = SAFE


FIXER = HasKey()
