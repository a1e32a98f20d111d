"""Which deliveries become which jobs (table-driven)."""
import pytest

from bot.routing import jobs_for

REPO = {"full_name": "octo/legacy", "default_branch": "main"}


def pr(action, ref, merged=False):
    return {"action": action, "installation": {"id": 9}, "repository": REPO,
            "pull_request": {"number": 4, "merged": merged, "head": {"ref": ref}}}


@pytest.mark.parametrize("event, payload, expected", [
    ("installation", {"action": "created", "installation": {"id": 9}, "repositories": [REPO]},
     [("sync_repository", {"installation_id": 9, "full_name": "octo/legacy"})]),
    ("installation", {"action": "deleted", "installation": {"id": 9}, "repositories": [REPO]}, []),
    ("installation_repositories", {"action": "added", "installation": {"id": 9}, "repositories_added": [REPO]},
     [("sync_repository", {"installation_id": 9, "full_name": "octo/legacy"})]),
    ("push", {"ref": "refs/heads/main", "installation": {"id": 9}, "repository": REPO},
     [("sync_repository", {"installation_id": 9, "full_name": "octo/legacy"})]),
    ("push", {"ref": "refs/heads/feature", "installation": {"id": 9}, "repository": REPO}, []),
    ("pull_request", pr("closed", "py3bridge/print_function-1", merged=True),
     [("pull_request_closed", {"installation_id": 9, "full_name": "octo/legacy", "number": 4,
                               "branch": "py3bridge/print_function-1", "merged": True})]),
    ("pull_request", pr("closed", "py3bridge/print_function-1"),
     [("pull_request_closed", {"installation_id": 9, "full_name": "octo/legacy", "number": 4,
                               "branch": "py3bridge/print_function-1", "merged": False})]),
    ("pull_request", pr("reopened", "py3bridge/except_as-2"),
     [("pull_request_reopened", {"installation_id": 9, "full_name": "octo/legacy", "number": 4,
                                 "branch": "py3bridge/except_as-2"})]),
    ("pull_request", pr("closed", "someone/feature", merged=True), []),
    ("pull_request", pr("opened", "py3bridge/print_function-1"), []),
    ("star", {"action": "created"}, []),
])
def test_jobs_for(event, payload, expected):
    assert jobs_for(event, payload) == expected


def comment(action="created", body="/py3bridge rebase", user_type="User", login="alice", on_pr=True):
    issue = {"number": 5}
    if on_pr:
        issue["pull_request"] = {"url": "x"}
    return {"action": action, "installation": {"id": 9}, "repository": REPO, "issue": issue,
            "comment": {"id": 77, "body": body, "user": {"login": login, "type": user_type}}}


@pytest.mark.parametrize("payload, expected_jobs", [
    (comment(), 1),
    (comment(on_pr=False), 1),
    (comment(action="edited"), 0),
    (comment(action="deleted"), 0),
    (comment(user_type="Bot", login="py3bridge[bot]"), 0),
    (comment(login="other-bot[bot]"), 0),
    (comment(body="LGTM, thanks"), 0),
])
def test_comment_jobs(payload, expected_jobs):
    jobs = jobs_for("issue_comment", payload)
    assert len(jobs) == expected_jobs
    if jobs:
        assert jobs[0] == ("handle_comment", {"installation_id": 9, "full_name": "octo/legacy", "number": 5,
                                              "comment_id": 77, "body": payload["comment"]["body"],
                                              "author": "alice", "is_pull": "pull_request" in payload["issue"]})
