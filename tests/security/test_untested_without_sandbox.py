"""Where the sandbox cannot work, repository code does not run and the PR's check says untested."""
from workers.services import pr_text as pull_request
from workers.testrun.session import run_session

from pathlib import Path

from tests.testrun.conftest import make_project


def test_no_sandbox_means_no_run_and_an_untested_check(tmp_path, interpreters, monkeypatch):
    project = make_project(tmp_path / "p", {
        "test_marker.py": "import unittest\nopen('/tmp/py3bridge-ran-%s', 'w')\n\n\nclass T(unittest.TestCase):\n"
                          "    def test_ok(self):\n        pass\n" % tmp_path.name})
    monkeypatch.setenv("PY3BRIDGE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PY3BRIDGE_BWRAP", "/bin/false")  # bwrap refused, as under a strict seccomp profile

    reports = run_session(None, project, interpreters)

    for report in reports:
        assert report.after is None
        assert report.env_problem.startswith("repository code not run: bwrap cannot create its namespaces here")
    assert not Path("/tmp/py3bridge-ran-%s" % tmp_path.name).exists()
    conclusion, output = pull_request.check_output(reports)
    assert conclusion == "neutral" and output["title"].startswith("untested on Python 2.7, 3: repository code not run")
    assert "⚠️ repository code not run" in output["summary"]
