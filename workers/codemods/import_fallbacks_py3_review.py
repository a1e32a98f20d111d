"""Report the 2/3 import fallbacks import_fallbacks_py3 cannot settle."""
from workers.codemods.import_fallbacks_py3 import KeepPython3Branch
from workers.rewriting.codemod import Codemod, SiteRecorder


class FindUnsettledFallbacks(KeepPython3Branch):
    def record(self, original_node, note=""):
        """Fallbacks import_fallbacks_py3 settles are not findings here."""

    def leave_alone(self, node, reason):
        SiteRecorder.record(self, node, reason)


class ImportFallbacksPy3Review(Codemod):
    transformer = FindUnsettledFallbacks
    reports_only = True
    trigger = r"(?m)^[ \t]*try[ \t]*:[ \t]*(?:#.*)?\n\s*(?:import|from)\s"
    summary = "List 2/3 import fallbacks whose Python 3 branch is not certain"
    explanation = (
        "A try/except ImportError over standard-library or Python 2 modules whose Python 3 branch "
        "depends on the Python 3 version or platform (a module added after 3.6, removed since, or "
        "built optionally) is listed rather than reduced to one branch."
    )
    review_hint = "Keep the fallback, or reduce it by hand knowing the Python 3 versions supported."


FIXER = ImportFallbacksPy3Review()
