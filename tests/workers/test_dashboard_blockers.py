"""The dashboard's "Python 3 blockers": stored on the repository state when a PR's tests ran."""
import json

from tests.testrun.conftest import make_project
from tests.testrun.test_blockers import LEGACY, TESTS
from workers.services import dashboard, opening
from workers.services.state import OPEN, BatchRecord, RepoState
from workers.testrun.session import InterpreterReport, run_session


def _state_after_tests_of(reports, pr=12):
    state = RepoState("o/r")
    batch = BatchRecord("has_key", 1, ["legacy/store.py"], state=OPEN, pr=pr)
    state.batches.append(batch)
    opening.remember_blockers(state, batch, reports)
    return RepoState.from_json(state.to_json())  # as a worker reads it back from Redis


def test_dashboard_shows_the_blockers_of_the_latest_pr_test_run(tmp_path, interpreters, monkeypatch):
    monkeypatch.setenv("PY3BRIDGE_CACHE_DIR", str(tmp_path / "cache"))
    project = make_project(tmp_path / "p", dict(LEGACY, **TESTS))
    reports = run_session(None, project, interpreters)
    state = _state_after_tests_of(reports)
    record = state.python3_blockers
    assert record["branch"] == "py3bridge/has_key-1" and record["version"].startswith("3.")
    assert (record["causes"], record["tests"], record["could_not_start"]) == (6, 9, "")
    text = dashboard.render(state)
    section = text[text.index("### Python 3 blockers"):text.index("### Still to do")]
    assert "From the tests of #12 on Python %s" % record["version"] in section
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[0] == "| kind | cause | where | tests blocked |"
    assert rows[1] == ("| removed module | `ModuleNotFoundError: No module named 'rfc822'` — fixer `rfc822_module` "
                       "| `legacy/mail.py:1` | 3 |")
    assert rows[2] == ("| Python 2 builtin | `NameError: name 'unicode' is not defined` — fixer `unicode_type` "
                       "| `legacy/text.py:5` | 2 |")
    assert len(rows) == 7


def test_a_run_without_python3_keeps_the_last_blockers(tmp_path):
    state = RepoState("o/r", python3_blockers={"version": "3.11.7", "branch": "py3bridge/xrange-1", "could_not_start": "",
                                               "blockers": [], "causes": 0, "tests": 0})
    batch = BatchRecord("xrange", 2, ["a.py"])
    opening.remember_blockers(state, batch, [InterpreterReport("2.7", "2.7.18"),
                                          InterpreterReport("3", "", env_problem="install failed")])
    assert state.python3_blockers["branch"] == "py3bridge/xrange-1"


def test_could_not_start_and_long_tables_on_the_dashboard():
    blockers = [{"kind": "py2_builtin", "message": "NameError: name 'x%d' is not defined" % i, "location": "m.py:%d" % i,
                 "tests": 30 - i, "examples": ["t.T.test_%d" % i], "failures": 1} for i in range(20)]
    blockers[0].update(kind="removed_module", message="ModuleNotFoundError: No module named 'cPickle'",
                       location="tests/__init__.py:1", dependency="oldlib")
    state = RepoState("o/r", python3_blockers={
        "version": "3.11.7", "branch": "py3bridge/gone-1",
        "could_not_start": "ModuleNotFoundError: No module named 'cPickle' at tests/__init__.py:1",
        "blockers": blockers, "causes": 25, "tests": 500})
    text = dashboard.render(state)
    assert "From the tests of `py3bridge/gone-1` on Python 3.11.7" in text
    assert ("⛔ **The suite could not start on Python 3:** ModuleNotFoundError: No module named 'cPickle' at "
            "tests/__init__.py:1") in text
    assert "| `tests/__init__.py:1` in the dependency `oldlib` | 30 |" in text
    shown = sum(b["tests"] for b in blockers[:dashboard.DASHBOARD_BLOCKERS])
    assert "| … | 10 more cause(s) | | %d |" % (500 - shown) in text


def test_states_stored_before_blockers_existed_still_load():
    old = {"full_name": "o/r", "installation_id": 3, "batches": [{"fixer": "xrange", "sequence": 1, "files": ["a.py"]}],
           "dashboard_issue": 7, "readiness": {"files": 2, "parse_on_py3": 1, "py3_ready": 1}}
    state = RepoState.from_json(json.dumps(old))
    assert state.python3_blockers == {} and state.batches[0].fixer == "xrange"
    assert "Python 3 blockers" not in dashboard.render(state)
    newer = dict(old, some_key_a_newer_worker_wrote={"x": 1})
    assert RepoState.from_json(json.dumps(newer)).dashboard_issue == 7
