"""Batch state against untrusted pull requests, and the limits on how long a repository's code runs.

Driven end to end: signed deliveries to the real Flask app over HTTP, real RQ worker processes,
a real Redis and the GitHub stand-in (PyGithub over HTTP, real git repositories).
"""
import copy
import math
import re

import pytest

from common import deliveries
from tests.e2e.conftest import INSTALLATION, env_cache, stack  # noqa: F401
from tests.standin.fixtures import standin, standin_server  # noqa: F401
from standin.server import installation_event, pull_request_event, push_event
from workers.services import repo_config, state as repo_state
from workers.services.state import OPEN, BatchRecord
from workers.testrun import config as test_config

BRANCH = "py3bridge/print_function-1"


def batch_states(stack):
    state = repo_state.load(stack.redis, "octo/legacy")
    return [(b.branch, b.state, b.pr) for b in state.batches]


def seed_open_batch(stack):
    """Our PR from BRANCH, recorded as batch print_function 1 (as a sync leaves it); its number."""
    stack.state.commit_files("octo", "legacy", BRANCH, {"legacy/greet.py": 'def greet(name):\n'
                                                        '    print("hello", name)\n    return name\n'})
    ours = stack.state.create_pull("octo", "legacy", BRANCH, "main", "py3: print", user_login="py3bridge[bot]")
    state = repo_state.RepoState("octo/legacy", installation_id=INSTALLATION)
    state.batches.append(BatchRecord("print_function", 1, ["legacy/greet.py"], state=OPEN, pr=ours.number))
    repo_state.save(stack.redis, state)
    return ours.number


def fork_pull(stack, action, merged=False, head_repo="mallory/legacy"):
    """A pull_request delivery for a fork's PR whose head branch is named like ours, as GitHub
    sends it: the head names the fork (or null once the fork is deleted)."""
    stack.state.commit_files("octo", "legacy", "mallory-work", {"legacy/greet.py": "x = 1\n"})
    existing = [p for p in stack.pulls() if p.pull.head_ref == "mallory-work"]
    pull = existing[0] if existing else stack.state.create_pull("octo", "legacy", "mallory-work", "main",
                                                                 "innocent change", user_login="mallory")
    payload = pull_request_event(stack.state, stack.standin.urls, "octo", "legacy", pull.number, action=action)
    head = payload["pull_request"]["head"]
    head["ref"], head["label"] = BRANCH, "mallory:%s" % BRANCH
    if head_repo is None:
        head["repo"] = None
    else:
        head["repo"] = dict(copy.deepcopy(head["repo"]), full_name=head_repo, name=head_repo.split("/")[1])
    if action == "closed":
        payload["pull_request"].update(state="closed", merged=merged)
    return pull.number, payload


def deliver_and_work(stack, event, payload, delivery):
    response = stack.deliver(event, payload, delivery_id=delivery)
    assert response.status_code == 202, response.text
    stack.run_worker()


def test_a_fork_pr_from_a_branch_named_like_ours_never_skips_or_rebinds_a_batch(stack):
    ours = seed_open_batch(stack)
    fork, closed = fork_pull(stack, "closed")
    assert fork != ours
    deliver_and_work(stack, "pull_request", closed, "fork-closed")
    assert batch_states(stack) == [(BRANCH, "open", ours)]

    _, merged = fork_pull(stack, "closed", merged=True)  # "merged" would also start a sync
    merged["pull_request"]["updated_at"] = "2030-01-01T00:00:00Z"
    deliver_and_work(stack, "pull_request", merged, "fork-merged")
    assert batch_states(stack) == [(BRANCH, "open", ours)]

    _, deleted_fork = fork_pull(stack, "closed", head_repo=None)
    deleted_fork["pull_request"]["updated_at"] = "2030-01-02T00:00:00Z"
    deliver_and_work(stack, "pull_request", deleted_fork, "fork-deleted")
    assert batch_states(stack) == [(BRANCH, "open", ours)]

    # Our own PR closed: the batch is skipped (the check does not refuse everything).
    stack.state.close_pull("octo", "legacy", ours)
    deliver_and_work(stack, "pull_request",
                     pull_request_event(stack.state, stack.standin.urls, "octo", "legacy", ours), "ours-closed")
    assert batch_states(stack) == [(BRANCH, "skipped", ours)]

    # The fork's PR "reopened" must not bring the batch back, nor bind it to the fork's number.
    _, reopened = fork_pull(stack, "reopened")
    deliver_and_work(stack, "pull_request", reopened, "fork-reopened")
    assert batch_states(stack) == [(BRANCH, "skipped", ours)]
    assert "skipped (#%d)" % ours in stack.state.issue_by_title("octo", "legacy", "Python 3 migration dashboard").body

    # Our own PR reopened: open again.
    stack.state.edit_issue(stack.state.pull("octo", "legacy", ours), state="open")
    deliver_and_work(stack, "pull_request", pull_request_event(stack.state, stack.standin.urls, "octo", "legacy", ours,
                                                               action="reopened"), "ours-reopened")
    assert batch_states(stack) == [(BRANCH, "open", ours)]


