"""Report `super(Cls, self)` calls that super_calls leaves because a decorator or a second binding of
the class name might make `super()` mean something else."""
from workers.rewriting.codemod import Codemod, SiteRecorder
from workers.codemods.super_calls import ZeroArgumentSuper


class FindDoubtfulSuper(ZeroArgumentSuper):
    def record(self, original_node, note=""):
        """Calls super_calls rewrites are not findings here."""

    def leave_alone(self, node, reason):
        SiteRecorder.record(self, node, reason)


class SuperCallsReview(Codemod):
    transformer = FindDoubtfulSuper
    reports_only = True
    trigger = r"\bsuper\(\s*\w+\s*,"
    summary = "List super(Cls, self) calls that might not mean super()"
    explanation = (
        "`super()` looks up the class the `class` statement created; `super(Cls, self)` looks up "
        "whatever `Cls` names when the call runs. A class decorator that returns a new class, or a "
        "second binding of the name, makes the two differ, so these calls are listed rather than "
        "rewritten."
    )
    review_hint = "If the decorator returns the class it was given, `super()` is the same call."


FIXER = SuperCallsReview()
