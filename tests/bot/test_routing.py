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
