"""The Django upgrade ladder in the app: the planner climbs one LTS step per upgrade PR (the next
step once the previous one is merged), the PR says which rung it is, and the dashboard shows the
ladder with what each step removes and the repository's sites it hits."""
import json
from types import SimpleNamespace

from workers.deps import upgrade
from workers.services import dashboard, pr_text
from workers.services.planning import next_batch
from workers.services.state import MERGED, OPEN, SKIPPED, RepoState

STEPS = [{"series": "1.8", "version": "1.8.19"}, {"series": "1.11", "version": "1.11.29"}]
CONFIG = SimpleNamespace(disabled_fixers=[], limits=None)
NO_CODE = SimpleNamespace(fixers=[])
DEPRECATIONS = {"pythons": ["2.7.18"], "deprecations": 3, "django_removals": {}, "own_code": [
    {"site": "shop/urls.py:1", "category": "PendingDeprecationWarning",
     "message": "django.conf.urls.defaults is deprecated; use django.conf.urls instead"},
    {"site": "shop/views.py:12", "category": "DeprecationWarning",
     "message": "HttpRequest.raw_post_data has been deprecated. Use HttpRequest.body instead."},
    {"site": "shop/views.py:40", "category": "RemovedInDjango19Warning", "removed_in_django": "1.9",
     "message": "`request.REQUEST` is deprecated, use `request.GET` or `request.POST` instead."},
]}


def django_row(pinned, steps, status="upgrade", upgradable=True, first_both="1.5.12"):
    return {"name": "Django", "specifier": "==" + pinned, "pinned": pinned, "source": "requirements.txt", "line": 2,
            "status": status, "supports_py27": True, "supports_py3": status == "ready",
            "first_version_supporting_both": first_both, "ladder": steps, "upgradable": upgradable,
            "note": "Django upgrade ladder: ..."}


def test_the_planner_climbs_one_step_per_pull_request():
    state = RepoState("o/shop", installation_id=1)
    state.dependencies = [django_row("1.4.22", STEPS)]
    first = next_batch(state, NO_CODE, CONFIG)
    assert (first.from_version, first.to_version) == ("1.4.22", "1.8.19")  # not 1.5.12, not 1.11.29
    assert first.ladder == {"step": 1, "of": 2, "series": "1.8", "target": "1.11"}
    assert first.branch == "py3bridge/upgrade-django-1.8"
    assert upgrade.title(first) == \
        "py3: Django 1.4.22 → 1.8.19 (step 1 of 2 towards 1.11, the last Django for 2.7 and 3)"
    first.state = OPEN
    assert next_batch(state, NO_CODE, CONFIG) is None  # one step at a time
    first.state = MERGED
    assert next_batch(state, NO_CODE, CONFIG) is None  # the next sync reads the new pin
    state.dependencies = [django_row("1.8.19", STEPS[1:], status="ready")]
    second = next_batch(state, NO_CODE, CONFIG)
    assert (second.from_version, second.to_version, second.branch) == ("1.8.19", "1.11.29", "py3bridge/upgrade-django-1.11")
    assert second.ladder["step"] == 2 and second.ladder["of"] == 2
    assert upgrade.title(second) == \
        "py3: Django 1.8.19 → 1.11.29 (step 2 of 2 towards 1.11, the last Django for 2.7 and 3)"
    second.state = MERGED
    state.dependencies = [django_row("1.11.29", [], status="ready", upgradable=False)]
    assert next_batch(state, NO_CODE, CONFIG) is None
    assert RepoState.from_json(state.to_json()).batches[1].ladder == second.ladder


def test_a_step_closed_without_merging_is_not_proposed_again():
    state = RepoState("o/shop", installation_id=1)
    state.dependencies = [django_row("1.4.22", STEPS)]
    next_batch(state, NO_CODE, CONFIG).state = SKIPPED
    assert next_batch(state, NO_CODE, CONFIG) is None
    # a climb started from 1.9 counts its own steps
    fresh = RepoState("o/shop2", installation_id=1)
    fresh.dependencies = [django_row("1.9.13", STEPS[1:], status="ready")]
    assert next_batch(fresh, NO_CODE, CONFIG).ladder == {"step": 1, "of": 1, "series": "1.11", "target": "1.11"}


def test_other_packages_still_get_one_upgrade_pr_each():
    state = RepoState("o/shop", installation_id=1)
    state.dependencies = [dict(django_row("1.0", []), name="oldlib", first_version_supporting_both="2.0")]
    batch = next_batch(state, NO_CODE, CONFIG)
    assert (batch.to_version, batch.ladder, batch.branch) == ("2.0", {}, "py3bridge/upgrade-oldlib")
    batch.state = MERGED
    assert next_batch(state, NO_CODE, CONFIG) is None
    assert upgrade.title(batch) == "py3: upgrade oldlib from 1.0 to 2.0 (first release on Python 2.7 and 3)"


def test_a_state_written_before_the_ladder_still_loads():
    state = RepoState("o/shop", installation_id=1)
    state.dependencies = [django_row("1.4.22", STEPS)]
    next_batch(state, NO_CODE, CONFIG)
    data = json.loads(state.to_json())
    del data["batches"][0]["ladder"]  # written by a worker before the ladder
    old = RepoState.from_json(json.dumps(data))
    assert old.batches[0].ladder == {} and old.batches[0].branch == "py3bridge/upgrade-django"
    data["batches"][0]["written_by_a_newer_worker"] = 1  # a key this worker does not know is no crash
    assert RepoState.from_json(json.dumps(data)).batches[0].to_version == "1.8.19"


