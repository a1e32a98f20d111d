"""The semantic stage through the app: a PR whose code starts importing six declares it, and lists
the sites a reviewer must decide (a `/` of unknown operand types) with file and line."""
from standin.server import installation_event

from .conftest import INSTALLATION

FILES = {
    "requirements.txt": "",
    "calc/__init__.py": "",
    "calc/ops.py": "def half(n):\n    return n / 2\n\n\ndef pages(items):\n    return len(items) / 10\n",
    "calc/names.py": "def is_text(x):\n    return isinstance(x, basestring)\n",
    "test_calc.py": "import unittest\nfrom calc import ops, names\n\n\nclass T(unittest.TestCase):\n"
                    "    def test_half(self):\n        self.assertEqual(ops.half(4), 2)\n\n"
                    "    def test_text(self):\n        self.assertTrue(names.is_text('a'))\n",
    ".github/py3bridge.yml": "tests:\n  command: python -m unittest discover -v\nmax_open_prs: 2\n",
}


def test_semantic_batches_declare_six_and_list_what_to_review(stack):
    stack.state.make_repo("octo", "calc", FILES, installation_id=INSTALLATION)
    stack.deliver("installation", installation_event(stack.state, stack.standin.urls, INSTALLATION))
    stack.run_worker()
    pulls = {p.pull.head_ref: p for p in stack.state.pulls("octo", "calc")}
    assert set(pulls) == {"py3bridge/basestring-1", "py3bridge/division-1"}

    strings = pulls["py3bridge/basestring-1"]
    diff = stack.state.pull_diff("octo", "calc", strings.number)
    assert "+six>=1.16.0" in diff and "+    return isinstance(x, six.string_types)" in diff
    assert "also declares it in `requirements.txt`" in strings.body
    assert "| 2.7.18 | 2 passed, 0 failed, 0 errors | 2 passed, 0 failed, 0 errors |" in strings.body

    division = pulls["py3bridge/division-1"]
    diff = stack.state.pull_diff("octo", "calc", division.number)
    assert "+    return len(items) // 10" in diff and "n / 2" not in diff  # the undecided one is left as it is
    assert "+from __future__ import division" not in diff  # it would change what 2.7 computes for n / 2
    assert "`calc/ops.py:2`: division_review: operand types unknown" in division.body
    assert "`calc/ops.py:6`: division_review" not in division.body  # decided (both integers), not left to the reviewer
