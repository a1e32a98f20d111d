"""Report `WindowsError`: OSError on Windows, a NameError everywhere else."""
from workers.rewriting.codemod import Codemod
from workers.rewriting.cst_names import NameAwareRecorder

NOTE = ("WindowsError exists only on Windows (where it is OSError); elsewhere this raises NameError "
        "when reached: replacing it with OSError would catch every OSError there")


class FindWindowsError(NameAwareRecorder):
    def visit_Name(self, node):
        if node.value == "WindowsError" and (self.is_builtin(node) or self.is_unbound(node)):
            self.record(node, NOTE)


class OsErrorAliasesReview(Codemod):
    transformer = FindWindowsError
    reports_only = True
    trigger = r"\bWindowsError\b"
    summary = "List uses of WindowsError, which only Windows has"
    explanation = (
        "`WindowsError` is an alias of `OSError` on Windows and undefined on every other system. "
        "Turning it into `OSError` would make code that only ran on Windows (or failed with "
        "NameError elsewhere) catch every OSError on all systems, so each use is listed for a "
        "person to decide."
    )
    review_hint = "Decide per use: OSError with a winerror check, or a sys.platform branch."


FIXER = OsErrorAliasesReview()
