"""An evidence run: the repository's suite once on Python 2.7, with the bytes/text recorder on.

The run is its own: the before/after runs of a test session never start the recorder, so what it
records can never change the outcomes they report (the recorder swaps cStringIO output buffers
for a forwarding proxy, which a test checking the buffer's exact type would notice). Like every
step of repository code it runs in the sandbox, in a private copy of the tree; what it wrote is
read back as untrusted data (workers/engine/evidence.py).
"""
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from workers.engine.evidence import MODULE_KINDS, VALUE_KINDS
from workers.testrun import config as test_config
from workers.testrun.envs import ensure_env, tail
from workers.testrun.sandbox import ResourceLimits
from workers.testrun.session import SuiteRun, run_suite
from workers.testrun.trees import private_copy

BUFFER_KINDS = frozenset(VALUE_KINDS)


@dataclass
class Recording:
    version: str = ""
    evidence: dict = field(default_factory=dict)  # {path: {line: frozenset(kinds)}}
    suite: SuiteRun = None
    problem: str = ""  # why nothing was recorded (no environment, no sandbox)
    output: str = ""

    def summary(self):
        """How much the run recorded: buffer sites ("sites", "bytes", "text", "native_only"), the
        files with any site, the modules whose way of being imported was noted ("imported_modules"), and calls at bytes boundaries ("boundary_sites"; "boundary_text": those
        given unicode, which Python 3 refuses there)."""
        sites = [kinds - MODULE_KINDS for lines in self.evidence.values() for kinds in lines.values()]
        buffers = [kinds & BUFFER_KINDS for kinds in sites if kinds & BUFFER_KINDS]
        boundaries = [kinds - BUFFER_KINDS for kinds in sites if kinds - BUFFER_KINDS]
        files = sum(any(kinds - MODULE_KINDS for kinds in lines.values()) for lines in self.evidence.values())
        return {"files": files, "sites": len(buffers), "imported_modules": sum(
                    bool(lines.get(1, frozenset()) & MODULE_KINDS) for lines in self.evidence.values()),
                "bytes": sum("bytes" in k for k in buffers), "text": sum("text" in k for k in buffers),
                "native_only": sum(k == {"native"} for k in buffers), "boundary_sites": len(boundaries),
                "boundary_text": sum(any(kind.endswith(":text") for kind in k) for k in boundaries)}

    def unicode_at_boundaries(self):
        """["path:line (boundary)"]: the calls the 2.7 tests gave unicode where Python 3 wants bytes
        (a TypeError there on 3); the bytes_at_boundaries fixer rewrites them given the evidence."""
        return ["%s:%d (%s)" % (path, line, ", ".join(sorted(kind.split(":")[0] for kind in kinds
                                                              if kind.endswith(":text"))))
                for path, lines in sorted(self.evidence.items()) for line, kinds in sorted(lines.items())
                if any(kind.endswith(":text") for kind in kinds)]


def record(checkout, interpreter, config=None, scope="local"):
    """Run the suite of `checkout` on `interpreter` (a 2.7) with the recorder; a Recording. A
    config with a budget (a sync's) ends the install steps and the run by then."""
    config = config or test_config.load(checkout)
    deadline = time.monotonic() + config.budget if config.budget is not None else None
    limits = ResourceLimits(timeout=config.timeout, deadline=deadline)
    env = ensure_env(interpreter, config, checkout, test_config.requirement_files(checkout), scope, deadline)
    if not env.ok:
        return Recording(env.version, problem=env.problem, output=tail(env.install_output))
    if not env.version.startswith("2."):
        return Recording(env.version, problem="evidence is recorded on Python 2.7, not %s" % env.version)
    with tempfile.TemporaryDirectory(prefix="py3bridge-evidence-") as work:
        tree = private_copy(checkout, Path(work) / "tree")
        suite = run_suite(env, config, tree, "after", limits, record_evidence=True)
    return Recording(env.version, suite.evidence or {}, suite)
