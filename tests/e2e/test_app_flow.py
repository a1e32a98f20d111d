"""The scenario of the GitHub App issue, end to end."""
import json

from standin.server import installation_event, pull_request_event

from .conftest import INSTALLATION


def install(stack, delivery_id="delivery-install"):
    return stack.deliver("installation", installation_event(stack.state, stack.standin.urls, INSTALLATION), delivery_id)


def dashboard(stack):
    return stack.state.issue_by_title("octo", "legacy", "Python 3 migration dashboard")


def test_install_opens_dashboard_and_first_pr_then_merge_opens_the_next(stack):
    response = install(stack)
    assert response.status_code == 202
    assert install(stack).json() == {"message": "duplicate delivery"}  # the same delivery again
    stack.run_worker()

    (pull,) = stack.pulls()
    assert pull.pull.head_ref == "py3bridge/print_function-1"
    assert pull.title == "py3: turn print statements into print() calls in 1 file (1 of 2)"
    diff = stack.state.pull_diff("octo", "legacy", pull.number)
    assert "+from __future__ import print_function" in diff and '+    print("hello", name)' in diff
    assert "legacy/greet.py" in diff and "legacy/shout.py" not in diff
    assert "## Tests" in pull.body and "| 2.7.18 | 3 passed, 0 failed, 0 errors | 3 passed, 0 failed, 0 errors |" in pull.body
    assert "Files parsing on Python 3" in pull.body
    assert list(pull.labels) == ["py3bridge"]
    (check,) = stack.state.check_runs_for("octo", "legacy", head_sha=stack.state.head_sha(pull))
    assert (check.status, check.conclusion) == ("completed", "success")
    board = dashboard(stack)
    assert "<!-- py3bridge:dashboard -->" in board.body and "open: #%d" % pull.number in board.body

    # GitHub sends the same event again under a new delivery id: still one PR.
    install(stack, delivery_id="delivery-install-again")
    stack.run_worker()
    assert len(stack.pulls()) == 1

    stack.state.merge_pull("octo", "legacy", pull.number)
    stack.deliver("pull_request", pull_request_event(stack.state, stack.standin.urls, "octo", "legacy", pull.number))
    stack.run_worker()
    pulls = sorted(stack.pulls(), key=lambda p: p.number)
    assert [p.pull.head_ref for p in pulls] == ["py3bridge/print_function-1", "py3bridge/print_function-2"]
    assert pulls[1].title.endswith("(2 of 2)")
    assert "merged ✅ (#%d)" % pull.number in dashboard(stack).body


def test_closing_unmerged_marks_the_batch_skipped_and_never_reopens_it(stack):
    install(stack)
    stack.run_worker()
    (pull,) = stack.pulls()
    stack.state.close_pull("octo", "legacy", pull.number)
    stack.deliver("pull_request", pull_request_event(stack.state, stack.standin.urls, "octo", "legacy", pull.number))
    stack.run_worker()
    body = dashboard(stack).body
    assert "skipped (#%d)" % pull.number in body and "reopen the PR to bring it back" in body
    assert len(stack.pulls()) == 1
    saved = json.loads(stack.redis.get("py3bridge:repo:octo/legacy"))
    assert [(b["fixer"], b["state"]) for b in saved["batches"]] == [("print_function", "skipped")]


def test_worker_killed_mid_job_and_restarted_opens_exactly_one_pr(stack):
    install(stack)
    worker = stack.start_worker(name="worker-k")
    stack.wait_for(lambda: b'"opening"' in (stack.redis.get("py3bridge:repo:octo/legacy") or b""))
    stack.kill(worker)
    assert stack.pulls() == []
    log = stack.run_worker(name="worker-k")
    assert "requeued job" in log
    assert len(stack.pulls()) == 1, log[-3000:]
    (pull,) = stack.pulls()
    assert pull.pull.head_ref == "py3bridge/print_function-1"
    stack.run_worker(name="worker-k")
    assert len(stack.pulls()) == 1


