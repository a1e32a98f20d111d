"""Deprecations from a `-W always` run: parsed from the sitecustomize's file, counted before and
after, the repository's own sites listed as file:line and, on the dashboard, grouped by the
Django version that removes the feature."""
from types import SimpleNamespace

from workers.services import dashboard
from workers.services.state import RepoState
from workers.testrun import deprecations

WARNINGS = """\
/src/oauth_provider/views.py:63: RemovedInDjango19Warning(DeprecationWarning): `request.REQUEST` is deprecated, use `request.GET` or `request.POST` instead.
/src/oauth_provider/store/__init__.py:3: RemovedInDjango19Warning(DeprecationWarning): django.utils.importlib will be removed in Django 1.9.
/src/oauth_provider/urls.py:8: RemovedInDjango110Warning(PendingDeprecationWarning): django.conf.urls.patterns() is deprecated and will be removed in Django 1.10.
/env/lib/python2.7/site-packages/django/core/handlers/wsgi.py:126: RemovedInDjango19Warning(DeprecationWarning): `MergeDict` is deprecated, use `dict.update()` instead.
/src/oauth_provider/tests/protocol.py:195: PendingDeprecationWarning: cgi.parse_qs is deprecated, use urlparse.parse_qs instead
/src/oauth_provider/views.py:63: RemovedInDjango19Warning(DeprecationWarning): `request.REQUEST` is deprecated, use `request.GET` or `request.POST` instead.
/src/oauth_provider/models.py:10: UserWarning: not a deprecation
a line some test wrote into the file
"""


def test_parse_and_count():
    counts = deprecations.count(deprecations.parse(WARNINGS))
    data = counts.to_json()
    assert data["total"] == 6  # the repeated views.py:63 once
    assert data["deprecations"] == 5
    assert data["django_removals"] == {"1.9": 3, "1.10": 1}
    assert [w["site"] for w in data["own_code"]] == [
        "oauth_provider/store/__init__.py:3", "oauth_provider/tests/protocol.py:195", "oauth_provider/urls.py:8",
        "oauth_provider/views.py:63"]
    assert data["own_code"][2]["removed_in_django"] == "1.10"


def test_summary_lines_before_and_after():
    after = deprecations.count(deprecations.parse(WARNINGS)).to_json()
    before = deprecations.count(deprecations.parse(WARNINGS.splitlines()[0] + "\n")).to_json()
    lines = deprecations.markdown_lines("Python 2.7.18", before, after)
    assert "1 → 5 DeprecationWarning/PendingDeprecationWarning (3 removed in Django 1.9, 1 removed in Django 1.10)" in lines[0]
    assert "1 → 4 in the repository's own code" in lines[0]
    assert lines[1].startswith("- `oauth_provider/store/__init__.py:3` RemovedInDjango19Warning (removed in Django 1.9)")


def test_dashboard_groups_by_the_django_version_that_removes_it():
    counts = deprecations.count(deprecations.parse(WARNINGS)).to_json()
    reports = [SimpleNamespace(version="2.7.18", label="2.7", after=SimpleNamespace(warnings=counts)),
               SimpleNamespace(version="3.7.16", label="3.7", after=SimpleNamespace(warnings=counts))]
    record = deprecations.dashboard_record(reports)
    assert len(record["own_code"]) == 4 and record["pythons"] == ["2.7.18", "3.7.16"]
    state = RepoState.from_json(RepoState("o/r", installation_id=1).to_json())
    state.deprecations = record
    text = dashboard.render(state)
    section = text[text.index("### Deprecations in your code"):]
    assert section.index("**Removed in Django 1.9**") < section.index("`oauth_provider/store/__init__.py:3`") \
        < section.index("**Removed in Django 1.10**") < section.index("`oauth_provider/urls.py:8`") \
        < section.index("**Other deprecations**") < section.index("`oauth_provider/tests/protocol.py:195`")
    assert RepoState.from_json(state.to_json()).deprecations == record
