"""A real Django app from PyPI end to end: django-oauth-plus 2.2.5 (49 tests through
oauth_provider/runtests/runtests.py, green on 2.7 with Django 1.8).

The runner is found and named, the counts are the runner's own `Ran 49`, the Python 3 is the
newest its Django 1.8 runs on (3.7 here), the -W always run lists Django's deprecations at their
sites in the app's code, and `deps` names a Django that runs on 2.7 and 3.
"""
import json

from tests.index_standin import IndexStandin
from workers.deps.index import IndexClient
from workers.deps.readiness import readiness_table
from workers.testrun import config as test_config
from workers.testrun.pythons import choose
from workers.testrun.session import run_session
from workers.testrun.summary import to_json, to_markdown

from ..sdists import copy_of

APP = "django-oauth-plus==2.2.5"
# Django 1.8 for both interpreters: the app's requirements allow any Django >= 1.3.
INSTALL = 'pip install "Django>=1.8,<1.9" && pip install -r requirements.txt -r test-requirements.txt'


def app_checkout(dest):
    checkout = copy_of(APP, dest)
    (checkout / ".py3bridge.toml").write_text("[tests]\ninstall = '%s'\n" % INSTALL)
    return checkout


def test_runner_python_counts_and_deprecations(tmp_path):
    checkout = app_checkout(tmp_path / "app")
    config = test_config.load(checkout)
    assert config.runner.name == "runtests"
    assert config.runner.command.endswith("python oauth_provider/runtests/runtests.py")
    assert config.runner.source.startswith("oauth_provider/runtests/runtests.py")

    choice = choose(checkout, config)
    assert [i.label for i in choice.interpreters] == ["2.7", "3.7"]
    assert choice.django == "1.8" and "Django 1.8" in choice.why and "install command" in choice.why

    py2, py3 = run_session(None, checkout, choice.interpreters, config)
    assert not py2.env_problem, py2.env_output
    run = py2.after.run
    assert (run.ran, len(run.outcomes), run.count("passed")) == (49, 49, 49)

    warnings = py2.after.warnings
    sites = {w["site"]: w for w in warnings["own_code"]}
    assert sites["oauth_provider/views.py:63"]["category"] == "RemovedInDjango19Warning"
    assert "request.REQUEST" in sites["oauth_provider/views.py:63"]["message"]
    assert sites["oauth_provider/store/__init__.py:3"]["removed_in_django"] == "1.9"
    assert "django.utils.importlib" in sites["oauth_provider/store/__init__.py:3"]["message"]
    assert sites["oauth_provider/urls.py:8"]["removed_in_django"] == "1.10"
    assert "patterns()" in sites["oauth_provider/urls.py:8"]["message"]
    assert warnings["django_removals"]["1.9"] >= 2 and warnings["deprecations"] >= warnings["own_code_count"]

    # Python 3.7 runs the unmigrated app: it stops at `import urlparse` before any test.
    assert py3.version.startswith("3.7") and not py3.env_problem, py3.env_output
    assert py3.after.run.ran is None and py3.after.exit_code != 0

    data = to_json([py2, py3])
    assert data["runner"] == {"name": "runtests", "command": config.runner.command,
                              "detected_from": config.runner.source}
    assert data["python3_choice"].startswith("Python 3.7: the newest Python 3 here that Django 1.8 runs on")
    assert data["interpreters"][0]["after"]["runner_total"] == 49
    markdown = to_markdown([py2, py3])
    assert "Tests run with `%s`" % config.runner.command in markdown
    assert "`oauth_provider/views.py:63` RemovedInDjango19Warning (removed in Django 1.9)" in markdown
    assert "49 passed, 0 failed, 0 errors" in markdown
    json.dumps(data)  # the contract stays JSON


def test_deps_proposes_a_django_for_both(tmp_path):
    checkout = copy_of(APP, tmp_path / "app")
    with IndexStandin() as index:
        rows = {row.dependency.name: row for row in readiness_table(checkout, IndexClient(index.url))}
    django = rows["Django"]
    assert (django.status, django.first_both, django.suggested) == ("upgrade", "1.11.29", "Django>=1.3,<2.0")
    mock = rows["mock"]
    assert mock.status == "upgrade" and mock.first_both == "3.0.5" and mock.replacement is None
    assert rows["unittest-xml-reporting"].dependency.source == "test-requirements.txt"
