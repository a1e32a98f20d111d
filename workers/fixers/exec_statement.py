"""`exec code in g, l` → `exec(code, g, l)`."""
from fissix.fixes.fix_exec import FixExec

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer


class _Impl(TreeFixer, FixExec):
    pass


class ExecStatement(FissixFixer):
    tree_fixer = _Impl
    order = 30
    summary = "Call exec() instead of using the exec statement"
    explanation = (
        "Rewrites the exec statement `exec code in globals, locals` as `exec(code, globals, locals)`. "
        "Python 2.7 reads a parenthesised exec with a tuple as the same statement, and Python 3 "
        "reads it as the exec() function, so both run the code in the same namespaces."
    )
    review_hint = (
        "On Python 2 an exec inside a function that also has nested functions is still a SyntaxError "
        "if it was one before; nothing new is introduced."
    )
    risk = SAFE


FIXER = ExecStatement()
