"""The Django upgrade ladder: which LTS steps are left from a pinned Django, which release each step
goes to, what each step removes, and which of the repository's deprecation sites it hits."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.index_standin import IndexStandin, python_classifiers, release_files
from workers.deps import django_ladder, upgrade
from workers.deps.index import IndexClient
from workers.deps.readiness import readiness_table

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("pinned, rungs", [
    ("1.4.22", ["1.8", "1.11"]), ("1.4", ["1.8", "1.11"]), ("1.6.11", ["1.8", "1.11"]), ("1.3", ["1.8", "1.11"]),
    ("1.8", ["1.11"]), ("1.8.19", ["1.11"]), ("1.9.13", ["1.11"]), ("1.10.8", ["1.11"]),
    ("1.11", []), ("1.11.29", []), ("2.2", []), ("2.2.28", []), ("3.2.25", []), ("not-a-version", []), (None, []),
])
def test_rungs_above_the_pinned_series(pinned, rungs):
    assert django_ladder.rungs_above(pinned) == rungs


class Client:
    """IndexClient's release() for a project document built here: every release has its own document."""

    def __init__(self, classifiers):
        self.classifiers = classifiers
        self.asked = []

    def release(self, name, version):
        self.asked.append(version)
        return {"info": {"classifiers": self.classifiers[version]}}


def project(*releases):
    return {"info": {"version": releases[-1][0], "classifiers": releases[-1][2]},
            "releases": {version: files for version, files, _ in releases}}


def test_each_step_goes_to_the_newest_patch_of_its_rung_that_runs_on_both():
    releases = [
        ("1.4.22", release_files("Django", "1.4.22"), python_classifiers("2.7")),
        ("1.8.18", release_files("Django", "1.8.18", wheels=["py2.py3-none-any"]), []),
        ("1.8.19", release_files("Django", "1.8.19", wheels=["py2.py3-none-any"]), []),
        ("1.11.28", release_files("Django", "1.11.28", wheels=["py2.py3-none-any"]), []),
        ("1.11.29", release_files("Django", "1.11.29", wheels=["py2.py3-none-any"]), []),
        # a 1.11 that says it no longer runs on 2.7 is no rung to stand on
        ("1.11.30", release_files("Django", "1.11.30", wheels=["py3-none-any"], requires_python=">=3.5"), []),
        ("2.2.28", release_files("Django", "2.2.28", wheels=["py3-none-any"], requires_python=">=3.5"), []),
    ]
    client = Client({version: classifiers for version, _, classifiers in releases})
    doc = project(*releases)
    assert django_ladder.ladder_steps(client, "Django", doc, "1.4.22") == [
        {"series": "1.8", "version": "1.8.19"}, {"series": "1.11", "version": "1.11.29"}]
    assert django_ladder.ladder_steps(client, "Django", doc, "1.8.19") == [{"series": "1.11", "version": "1.11.29"}]
    assert django_ladder.ladder_steps(client, "Django", doc, "1.11.2") == []
    # an index without any 1.8 release: the ladder is the rungs it has
    without = project(*[r for r in releases if not r[0].startswith("1.8")])
    assert django_ladder.ladder_steps(client, "Django", without, "1.4.22") == [{"series": "1.11", "version": "1.11.29"}]


def test_what_each_step_removes():
    first = {what for _, what, _, _ in django_ladder.removals("1.4.22", "1.8.19")}
    second = {what for _, what, _, _ in django_ladder.removals("1.8.19", "1.11.29")}
    joined_first, joined_second = " ".join(first), " ".join(second)
    for name in ("django.conf.urls.defaults", "django.utils.simplejson", "request.raw_post_data", "commit_on_success"):
        assert name in joined_first and name not in joined_second
    for name in ("patterns()", "request.REQUEST", "django.utils.importlib", "SortedDict"):
        assert name in joined_second and name not in joined_first
    assert [release for release, _, _, _ in django_ladder.removals("1.6.11", "1.8.19")] == \
        ["1.7"] * len(django_ladder.REMOVED_IN["1.7"]) + ["1.8"] * len(django_ladder.REMOVED_IN["1.8"])
    assert django_ladder.removals("1.11.29", "1.11.29") == []


