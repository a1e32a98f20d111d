"""`os.getcwdu()` → `six.moves.getcwd()`."""
from workers.rewriting.attribute_fixer import ModuleAttributeFixer
from workers.rewriting.fixer import SAFE, FissixFixer


class _Impl(ModuleAttributeFixer):
    module = "os"
    replacements = {"getcwdu": "six.moves.getcwd"}


class Getcwdu(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\bgetcwdu\b"
    summary = "Replace os.getcwdu() with six.moves.getcwd()"
    explanation = (
        "`os.getcwdu()` does not exist on Python 3. `six.moves.getcwd` *is* `os.getcwdu` on 2.7 and "
        "`os.getcwd` on 3, so it returns text on both. Never plain `os.getcwd()`, which returns bytes "
        "on 2.7 (what 2to3/futurize produce)."
    )
    review_hint = "Nothing special: the same function on 2.7."
    risk = SAFE
    requires = ("six",)


FIXER = Getcwdu()
