"""Dependency upgrade PRs end to end: one pin per PR, first, and the unresolvable ones on the dashboard."""
import pytest

from standin.server import installation_event
from tests.index_standin import IndexStandin

from .conftest import INSTALLATION

REQUIREMENTS = (
    "# pinned for production\n"
    "oldlib[fast]==1.0  # see ops#12\n"
    "midlib == 0.9 ; python_version < \"3.8\"\n"
    "wheelib==2.1\n"
    "MySQL-python==1.2.5\n"
)


@pytest.fixture
def index():
    with IndexStandin() as standin:
        yield standin


def test_three_upgrade_prs_one_line_each_and_replacement_on_dashboard(stack, index):
    stack.env["PY3BRIDGE_INDEX_URL"] = index.url
    stack.state.make_repo("acme", "deps", {
        "requirements.txt": REQUIREMENTS,
        "app.py": 'print "hello"\n',
        "test_app.py": "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_ok(self):\n        pass\n",
        ".github/py3bridge.yml": 'tests:\n  command: python -m unittest discover -v\n  install: ""\nmax_open_prs: 3\n',
    }, installation_id=INSTALLATION)
    stack.deliver("installation", installation_event(stack.state, stack.standin.urls, INSTALLATION))
    stack.run_worker()

    pulls = sorted(stack.state.pulls("acme", "deps"), key=lambda p: p.number)
    assert [p.pull.head_ref for p in pulls] == ["py3bridge/upgrade-oldlib", "py3bridge/upgrade-midlib",
                                                "py3bridge/upgrade-wheelib"]
    assert pulls[0].title == "py3: upgrade oldlib from 1.0 to 2.0 (first release on Python 2.7 and 3)"
    expected = {"oldlib": ("oldlib[fast]==1.0  # see ops#12", "oldlib[fast]==2.0  # see ops#12"),
                "midlib": ('midlib == 0.9 ; python_version < "3.8"', 'midlib == 1.1 ; python_version < "3.8"'),
                "wheelib": ("wheelib==2.1", "wheelib==2.2")}
    for pull in pulls:
        package = pull.pull.head_ref.split("-", 1)[1]
        old, new = expected[package]
        diff = stack.state.pull_diff("acme", "deps", pull.number)
        changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
        assert changed == ["-" + old, "+" + new]
        assert "## Tests" in pull.body
    body = stack.state.issue_by_title("acme", "deps", "Python 3 migration dashboard").body
    assert "| `MySQL-python` | 1.2.5 | yes | no | no release runs on both: replace |" in body
    assert "- [ ] `MySQL-python`: replace with `mysqlclient`" in body
    assert "upgrade `oldlib` 1.0 → 2.0: open: #%d" % pulls[0].number in body