def section(text, title="### Django upgrade ladder"):
    start = text.index(title)
    end = text.find("\n### ", start + 1)
    return text[start:end if end != -1 else len(text)]


def test_dashboard_shows_the_ladder_with_removals_and_own_sites():
    state = RepoState("o/shop", installation_id=1)
    state.dependencies = [django_row("1.4.22", STEPS)]
    state.deprecations = DEPRECATIONS
    text = dashboard.render(state)
    assert "| `Django` | 1.4.22 | yes | no | upgrade to 1.8.19: the next step of the Django upgrade ladder |" in text
    ladder = section(text)
    assert "`Django==1.4.22` (requirements.txt)" in ladder
    rows = [line for line in ladder.splitlines() if line.startswith("| 1 ") or line.startswith("| 2 ")]
    assert rows[0].startswith("| 1 | 1.4.22 → 1.8.19 | next | ")
    assert "`django.conf.urls.defaults`" in rows[0] and "`request.raw_post_data`" in rows[0]
    assert "`patterns()`" not in rows[0]
    assert rows[0].endswith("| 2: `shop/urls.py:1`, `shop/views.py:12` |")
    assert rows[1].startswith("| 2 | 1.8.19 → 1.11.29 | after step 1 | ")
    assert "`patterns()` in URLconfs" in rows[1] and "`SortedDict`" in rows[1]
    assert rows[1].endswith("| 1: `shop/views.py:40` |")

    # step 1 open, then merged: its PR in the table, step 2 next
    batch = next_batch(state, NO_CODE, CONFIG)
    batch.state, batch.pr, batch.ladder["sites"] = OPEN, 7, [{"site": "shop/urls.py:1", "category": "x", "message": "m"}]
    ladder = section(dashboard.render(state))
    assert "| 1 | 1.4.22 → 1.8.19 | open: #7 | " in ladder and ladder.count("| 1 |") == 1
    assert "| 2 | 1.8.19 → 1.11.29 | after step 1 |" in ladder
    batch.state = MERGED
    state.dependencies = [django_row("1.8.19", STEPS[1:], status="ready")]
    text = dashboard.render(state)
    assert "| `Django` | 1.8.19 | yes | yes | runs on both; upgrade to 1.11.29: the next step" in text
    ladder = section(text)
    assert "| 1 | 1.4.22 → 1.8.19 | merged ✅ (#7) | " in ladder and "| 1: `shop/urls.py:1` |" in ladder
    assert "| 2 | 1.8.19 → 1.11.29 | next | " in ladder
    # at the top
    state.dependencies = [django_row("1.11.29", [], status="ready", upgradable=False)]
    assert "`Django==1.11.29` (requirements.txt): on 1.11, the last Django for 2.7 and 3 ✅" in dashboard.render(state)


def test_dashboard_without_test_runs_or_a_pin():
    state = RepoState("o/shop", installation_id=1)
    state.dependencies = [dict(django_row("1.4.22", STEPS), specifier="<1.5", pinned=None, upgradable=False,
                               newest_allowed="1.4.22")]
    ladder = section(dashboard.render(state))
    assert "`Django<1.5` (requirements.txt): py3bridge opens upgrade PRs only for `==` pins" in ladder
    assert "| 1 | 1.4.22 → 1.8.19 | by hand | " in ladder and "no test run recorded yet" in ladder
    state.dependencies = [django_row("1.11.29", [], status="ready", upgradable=False),
                          dict(django_row("1.0", []), name="oldlib")]
    assert "### Django upgrade ladder" not in dashboard.render(state)


def test_pull_request_body_names_the_rung_what_it_removes_and_the_sites():
    state = RepoState("o/shop", installation_id=1)
    state.dependencies = [django_row("1.4.22", STEPS)]
    batch = next_batch(state, NO_CODE, CONFIG)
    batch.file_sites = {"requirements.txt": 1}
    batch.ladder["sites"] = [{"site": "shop/urls.py:1", "category": "PendingDeprecationWarning",
                              "message": "django.conf.urls.defaults is deprecated; use django.conf.urls instead"}]
    body = pr_text.body(upgrade.DESCRIPTION, batch, [])
    assert "the next LTS release on the way to 1.11" in section(body, "## What changed")
    assert "to the lowest release at or above" not in body
    ladder = section(body, "## Django upgrade ladder")
    assert "Step 1 of 2 towards Django 1.11, the last Django for Python 2.7 and 3: Django 1.4.22 → 1.8.19." in ladder
    assert "- Django 1.6: `django.conf.urls.defaults` (use `django.conf.urls`)" in ladder
    assert "- Django 1.7: `django.utils.simplejson` (use `json`)" in ladder
    assert "- Django 1.8: transaction decorators" in ladder and "patterns()" not in ladder
    assert "- `shop/urls.py:1` PendingDeprecationWarning: django.conf.urls.defaults is deprecated" in ladder
    batch.ladder["sites"] = []
    assert "The tests raised no deprecation warning in your code for what this step removes." in \
        pr_text.body(upgrade.DESCRIPTION, batch, [])
