"""Dependency upgrade PRs end to end: one pin per PR, first, and the unresolvable ones on the dashboard."""
import pytest

from standin.server import installation_event, pull_request_event
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


SHOP = {
    "requirements.txt": "# the shop\nDjango==1.4.22  # LTS\n",
    "shop/__init__.py": "",
    # Django 1.4 warns at the shop's own line when it imports django.conf.urls.defaults; the tests here
    # run without Django installed, so the shop raises that warning itself.
    "shop/urls.py": "import warnings\n\nMESSAGE = 'django.conf.urls.defaults is deprecated; use django.conf.urls instead'\n\n\n"
                    "def urlpatterns():\n    warnings.warn(MESSAGE, PendingDeprecationWarning)\n    return []\n",
    "test_shop.py": "import unittest\n\nfrom shop import urls\n\n\nclass T(unittest.TestCase):\n"
                    "    def test_urls(self):\n        self.assertEqual(urls.urlpatterns(), [])\n",
    ".github/py3bridge.yml": 'tests:\n  command: python -m unittest discover -v\n  install: ""\nmax_open_prs: 1\n',
}


def changed_lines(stack, pull):
    diff = stack.state.pull_diff("acme", "shop", pull.number)
    return [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def merge(stack, pull):
    stack.state.merge_pull("acme", "shop", pull.number)
    stack.deliver("pull_request", pull_request_event(stack.state, stack.standin.urls, "acme", "shop", pull.number))
    stack.run_worker()


def test_django_climbs_the_lts_ladder_one_step_per_pull_request(stack, index):
    stack.env["PY3BRIDGE_INDEX_URL"] = index.url
    stack.state.make_repo("acme", "shop", SHOP, installation_id=INSTALLATION)
    stack.deliver("installation", installation_event(stack.state, stack.standin.urls, INSTALLATION))
    stack.run_worker()

    (first,) = stack.state.pulls("acme", "shop")
    assert first.pull.head_ref == "py3bridge/upgrade-django-1.8"
    assert first.title == "py3: Django 1.4.22 → 1.8.19 (step 1 of 2 towards 1.11, the last Django for 2.7 and 3)"
    assert changed_lines(stack, first) == ["-Django==1.4.22  # LTS", "+Django==1.8.19  # LTS"]
    assert "## Django upgrade ladder" in first.body and "Step 1 of 2 towards Django 1.11" in first.body
    assert "- Django 1.6: `django.conf.urls.defaults` (use `django.conf.urls`)" in first.body
    assert "`patterns()`" not in first.body
    # the before-run's deprecation warning, at the shop's own line, is this step's to fix
    assert "- `shop/urls.py:7` PendingDeprecationWarning: django.conf.urls.defaults is deprecated" in first.body
    board = stack.state.issue_by_title("acme", "shop", "Python 3 migration dashboard").body
    assert "| `Django` | 1.4.22 | yes | no | upgrade to 1.8.19: the next step of the Django upgrade ladder |" in board
    assert "### Django upgrade ladder" in board
    assert "| 1 | 1.4.22 → 1.8.19 | open: #%d | " % first.number in board
    assert "| 1: `shop/urls.py:7` |" in board
    assert "| 2 | 1.8.19 → 1.11.29 | after step 1 | " in board

    merge(stack, first)
    pulls = sorted(stack.state.pulls("acme", "shop"), key=lambda p: p.number)
    assert [p.pull.head_ref for p in pulls] == ["py3bridge/upgrade-django-1.8", "py3bridge/upgrade-django-1.11"]
    second = pulls[1]
    assert second.title == "py3: Django 1.8.19 → 1.11.29 (step 2 of 2 towards 1.11, the last Django for 2.7 and 3)"
    assert changed_lines(stack, second) == ["-Django==1.8.19  # LTS", "+Django==1.11.29  # LTS"]
    assert "- Django 1.10: `patterns()` in URLconfs" in second.body
    assert "`django.conf.urls.defaults`" not in second.body
    assert "The tests raised no deprecation warning in your code for what this step removes." in second.body
    board = stack.state.issue_by_title("acme", "shop", "Python 3 migration dashboard").body
    assert "| `Django` | 1.8.19 | yes | yes | runs on both; upgrade to 1.11.29" in board
    assert "| 1 | 1.4.22 → 1.8.19 | merged ✅ (#%d) | " % first.number in board
    assert "| 2 | 1.8.19 → 1.11.29 | open: #%d | " % second.number in board

    merge(stack, second)
    assert len(stack.state.pulls("acme", "shop")) == 2  # at the top: no third Django PR
    board = stack.state.issue_by_title("acme", "shop", "Python 3 migration dashboard").body
    assert "| `Django` | 1.11.29 | yes | yes | runs on both ✅ |" in board
    assert "`Django==1.11.29` (requirements.txt): on 1.11, the last Django for 2.7 and 3 ✅" in board