def test_another_pr_of_the_repository_from_our_branch_name_changes_nothing(stack):
    """Same repository, branch named like ours, but not the PR recorded for the batch (someone with
    push access opened a second PR from it after ours was closed)."""
    ours = seed_open_batch(stack)
    stack.state.close_pull("octo", "legacy", ours)
    deliver_and_work(stack, "pull_request",
                     pull_request_event(stack.state, stack.standin.urls, "octo", "legacy", ours), "ours-closed")
    assert batch_states(stack) == [(BRANCH, "skipped", ours)]

    stack.state.commit_files("octo", "legacy", BRANCH, {"legacy/shout.py": "y = 2\n"})
    other = stack.state.create_pull("octo", "legacy", BRANCH, "main", "someone else's PR", user_login="eve")
    assert other.number != ours
    deliver_and_work(stack, "pull_request", pull_request_event(stack.state, stack.standin.urls, "octo", "legacy",
                                                               other.number, action="reopened"), "other-reopened")
    assert batch_states(stack) == [(BRANCH, "skipped", ours)]
    stack.state.close_pull("octo", "legacy", other.number)
    deliver_and_work(stack, "pull_request", pull_request_event(stack.state, stack.standin.urls, "octo", "legacy",
                                                               other.number), "other-closed")
    assert batch_states(stack) == [(BRANCH, "skipped", ours)]


def test_jobs_queued_before_the_head_repository_was_passed_are_ignored(stack):
    """A job queued by the previous web process has no head_repo: unknown, so it changes nothing."""
    ours = seed_open_batch(stack)
    stack.state.close_pull("octo", "legacy", ours)
    old_kwargs = {"installation_id": INSTALLATION, "full_name": "octo/legacy", "number": ours, "branch": BRANCH,
                  "merged": False}
    assert deliveries.queue_delivery(stack.redis, "py3bridge", "old-style", [("pull_request_closed", old_kwargs)])
    stack.run_worker()
    assert batch_states(stack) == [(BRANCH, "open", ours)]
    assert deliveries.status(stack.redis, "old-style") == "done"  # ran, and succeeded


# --- time limits ---------------------------------------------------------------------------------


def dashboard_body(stack):
    board = stack.state.issue_by_title("octo", "legacy", "Python 3 migration dashboard")
    return board.body if board else ""


@pytest.mark.parametrize("path, text, message", [
    (".github/py3bridge.yml", "tests:\n  timeout: 7200\n",
     ".github/py3bridge.yml line 2: tests.timeout must be at most 3600 seconds, this server's limit "
     "(PY3BRIDGE_MAX_STEP_SECONDS); got 7200"),
    (".github/py3bridge.yml", "tests:\n  timeout: .inf\n", "'.inf' is not a whole number"),
    (".github/py3bridge.yml", "tests:\n  timeout: -5\n", ".github/py3bridge.yml line 2: must be at least 1"),
    (".py3bridge.toml", "[tests]\ntimeout = inf\n", ".py3bridge.toml: [tests] timeout must be at most 3600 seconds"),
    (".py3bridge.toml", "[tests]\ntimeout = nan\n", ".py3bridge.toml: [tests] timeout must be a number of seconds "
                                                   "above 0, not nan"),
    (".py3bridge.toml", "[tests]\ntimeout = 1e9\n", "got 1e+09"),
    (".py3bridge.toml", "[tests]\ntimeout = true\n", ".py3bridge.toml: [tests] timeout must be a number of seconds"),
], ids=["yml-above-cap", "yml-inf", "yml-negative", "toml-inf", "toml-nan", "toml-above-cap", "toml-bool"])
def test_a_timeout_the_server_does_not_allow_is_a_configuration_error_and_opens_nothing(stack, path, text, message):
    stack.state.commit_files("octo", "legacy", "main", {path: text})
    deliver_and_work(stack, "installation", installation_event(stack.state, stack.standin.urls, INSTALLATION),
                     "install")
    assert stack.pulls() == []
    body = dashboard_body(stack)
    assert "Configuration error" in body and message in body, body


def test_the_server_cap_is_configurable(stack):
    stack.state.commit_files("octo", "legacy", "main", {".github/py3bridge.yml": "tests:\n  timeout: 120\n"})
    stack.env["PY3BRIDGE_MAX_STEP_SECONDS"] = "60"
    deliver_and_work(stack, "installation", installation_event(stack.state, stack.standin.urls, INSTALLATION),
                     "install")
    assert stack.pulls() == []
    assert "tests.timeout must be at most 60 seconds" in dashboard_body(stack)


SLEEPING = ("tests:\n  command: python -c 'import time; time.sleep(300)'\n  timeout: 1800\n"
            "interpreters: [\"3.11\"]\nbatch:\n  max_files: 1\nmax_open_prs: 3\n")
