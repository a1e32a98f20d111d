"""The evidence run is repository code like any test run: sandboxed, and its output untrusted."""
from pathlib import Path

from workers.engine.interpreters import find_python2
from workers.testrun.evidence import record

from tests.testrun.conftest import env_cache, make_project  # noqa: F401

SWAP_FOR_SYMLINK = """\
import os, unittest


class Swap(unittest.TestCase):
    def test_swap(self):
        path = os.environ["PY3BRIDGE_EVIDENCE_FILE"]
        with open("/tmp/forged", "w") as f:
            f.write('{"a.py": {"1": ["bytes"]}}\\n')
        os.symlink("/tmp/forged", path)
"""


def test_no_sandbox_means_nothing_recorded_and_nothing_run(tmp_path, monkeypatch):
    marker = Path("/tmp/py3bridge-evidence-ran-%s" % tmp_path.name)
    project = make_project(tmp_path / "p", {
        "test_marker.py": "import unittest\nopen(%r, 'w')\n\n\nclass T(unittest.TestCase):\n"
                          "    def test_ok(self):\n        pass\n" % str(marker)})
    monkeypatch.setenv("PY3BRIDGE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PY3BRIDGE_BWRAP", "/bin/false")
    recording = record(project, find_python2())
    assert recording.problem.startswith("repository code not run: bwrap cannot create its namespaces here")
    assert recording.evidence == {} and not marker.exists()


def test_a_symlinked_evidence_file_is_not_followed(tmp_path, monkeypatch, env_cache):
    monkeypatch.setenv("PY3BRIDGE_CACHE_DIR", str(env_cache))
    project = make_project(tmp_path / "p", {"test_swap.py": SWAP_FOR_SYMLINK})
    recording = record(project, find_python2())
    assert recording.problem == "" and recording.suite.run.count("passed") == 1
    assert recording.evidence == {}
