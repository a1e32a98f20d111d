"""`reload(m)` → `six.moves.reload_module(m)`."""
from workers.rewriting.fixer import SAFE, FissixFixer
from workers.fixers.intern_builtin import _Impl as _InternImpl


class _Impl(_InternImpl):
    builtin = "reload"
    replacement = "six.moves.reload_module"


class ReloadBuiltin(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 17
    trigger = r"\breload\b"
    summary = "Replace reload() with six.moves.reload_module()"
    explanation = (
        "The `reload` builtin is gone in Python 3. `six.moves.reload_module` is the builtin on 2.7 "
        "and `importlib.reload` on 3 (never `importlib.reload` directly, which 2.7 does not have). "
        "A module or function that defines or imports its own `reload` is left alone."
    )
    review_hint = "Nothing specific; the rewritten module now imports six."
    risk = SAFE
    requires = ("six",)


FIXER = ReloadBuiltin()
