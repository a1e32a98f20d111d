"""The python3-only stage through the app: no such PR until the maintainers drop Python 2 (by a
slash-command or the config line); then its PRs open, tested on Python 3 only, and the dashboard
shows the stage."""
from standin.server import installation_event, issue_comment_event

from .conftest import INSTALLATION

FILES = {
    "calc/__init__.py": "",
    "calc/ops.py": "from __future__ import division, print_function\n\n\ndef half(n):\n    return n / 2\n",
    "test_calc.py": "from __future__ import absolute_import\nimport unittest\nfrom calc import ops\n\n\n"
                    "class T(unittest.TestCase):\n    def test_half(self):\n        self.assertEqual(ops.half(3), 1.5)\n",
}
CONFIG = "tests:\n  command: python -m unittest discover -v\n"


def install(stack, config):
    stack.state.make_repo("octo", "calc", dict(FILES, **{".github/py3bridge.yml": config}), installation_id=INSTALLATION)
    stack.state.set_permission("octo", "calc", "wendy", "write")
    stack.deliver("installation", installation_event(stack.state, stack.standin.urls, INSTALLATION))
    stack.run_worker()


def pulls(stack):
    return {p.pull.head_ref: p for p in stack.state.pulls("octo", "calc")}


def board(stack):
    return stack.state.issue_by_title("octo", "calc", "Python 3 migration dashboard")


def test_no_python3_only_pr_until_drop_python2_then_one_tested_on_python3_only(stack):
    install(stack, CONFIG)
    assert pulls(stack) == {}  # the code already runs on 2.7 and 3: nothing to do while 2.7 is supported
    assert "The python3-only stage starts when Python 2 is dropped" in board(stack).body

    comment = stack.state.add_comment("octo", "calc", board(stack).number, "/py3bridge drop-python2", user_login="wendy")
    stack.deliver("issue_comment", issue_comment_event(stack.state, stack.standin.urls, comment))
    stack.run_worker()
    (reply,) = [c for c in stack.state.comments_of("octo", "calc", board(stack).number) if c.id > comment.id]
    assert "Python 2 is dropped by @wendy" in reply.body
    assert "**Python 2 dropped** (`/py3bridge drop-python2` by @wendy" in board(stack).body

    (pull,) = pulls(stack).values()
    assert pull.pull.head_ref == "py3bridge/future_imports-1"
    diff = stack.state.pull_diff("octo", "calc", pull.number)
    assert "-from __future__ import division, print_function" in diff
    assert "-from __future__ import absolute_import" in diff
    assert "| 3." in pull.body and "| 2.7" not in pull.body  # tested on Python 3 only
    assert "1 passed, 0 failed" in pull.body


def test_the_config_line_turns_the_stage_on_at_install(stack):
    install(stack, CONFIG + "python2: dropped\n")
    assert list(pulls(stack)) == ["py3bridge/future_imports-1"]
    assert "**Python 2 dropped** (`python2: dropped` in .github/py3bridge.yml)" in board(stack).body