OWN_CODE = [  # a deprecations record's own_code, as workers/testrun/deprecations.py keeps it
    {"site": "shop/urls.py:1", "category": "PendingDeprecationWarning",
     "message": "django.conf.urls.defaults is deprecated; use django.conf.urls instead"},
    {"site": "shop/views.py:12", "category": "DeprecationWarning",
     "message": "HttpRequest.raw_post_data has been deprecated. Use HttpRequest.body instead."},
    {"site": "shop/tests.py:3", "category": "PendingDeprecationWarning",
     "message": "cgi.parse_qs is deprecated, use urlparse.parse_qs instead"},
    {"site": "shop/views.py:40", "category": "RemovedInDjango19Warning", "removed_in_django": "1.9",
     "message": "`request.REQUEST` is deprecated, use `request.GET` or `request.POST` instead."},
    {"site": "shop/urls.py:8", "category": "RemovedInDjango110Warning", "removed_in_django": "1.10",
     "message": "django.conf.urls.patterns() is deprecated and will be removed in Django 1.10."},
    {"site": "shop/models.py:5", "category": "RemovedInDjango20Warning", "removed_in_django": "2.0",
     "message": "on_delete will be a required arg for ForeignKey in Django 2.0."},
]


def test_the_sites_each_step_hits():
    first = django_ladder.step_sites("1.4.22", "1.8.19", OWN_CODE)
    assert [item["site"] for item in first] == ["shop/urls.py:1", "shop/views.py:12"]
    second = django_ladder.step_sites("1.8.19", "1.11.29", OWN_CODE)
    assert [item["site"] for item in second] == ["shop/urls.py:8", "shop/views.py:40"]
    assert second[1]["category"] == "RemovedInDjango19Warning"
    # removed in 2.0 is past the ladder: no step of it; and no record, no sites
    assert django_ladder.step_sites("1.11.29", "1.11.29", OWN_CODE) == []
    assert django_ladder.step_sites("1.4.22", "1.8.19", None) == []


@pytest.fixture
def index():
    with IndexStandin() as standin:
        yield standin


def rows_for(root, index, text):
    (root / "requirements.txt").write_text(text)
    return {(r.dependency.name, r.dependency.marker): r for r in readiness_table(root, IndexClient(index.url))}


@pytest.mark.parametrize("line, status, ladder, pull_request", [
    ("Django==1.4.22", "upgrade", ["1.8.19", "1.11.29"], True),
    ("Django==1.3", "upgrade", ["1.8.19", "1.11.29"], True),
    ("Django==1.8.19", "ready", ["1.11.29"], True),   # runs on both, but 1.11 is where 2.7 and 3 end
    ("Django==1.11.29", "ready", [], False),
    ("Django==3.2.25", "replace", [], False),
    ("Django<1.5", "upgrade", ["1.8.19", "1.11.29"], False),  # a range: the ladder is shown, never a PR
    ("Django>=1.3", "upgrade", [], False),               # allows 3.2.25: the range's own advice (pin <2.0) stands
    ('Django==1.4.22; python_version < "3"', "ready", [], False),  # installed on 2.7 only: no climb
])
def test_readiness_rows_carry_the_ladder(tmp_path, index, line, status, ladder, pull_request):
    row = next(iter(rows_for(tmp_path, index, line + "\n").values()))
    assert row.status == status
    assert [step["version"] for step in row.ladder or []] == ladder
    assert ("Django upgrade ladder" in row.note) == bool(ladder)
    assert bool(upgrade.candidates([row])) == pull_request


def test_a_pin_with_a_ladder_upgrades_to_its_first_step_not_the_first_release_on_both(tmp_path, index):
    row = next(iter(rows_for(tmp_path, index, "Django==1.4.22\n").values())).to_json()
    row["first_version_supporting_both"] = "1.5.12"  # PyPI's answer: 1.5 was the first Django on 3
    assert upgrade.target(row) == "1.8.19"
    assert upgrade.target(dict(row, ladder=[])) == "1.5.12"


def test_deps_cli_names_the_ladder(tmp_path, index):
    (tmp_path / "requirements.txt").write_text("Django==1.4.22\n")
    proc = subprocess.run([sys.executable, "-m", "bot", "deps", str(tmp_path), "--index-url", index.url],
                          capture_output=True, text=True, cwd=REPO)
    line = next(line for line in proc.stdout.splitlines() if line.startswith("Django"))
    assert "1.8.19; Django upgrade ladder: 1.4 → 1.8 (1.8.19) → 1.11 (1.11.29), one LTS step per PR" in line
    assert proc.returncode == 1
    (tmp_path / "requirements.txt").write_text("Django==1.8.19\n")
    proc = subprocess.run([sys.executable, "-m", "bot", "deps", str(tmp_path), "--index-url", index.url, "--json"],
                          capture_output=True, text=True, cwd=REPO)
    row = json.loads(proc.stdout)["dependencies"][0]
    assert row["status"] == "ready" and row["ladder"] == [{"series": "1.11", "version": "1.11.29"}]
    assert proc.returncode == 0  # runs on both: the ladder is advice, not a failure
