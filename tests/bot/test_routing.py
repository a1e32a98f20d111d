"""Which deliveries become which jobs (table-driven)."""
import pytest

from bot.routing import PayloadInvalid, jobs_for

REPO = {"full_name": "octo/legacy", "default_branch": "main"}


def pr(action, ref, merged=False, head_repo="octo/legacy"):
    return {"action": action, "installation": {"id": 9}, "repository": REPO,
            "pull_request": {"number": 4, "merged": merged,
                             "head": {"ref": ref, "repo": {"full_name": head_repo} if head_repo else None}}}


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
                               "branch": "py3bridge/print_function-1", "head_repo": "octo/legacy",
                               "merged": True})]),
    ("pull_request", pr("closed", "py3bridge/print_function-1"),
     [("pull_request_closed", {"installation_id": 9, "full_name": "octo/legacy", "number": 4,
                               "branch": "py3bridge/print_function-1", "head_repo": "octo/legacy",
                               "merged": False})]),
    ("pull_request", pr("reopened", "py3bridge/except_as-2"),
     [("pull_request_reopened", {"installation_id": 9, "full_name": "octo/legacy", "number": 4,
                                 "branch": "py3bridge/except_as-2", "head_repo": "octo/legacy"})]),
    # A fork's PR from a branch named like ours: routed with its head repository, which the job
    # compares with the repository (tests/security/test_batches.py); a deleted fork is None.
    ("pull_request", pr("closed", "py3bridge/print_function-1", head_repo="mallory/legacy"),
     [("pull_request_closed", {"installation_id": 9, "full_name": "octo/legacy", "number": 4,
                               "branch": "py3bridge/print_function-1", "head_repo": "mallory/legacy",
                               "merged": False})]),
    ("pull_request", pr("reopened", "py3bridge/print_function-1", head_repo=None),
     [("pull_request_reopened", {"installation_id": 9, "full_name": "octo/legacy", "number": 4,
                                 "branch": "py3bridge/print_function-1", "head_repo": None})]),
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


VALID = [
    ("installation", {"action": "created", "installation": {"id": 9}, "repositories": [REPO]}),
    ("installation_repositories", {"action": "added", "installation": {"id": 9}, "repositories_added": [REPO]}),
    ("push", {"ref": "refs/heads/main", "installation": {"id": 9}, "repository": REPO}),
    ("pull_request", pr("closed", "py3bridge/print_function-1", merged=True)),
    ("pull_request", pr("reopened", "py3bridge/print_function-1")),
    ("issue_comment", comment()),
]


@pytest.mark.parametrize("event, payload", [
    ("installation", {"action": "created", "repositories": [REPO]}),  # no installation
    ("installation", {"action": "created", "installation": {"id": "9"}, "repositories": [REPO]}),
    ("installation", {"action": "created", "installation": {"id": True}, "repositories": [REPO]}),
    ("installation", {"action": "created", "installation": {"id": 9}, "repositories": "octo/legacy"}),
    ("installation", {"action": "created", "installation": {"id": 9}, "repositories": [{"name": "legacy"}]}),
    ("installation", {"action": "created", "installation": {"id": 9}, "repositories": [{"full_name": "../x"}]}),
    ("installation", {"action": "created", "installation": {"id": 9}, "repositories": [{"full_name": "a/.."}]}),
    ("installation_repositories", {"action": "added", "installation": [9], "repositories_added": [REPO]}),
    ("push", {"ref": "refs/heads/main", "installation": {"id": 9}}),  # no repository
    ("push", {"ref": "refs/heads/main", "installation": {"id": 9}, "repository": "octo/legacy"}),
    ("push", {"ref": "refs/heads/main", "repository": REPO}),
    ("push", {"ref": ["refs/heads/main"], "installation": {"id": 9}, "repository": REPO}),
    ("pull_request", {"action": "closed", "installation": {"id": 9}, "repository": REPO}),  # no pull_request
    ("pull_request", dict(pr("closed", "py3bridge/x-1"), repository=None)),
    ("pull_request", dict(pr("closed", "py3bridge/x-1"), installation=None)),
    ("pull_request", {"action": "closed", "installation": {"id": 9}, "repository": REPO,
                      "pull_request": {"number": "4", "head": {"ref": "py3bridge/x-1"}}}),
    ("pull_request", {"action": "closed", "installation": {"id": 9}, "repository": REPO,
                      "pull_request": {"number": 4, "head": {"ref": 7}}}),
    ("pull_request", {"action": "closed", "installation": {"id": 9}, "repository": REPO,
                      "pull_request": {"number": 4, "merged": "yes", "head": {"ref": "py3bridge/x-1"}}}),
    ("pull_request", {"action": "reopened", "installation": {"id": 9}, "repository": REPO,
                      "pull_request": {"number": 4, "head": {"ref": "py3bridge/x-1", "repo": "octo/legacy"}}}),
    ("issue_comment", dict(comment(), repository=None)),
    ("issue_comment", dict(comment(), issue={"number": None})),
    ("issue_comment", dict(comment(), comment={"id": 1, "body": ["/py3bridge rebase"], "user": {"login": "a"}})),
])
def test_payloads_missing_what_their_job_needs_are_invalid(event, payload):
    with pytest.raises(PayloadInvalid):
        jobs_for(event, payload)


WRONG_VALUES = [None, True, 0, -1, 1.5, "", "x", [], [1], {}, {"id": "x"}]


def _paths(value, prefix=()):
    """Every key path in a JSON value (list items by index)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield prefix + (key,)
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield prefix + (index,)
            yield from _paths(item, prefix + (index,))


def _replaced(value, path, new):
    import copy

    value = copy.deepcopy(value)
    target = value
    for key in path[:-1]:
        target = target[key]
    if new is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = new
    return value


_DELETE = object()


@pytest.mark.parametrize("event, payload", VALID)
def test_any_field_of_any_type_gives_jobs_or_payload_invalid_never_a_crash(event, payload):
    """Each field of a routed payload deleted or replaced by a value of every wrong type: the
    answer is a list of jobs with well-typed arguments, or PayloadInvalid (400), never a crash."""
    tried = 0
    for path in list(_paths(payload)):
        for new in WRONG_VALUES + [_DELETE]:
            try:
                jobs = jobs_for(event, _replaced(payload, path, new))
            except PayloadInvalid:
                continue
            finally:
                tried += 1
            for _name, kwargs in jobs:
                assert isinstance(kwargs["installation_id"], int) and not isinstance(kwargs["installation_id"], bool)
                assert isinstance(kwargs["full_name"], str) and kwargs["full_name"].count("/") == 1
                if "number" in kwargs:
                    assert isinstance(kwargs["number"], int) and kwargs["number"] > 0
    assert tried > 20
    assert jobs_for(event, payload)  # the valid payload itself gives a job
