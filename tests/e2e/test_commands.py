"""Every slash-command end to end: a signed issue_comment delivery, a real worker, the stand-in."""
import pytest

from standin.server import installation_event, issue_comment_event, pull_request_event

from .conftest import INSTALLATION

MODULES = ["alpha", "beta", "gamma", "delta", "epsilon"]
FILES = {
    "pkg/__init__.py": "",
    **{"pkg/%s.py" % m: 'def %s(x):\n    print "%s", x\n    return x\n' % (m, m) for m in MODULES},
    "pkg/parse.py": "def number(text):\n    try:\n        return int(text)\n    except ValueError, e:\n        return None\n",
    "test_pkg.py": "import unittest\nfrom pkg import alpha, parse\n\n\nclass T(unittest.TestCase):\n"
                   "    def test_alpha(self):\n        self.assertEqual(alpha.alpha(1), 1)\n\n"
                   "    def test_number(self):\n        self.assertEqual(parse.number('x'), None)\n",
    ".github/py3bridge.yml": "tests:\n  command: python -m unittest discover -v\nbatch:\n  max_files: 5\nmax_open_prs: 1\n",
}


@pytest.fixture
def repo(stack):
    stack.state.make_repo("acme", "app", FILES, installation_id=INSTALLATION)
    stack.state.set_permission("acme", "app", "mallory", "read")
    stack.state.set_permission("acme", "app", "wendy", "write")
    stack.deliver("installation", installation_event(stack.state, stack.standin.urls, INSTALLATION))
    stack.run_worker()
    return stack


def pulls(stack, state="all"):
    return sorted(stack.state.pulls("acme", "app", state=state), key=lambda p: p.number)


def board(stack):
    return stack.state.issue_by_title("acme", "app", "Python 3 migration dashboard")


def say(stack, number, body, login="wendy", user_type="User"):
    """Comment, deliver the webhook, run the worker; the bot's replies to this comment."""
    comment = stack.state.add_comment("acme", "app", number, body, user_login=login, user_type=user_type)
    response = stack.deliver("issue_comment", issue_comment_event(stack.state, stack.standin.urls, comment))
    stack.run_worker()
    replies = [c for c in stack.state.comments_of("acme", "app", number)
               if c.user.login == "py3bridge[bot]" and c.id > comment.id]
    return comment, response, replies


def only_reply(stack, number, body, **who):
    comment, _, replies = say(stack, number, body, **who)
    assert len(replies) == 1, [r.body for r in replies]
    assert replies[0].body.startswith("> " + body.splitlines()[-1].strip())
    assert [r.content for r in comment.reactions] == ["eyes"]
    return replies[0].body


def test_help_explain_status_and_unknown(repo):
    (pull,) = pulls(repo)
    assert "| `rebase` |" in only_reply(repo, pull.number, "/py3bridge help")
    assert "`print_function`" in only_reply(repo, pull.number, "@py3bridge explain", login="mallory")
    status = only_reply(repo, board(repo).number, "/py3bridge status", login="mallory")
    assert "Python files parse on Python 3" in status and "1 open" in status
    unknown = only_reply(repo, pull.number, "/py3bridge frobnicate")
    assert "Unknown command `frobnicate`" in unknown and "| `rebase` |" in unknown
    other = repo.state.create_issue("acme", "app", "A bug", user_login="wendy")
    assert "| `help` |" in only_reply(repo, other.number, "/py3bridge help")
    _, _, replies = say(repo, other.number, "/py3bridge pause")
    assert replies == []  # not ours: ignored, except help


def test_permissions_bots_edits_and_redeliveries(repo):
    (pull,) = pulls(repo)
    refused = only_reply(repo, board(repo).number, "/py3bridge pause", login="mallory")
    assert "needs write access" in refused
    assert "Paused" not in board(repo).body
    _, response, replies = say(repo, pull.number, "/py3bridge pause", login="other-ci[bot]", user_type="Bot")
    assert response.json() == {"message": "nothing to do"} and replies == []
    comment, _, _ = say(repo, pull.number, "/py3bridge status")
    edited = issue_comment_event(repo.state, repo.standin.urls, comment, action="edited", previous_body="x")
    assert repo.deliver("issue_comment", edited).json() == {"message": "nothing to do"}
    again = issue_comment_event(repo.state, repo.standin.urls, comment)
    repo.deliver("issue_comment", again)  # a new delivery of the same comment
    repo.run_worker()
    replies = [c for c in repo.state.comments_of("acme", "app", pull.number) if c.id > comment.id]
    assert len(replies) == 1


