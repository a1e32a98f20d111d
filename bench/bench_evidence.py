"""Bytes/text evidence for the bench: the package's 2.7 suite once on the original, with the recorder.

What the bot does before opening a batch that needs evidence (workers/services/evidence_runs.py),
done here with the bench's own 2.7 environment and test command: the recorder py3bridge installs
in its 2.7 environments (workers/testrun/evidence_recorder.py) is added to the bench's, where it
starts only when PY3BRIDGE_EVIDENCE_FILE is set, so the before/after runs are not touched. The
result is an evidence file for `plan`/`apply --evidence FILE`, recorded on the original tree, whose
lines it names.
"""
import shutil
from pathlib import Path

import bench_suites
from workers.engine import evidence
from workers.testrun import hooks


def install_recorder(env_dir):
    target = hooks.site_packages(env_dir)
    (target / "py3bridge_evidence.pth").write_text(hooks.EVIDENCE_PTH)
    (target / "py3bridge_evidence.py").write_text(hooks.EVIDENCE_RECORDER)


def record(package, original, base, logs, env_dir, runsuite, timeout):
    """(path of the evidence file written, summary line) for the suite run on a copy of `original`."""
    tree = base / "evidence-run"
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(original, tree, symlinks=True)
    raw = base / "evidence.jsonl"
    raw.unlink(missing_ok=True)
    install_recorder(env_dir)
    run = bench_suites.run_suite(package, tree, env_dir, runsuite, logs / "evidence-run", timeout,
                                 extra_env={"PY3BRIDGE_EVIDENCE_FILE": str(raw),
                                            "PY3BRIDGE_EVIDENCE_ROOT": str(tree.resolve())})
    found = evidence.parse_recorder_output(raw.read_text(errors="replace") if raw.exists() else "")
    path = Path(base / "evidence.json")
    path.write_text(evidence.dumps(found))
    return path, summary(found, run)


def summary(found, run):
    sites = [kinds for lines in found.values() for kinds in lines.values()]
    boundary_text = sum(any(kind.split(":")[-1] in ("native", "text") and ":" in kind for kind in kinds)
                        for kinds in sites)
    return "%d site(s) recorded in %d file(s), %d boundary call(s) given text, by %d 2.7 test(s)" % (
        len(sites), len(found), boundary_text, run.run)
