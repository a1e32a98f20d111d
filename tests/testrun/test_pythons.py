"""Python 3 versions per repository, and py3bridge's tools chosen per interpreter version so an
environment builds on every Python from 2.7 and 3.6 to 3.13 found here."""
import pytest

from workers.engine.interpreters import find_version
from workers.services.repo_config import ConfigInvalid, parse
from workers.testrun import config as test_config
from workers.testrun.envs import tools_for
from workers.testrun.pythons import choose, django_series
from workers.testrun.session import run_session

from .conftest import make_project

CALC_TESTS = "import unittest\n\n\nclass T(unittest.TestCase):\n    def test_one(self):\n        self.assertEqual(1 + 1, 2)\n"


@pytest.mark.parametrize("version, coverage, pytest_pin", [
    ("2.7.18", "coverage==5.5", "pytest==4.6.11"), ("3.5.10", "coverage==5.5", "pytest==6.1.2"),
    ("3.6.15", "coverage==6.2", "pytest==7.0.1"), ("3.7.16", "coverage==7.2.7", "pytest==7.4.4"),
    ("3.8.18", "coverage==7.6.1", "pytest==8.3.4"), ("3.9.18", "coverage==7.6.10", "pytest==8.3.4"),
    ("3.13.0", "coverage==7.6.10", "pytest==8.3.4"),
])
def test_tools_per_version(version, coverage, pytest_pin):
    assert tools_for(version, "pytest") == [coverage, pytest_pin]
    assert tools_for(version, "nose")[-1] == ("pynose==1.5.3" if version.startswith("3.13") else "nose==1.3.7")


def test_configured_python3_and_validation(tmp_path):
    project = make_project(tmp_path / "p", {".py3bridge.toml": '[tests]\npython3 = ["3.8"]\n', "t.py": ""})
    choice = choose(project, test_config.load(project))
    assert [i.label for i in choice.interpreters] == ["2.7", "3.8"]
    assert "set by [tests] python3" in choice.interpreters[1].why
    bad = make_project(tmp_path / "bad", {".py3bridge.toml": '[tests]\npython3 = ["3.4"]\n'})
    with pytest.raises(test_config.ConfigError, match="before 3.5"):
        test_config.load(bad)
    assert parse('tests: {python3: ["3.6"]}\n').tests == {"python3": ["3.6"]}
    with pytest.raises(ConfigInvalid, match="3.5 and up"):
        parse('interpreters: ["2.7", "3.4"]\n')


@pytest.mark.parametrize("requirement, series, python3", [
    ("Django==1.8.19", "1.8", "3.7"), ("Django>=1.3", "1.11", "3.7"), ("Django~=2.2.0", "2.2", "3.9"),
    ("Django>=3.2,<4", "3.2", "3.10"), ("Django==4.2.16", "4.2", "3.12"),
])
def test_default_python3_follows_the_pinned_django(tmp_path, requirement, series, python3):
    project = make_project(tmp_path / "p", {"requirements.txt": requirement + "\n", "manage.py": ""})
    choice = choose(project, test_config.load(project))
    assert choice.django == series
    assert choice.interpreters[1].label == python3
    assert choice.interpreters[1].why.startswith("Python %s: the newest Python 3 here that Django %s runs on" % (
        python3, series))


def test_no_django_keeps_py3bridges_python(tmp_path):
    project = make_project(tmp_path / "p", {"requirements.txt": "six\n"})
    choice = choose(project, test_config.load(project))
    assert choice.interpreters[1].label == "3" and "py3bridge's own Python 3" in choice.why


def test_django_series_prefers_one_that_runs_on_both():
    from packaging.specifiers import SpecifierSet

    assert django_series(SpecifierSet(">=1.3")) == "1.11"
    assert django_series(SpecifierSet(">=2.0")) == "5.1"
    assert django_series(SpecifierSet("<1.5")) == "1.4"


@pytest.mark.parametrize("version", ["3.6", "3.8", "3.10", "3.12", "3.13"])
def test_environment_builds_and_measures_on_every_python3(tmp_path, version, interpreters):
    """The tools install and coverage runs (the after-run of a before/after session) on each."""
    interpreter = find_version(version)
    before = make_project(tmp_path / "before", {"test_calc.py": CALC_TESTS})
    after = make_project(tmp_path / "after", {"test_calc.py": CALC_TESTS + "\n\nX = 1\n"})
    (report,) = run_session(before, after, [interpreter])
    assert not report.env_problem, report.env_output
    assert report.version.startswith(version + ".")
    assert report.after.run.count("passed") == 1
    assert report.after.coverage, "coverage measured nothing on Python %s" % version