def test_pause_resume_next(repo):
    dashboard = board(repo).number
    assert "Paused:" in only_reply(repo, dashboard, "/py3bridge pause")
    assert "⏸️ **Paused**" in board(repo).body
    (pull,) = pulls(repo)
    repo.state.merge_pull("acme", "app", pull.number)
    repo.deliver("pull_request", pull_request_event(repo.state, repo.standin.urls, "acme", "app", pull.number))
    repo.run_worker()
    assert len(pulls(repo)) == 1  # paused: nothing new
    assert "Opened #" in only_reply(repo, dashboard, "/py3bridge next")
    assert [p.pull.head_ref for p in pulls(repo)] == ["py3bridge/print_function-1", "py3bridge/except_as-1"]
    assert "Resumed" in only_reply(repo, dashboard, "/py3bridge resume")
    assert "Paused" not in board(repo).body


def test_skip_and_unskip_a_fixer_and_skip_a_pr(repo):
    dashboard = board(repo).number
    assert "will not be proposed" in only_reply(repo, dashboard, "/py3bridge skip except_as")
    assert "Skipped transformations" in board(repo).body and "`except_as`" in board(repo).body
    (pull,) = pulls(repo)
    assert "Closed" in only_reply(repo, pull.number, "/py3bridge skip")
    assert repo.state.pull("acme", "app", pull.number).state == "closed"
    repo.deliver("pull_request", pull_request_event(repo.state, repo.standin.urls, "acme", "app", pull.number))
    assert "skipped (#%d)" % pull.number in board(repo).body
    assert only_reply(repo, dashboard, "/py3bridge next") == "> /py3bridge next\n\nNothing left to propose right now."
    assert "proposed again" in only_reply(repo, dashboard, "/py3bridge unskip except_as")
    assert "Skipped transformations" not in board(repo).body
    assert "Opened #" in only_reply(repo, dashboard, "/py3bridge next")
    assert pulls(repo)[-1].pull.head_ref == "py3bridge/except_as-1"


def test_retest_updates_summary_and_check(repo):
    (pull,) = pulls(repo)
    head = repo.state.head_sha(pull)
    assert "Tests rerun" in only_reply(repo, pull.number, "/py3bridge retest")
    assert len(repo.state.check_runs_for("acme", "app", head_sha=head)) == 2
    assert "## Tests" in repo.state.pull("acme", "app", pull.number).body


def test_rebase_after_the_base_moved_removes_the_conflict(repo):
    (pull,) = pulls(repo)
    repo.state.commit_files("acme", "app", "main", {"pkg/alpha.py": 'def alpha(x):\n    print "ALPHA", x\n    return x\n'})
    assert repo.state.mergeable(repo.state.pull("acme", "app", pull.number)) is False
    reply = only_reply(repo, pull.number, "/py3bridge rebase")
    assert "Rebased on `main`" in reply
    fresh = repo.state.pull("acme", "app", pull.number)
    assert repo.state.mergeable(fresh) is True
    assert '+    print("ALPHA", x)' in repo.state.pull_diff("acme", "app", pull.number)
    assert "Already up to date" in only_reply(repo, pull.number, "/py3bridge rebase")


def test_recreate_discards_a_human_commit_rebase_refuses(repo):
    (pull,) = pulls(repo)
    repo.state.commit_files("acme", "app", pull.pull.head_ref, {"NOTES.txt": "human"}, author=("Human", "h@example.com"))
    refused = only_reply(repo, pull.number, "/py3bridge rebase")
    assert "Someone else pushed to this branch" in refused and "recreate" in refused
    assert "Recreated on `main`" in only_reply(repo, pull.number, "/py3bridge recreate")
    assert "NOTES.txt" not in repo.state.pull_diff("acme", "app", pull.number)


def test_split_a_five_file_pr(repo):
    (pull,) = pulls(repo)
    assert len(pull.pull.head_ref) and "in 5 files" in pull.title
    reply = only_reply(repo, pull.number, "/py3bridge split")
    assert "Split into" in reply
    assert repo.state.pull("acme", "app", pull.number).state == "closed"
    open_pulls = pulls(repo, state="open")
    assert [p.title.split(" in ")[1].split(" (")[0] for p in open_pulls] == ["3 files", "2 files"]
    assert "split in two" in board(repo).body