def test_github_502_and_rate_limits_are_retried(stack):
    stack.state.inject_server_error("POST", r"/repos/octo/legacy/pulls$")
    stack.state.inject_secondary_rate_limit("POST", r"/repos/octo/legacy/issues$", retry_after=1)
    stack.state.inject_rate_limit("GET", r"/repos/octo/legacy$", reset_in=1)
    install(stack)
    stack.run_worker()
    assert len(stack.pulls()) == 1 and dashboard(stack) is not None
    statuses = lambda method, path: [r.status for r in stack.state.requests_matching(method, path)]  # noqa: E731
    assert statuses("POST", r"/repos/octo/legacy/pulls$") == [502, 201]
    assert statuses("POST", r"/repos/octo/legacy/issues$") == [403, 201]
    assert statuses("GET", r"/repos/octo/legacy$")[:2] == [403, 200]


def test_invalid_repository_config_is_shown_and_blocks_new_prs(stack):
    stack.state.commit_files("octo", "legacy", "main", {".github/py3bridge.yml": "batch:\n  max_files: none\n"})
    install(stack)
    stack.run_worker()
    assert stack.pulls() == []
    body = dashboard(stack).body
    assert "Configuration error" in body and ".github/py3bridge.yml line 2: 'none' is not a whole number" in body


def test_forged_and_unsigned_deliveries_over_http_queue_nothing(stack):
    import requests

    payload = installation_event(stack.state, stack.standin.urls, INSTALLATION)
    body = json.dumps(payload).encode()
    headers = {"X-GitHub-Event": "installation", "X-GitHub-Delivery": "forged", "Content-Type": "application/json"}
    assert requests.post(stack.webhook_url, data=body, headers=headers).status_code == 401
    forged = dict(headers, **{"X-Hub-Signature-256": "sha256=" + "ab" * 32})
    assert requests.post(stack.webhook_url, data=body, headers=forged).status_code == 401
    assert stack.redis.llen("rq:queue:py3bridge") == 0


def test_push_replans_and_reopened_pr_is_tracked_again(stack):
    from standin.server import push_event

    install(stack)
    stack.run_worker()
    (first,) = stack.pulls()
    # Raise the open-PR limit on the default branch: the push re-plans and opens the next batch.
    stack.state.commit_files("octo", "legacy", "main", {".github/py3bridge.yml": (
        "tests:\n  command: python -m unittest discover -v\nbatch:\n  max_files: 1\nmax_open_prs: 3\n")})
    stack.deliver("push", push_event(stack.state, stack.standin.urls, "octo", "legacy"))
    stack.run_worker()
    heads = sorted(p.pull.head_ref for p in stack.pulls())
    assert heads == ["py3bridge/except_as-1", "py3bridge/print_function-1", "py3bridge/print_function-2"]

    stack.state.close_pull("octo", "legacy", first.number)
    stack.deliver("pull_request", pull_request_event(stack.state, stack.standin.urls, "octo", "legacy", first.number))
    stack.run_worker()
    assert "skipped (#%d)" % first.number in dashboard(stack).body
    stack.state.edit_issue(stack.state.pull("octo", "legacy", first.number), state="open")
    stack.deliver("pull_request", pull_request_event(stack.state, stack.standin.urls, "octo", "legacy", first.number,
                                                     action="reopened"))
    stack.run_worker()
    assert "open: #%d" % first.number in dashboard(stack).body


def test_repositories_added_to_an_installation_are_planned(stack):
    from standin.server import installation_repositories_event

    from .conftest import LEGACY_FILES

    stack.state.make_repo("octo", "second", LEGACY_FILES, installation_id=INSTALLATION)
    event = installation_repositories_event(stack.state, stack.standin.urls, INSTALLATION, added=["octo/second"])
    assert stack.deliver("installation_repositories", event).status_code == 202
    stack.run_worker()
    assert len(stack.state.pulls("octo", "second")) == 1
    assert stack.state.pulls("octo", "legacy") == []


def test_tests_run_on_the_interpreters_the_repository_asks_for(stack):
    stack.state.commit_files("octo", "legacy", "main", {".github/py3bridge.yml": (
        "tests:\n  command: python -m unittest discover -v\nbatch:\n  max_files: 1\nmax_open_prs: 1\n"
        "interpreters: ['2.7', '3.9']\n")})
    install(stack)
    stack.run_worker()
    (pull,) = stack.pulls()
    assert "| 2.7.18 |" in pull.body and "| 3.9." in pull.body and "| 3.11." not in pull.body