WARMING = SLEEPING.replace("import time; time.sleep(300)", "pass").replace("max_open_prs: 3", "max_open_prs: 1")


def test_the_sync_budget_cuts_test_timeouts_and_stops_opening_prs_once_spent(stack):
    """Batches left, room for three PRs, tests that would sleep 300 s under a 1800 s timeout, and a
    20 s budget per sync: each sync opens one PR, whose runs were stopped at what was left of it.
    The budget covers building environments too, so a first sync with quick tests builds them."""
    budget = 20
    stack.state.commit_files("octo", "legacy", "main", {".github/py3bridge.yml": WARMING})
    deliver_and_work(stack, "installation", installation_event(stack.state, stack.standin.urls, INSTALLATION),
                     "install")
    assert len(stack.pulls()) == 1
    stack.state.commit_files("octo", "legacy", "main", {".github/py3bridge.yml": SLEEPING})
    stack.env["PY3BRIDGE_SYNC_BUDGET_SECONDS"] = str(budget)
    deliver_and_work(stack, "push", push_event(stack.state, stack.standin.urls, "octo", "legacy"), "push-1")
    second = max(stack.pulls(), key=lambda pull: pull.number)
    assert len(stack.pulls()) == 2
    state = repo_state.load(stack.redis, "octo/legacy")
    assert [b.state for b in state.batches] == ["open", "open"]
    # Two runs (before and after), together cut to what was left of `budget`.
    assert state.batches[1].timings["tests"] < budget + 30, state.batches[1].timings
    timed_out = [float(s) for s in re.findall(r"timed out after ([\d.]+) s", second.body)]
    assert timed_out and all(seconds <= budget for seconds in timed_out), second.body

    # The batches left wait for the next sync, which gets a budget of its own.
    deliver_and_work(stack, "push", push_event(stack.state, stack.standin.urls, "octo", "legacy"), "push-2")
    assert len(stack.pulls()) == 3


# --- the checks themselves -----------------------------------------------------------------------


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, -1, 0, 0.0, -0.5, True, False, None, "60",
                                   [60], {"s": 60}, 10 ** 400, 3600.001, 7200])
def test_step_timeout_refuses(value):
    with pytest.raises(ValueError):
        test_config.step_timeout(value, cap=3600)


@pytest.mark.parametrize("value, seconds", [(1, 1.0), (0.5, 0.5), (1800, 1800.0), (3600, 3600.0)])
def test_step_timeout_accepts(value, seconds):
    assert test_config.step_timeout(value, cap=3600) == seconds


@pytest.mark.parametrize("text", ["timeout = nan", "timeout = inf", "timeout = -inf", "timeout = -1", "timeout = 0",
                                  "timeout = 'soon'", "timeout = true", "timeout = 3601", "timeout = [1]"])
def test_toml_timeouts_refused(tmp_path, text):
    (tmp_path / ".py3bridge.toml").write_text("[tests]\n%s\n" % text)
    with pytest.raises(test_config.ConfigError, match=r"\[tests\] timeout must be"):
        test_config.load(tmp_path)


def test_toml_default_and_budget(tmp_path, monkeypatch):
    assert test_config.load(tmp_path).timeout == 1800
    monkeypatch.setenv("PY3BRIDGE_MAX_STEP_SECONDS", "600")
    assert test_config.load(tmp_path).timeout == 600  # the default never exceeds the cap
    (tmp_path / ".py3bridge.toml").write_text("[tests]\ntimeout = 300\n")
    assert test_config.load(tmp_path).timeout == 300
    assert test_config.load(tmp_path, {test_config.BUDGET_KEY: 42.5}).timeout == 42.5
    assert test_config.load(tmp_path, {test_config.BUDGET_KEY: 9999}).timeout == 300
    # The budget comes from the worker only: the repository's own file cannot raise or set it.
    (tmp_path / ".py3bridge.toml").write_text("[tests]\ntimeout = 300\n%s = 1\n" % test_config.BUDGET_KEY)
    assert test_config.load(tmp_path).timeout == 300


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "-5", "0", "abc", "[1]", "{a: 1}", "true", "1e9",
                                   "3601", "99999999999999999999999", "1.5"])
def test_yaml_timeouts_refused(value):
    with pytest.raises(repo_config.ConfigInvalid, match=r"\.github/py3bridge\.yml line 2"):
        repo_config.parse("tests:\n  timeout: %s\n" % value, max_step_seconds=3600)


def test_yaml_timeout_within_the_cap():
    assert repo_config.parse("tests:\n  timeout: 3600\n", max_step_seconds=3600).tests == {"timeout": 3600}
    with pytest.raises(repo_config.ConfigInvalid, match="at most 60 seconds"):
        repo_config.parse("tests:\n  timeout: 61\n", max_step_seconds=60)
