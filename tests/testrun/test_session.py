"""Test sessions on small fixture projects, with the real 2.7 and 3 and real environments."""
import textwrap

import pytest

from workers.engine.interpreters import Interpreter
from workers.testrun import config as test_config
from workers.testrun.session import run_session
from workers.testrun.summary import GITHUB_BODY_LIMIT, to_json, to_markdown

from .conftest import make_project

CALC = """\
def add(a, b):
    return a + b


def scale(x, factor=2):
    if factor == 0:
        return 0
    return x * factor
"""
CALC_TESTS = """\
import unittest
import calc


class CalcTest(unittest.TestCase):
    def test_add(self):
        self.assertEqual(calc.add(1, 2), 3)

    def test_scale(self):
        self.assertEqual(calc.scale(2), 4)
"""


def unittest_project(root, calc=CALC, extra=None):
    files = {"calc.py": calc, "test_calc.py": CALC_TESTS}
    files.update(extra or {})
    return make_project(root, files)


def by_label(reports):
    return {report.label: report for report in reports}


def test_passing_suite_counts_and_environment_reuse(tmp_path, interpreters):
    project = unittest_project(tmp_path / "p")
    first = by_label(run_session(None, project, interpreters))
    for label in ("2.7", "3"):
        run = first[label].after.run
        assert (run.total, run.count("passed"), run.ran) == (2, 2, 2)
        assert first[label].env_problem == ""
    assert first["2.7"].after.hash_seed is not None and first["3"].after.hash_seed is None
    again = by_label(run_session(None, unittest_project(tmp_path / "q"), interpreters))
    assert again["2.7"].env_reused and again["3"].env_reused


def test_regression_is_reported_with_test_id_and_untested_lines(tmp_path, interpreters):
    before = unittest_project(tmp_path / "before")
    broken = CALC.replace("return a + b", "return a - b").replace("return 0", "return None")
    after = unittest_project(tmp_path / "after", calc=broken)
    reports = by_label(run_session(before, after, interpreters))
    for label in ("2.7", "3"):
        comparison = reports[label].comparison
        assert comparison.regressions == ["test_calc.CalcTest.test_add"]
        assert comparison.still_passing == ["test_calc.CalcTest.test_scale"]
        assert reports[label].changed == {"changed_statements": 2, "executed": 1, "untested": ["calc.py:7"]}
    markdown = to_markdown(reports.values())
    assert markdown.startswith("### 🚨 2 test(s) newly failing")
    assert "`test_calc.CalcTest.test_add` — AssertionError: -1 != 3" in markdown
    assert "- `calc.py:7`" in markdown
    assert to_json(reports.values())["regressions"] == 2


def test_flaky_test_is_rerun_alone_and_not_called_a_regression(tmp_path, interpreters):
    flaky_test = textwrap.dedent("""\
        import os, unittest

        class Flaky(unittest.TestCase):
            def test_sometimes(self):
                if os.path.exists("FLAKY_SWITCH") and not os.path.exists("already_failed_once"):
                    open("already_failed_once", "w").close()
                    self.fail("first run fails")
    """)
    before = unittest_project(tmp_path / "before", extra={"test_flaky.py": flaky_test})
    after = unittest_project(tmp_path / "after", extra={"test_flaky.py": flaky_test, "FLAKY_SWITCH": ""})
    report = by_label(run_session(before, after, interpreters[:1]))["2.7"]
    assert report.comparison.regressions == []
    assert report.comparison.flaky == ["test_flaky.Flaky.test_sometimes"]


def test_hanging_suite_stops_at_the_configured_timeout(tmp_path, interpreters):
    project = unittest_project(tmp_path / "p", extra={
        "test_hang.py": "import time, unittest\n\nclass Hang(unittest.TestCase):\n    def test_forever(self):\n        time.sleep(600)\n",
        ".py3bridge.toml": "[tests]\ntimeout = 4\n",
    })
    report = run_session(None, project, interpreters[:1])[0]
    assert report.after.problem.startswith("timed out after 4 s")
    assert "⚠️ timed out" in to_markdown([report])


def test_environment_dump_from_tests_holds_no_app_secret(tmp_path, interpreters, monkeypatch):
    monkeypatch.setenv("WEBHOOK_SECRET", "whsec-do-not-leak")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs-do-not-leak")
    monkeypatch.setenv("REDIS_URL", "redis://do-not-leak:6379/0")
    project = unittest_project(tmp_path / "p", extra={
        "test_env.py": "import os, sys, unittest\n\nclass Env(unittest.TestCase):\n"
                       "    def test_dump(self):\n        sys.stderr.write(repr(dict(os.environ)))\n",
    })
    for report in run_session(None, project, interpreters):
        assert "test_env.Env.test_dump" in report.after.run.outcomes
        assert "'HOME':" in report.after.output_tail  # the dump is really there to look at
        assert "do-not-leak" not in report.after.output_tail
        assert "WEBHOOK_SECRET" not in report.after.output_tail


def test_pytest_runner_results_from_junit_and_import_errors_counted(tmp_path, interpreters):
    project = make_project(tmp_path / "p", {
        "conftest.py": "",
        "calc.py": CALC,
        "test_calc.py": "import calc\n\ndef test_add():\n    assert calc.add(1, 2) == 3\n\ndef test_bad():\n    assert calc.add(1, 1) == 3\n",
        "test_py2_only.py": "print 'python 2 only'\n\ndef test_x():\n    pass\n",
    })
    reports = by_label(run_session(None, project, interpreters))
    py2, py3 = reports["2.7"].after.run, reports["3"].after.run
    assert py2.source == "junit"
    assert py2.outcomes == {"test_calc.test_add": "passed", "test_calc.test_bad": "failed", "test_py2_only.test_x": "passed"}
    assert "assert 2 == 3" in py2.details["test_calc.test_bad"]
    assert py3.outcomes == {"test_calc.test_add": "passed", "test_calc.test_bad": "failed"}
    assert len(py3.import_errors) == 1


def test_nose_and_django_style_runners(tmp_path, interpreters):
    nose_project = unittest_project(tmp_path / "nose", extra={"setup.cfg": "[nosetests]\nverbosity = 2\n"})
    report = run_session(None, nose_project, interpreters[:1])[0]
    assert report.after.run.source == "junit"
    assert sorted(report.after.run.outcomes) == ["test_calc.CalcTest.test_add", "test_calc.CalcTest.test_scale"]

    manage = textwrap.dedent("""\
        import sys, unittest
        if sys.argv[1:2] == ["test"]:
            suite = unittest.defaultTestLoader.discover(".")
            result = unittest.TextTestRunner(verbosity=2).run(suite)
            sys.exit(not result.wasSuccessful())
    """)
    django_project = unittest_project(tmp_path / "django", extra={"manage.py": manage})
    assert test_config.load(django_project).runner.name == "django"
    report = run_session(None, django_project, interpreters[:1])[0]
    assert report.after.run.outcomes == {"test_calc.CalcTest.test_add": "passed", "test_calc.CalcTest.test_scale": "passed"}


def test_failed_install_and_missing_interpreter_are_reported_as_such(tmp_path, interpreters):
    project = unittest_project(tmp_path / "p", extra={"requirements.txt": "this-package-does-not-exist-py3bridge==1.0\n"})
    missing = Interpreter("2.7", str(tmp_path / "no-python2.7"))
    reports = run_session(None, project, [missing, interpreters[1]])
    assert "cannot run" in reports[0].env_problem and reports[0].after is None
    assert reports[1].env_problem.startswith("install failed: `pip install -r 'requirements.txt'`")
    assert "this-package-does-not-exist-py3bridge" in reports[1].env_output
    markdown = to_markdown(reports)
    assert "⚠️ install failed" in markdown and " passed" not in markdown


def test_smoke_commands_and_summary_limit(tmp_path, interpreters):
    project = unittest_project(tmp_path / "p", extra={
        ".py3bridge.toml": '[tests]\nsmoke = ["python -c \\"import calc\\"", "python -c \\"import nope\\""]\n',
        "test_many.py": "import unittest\n\nclass Many(unittest.TestCase):\n    pass\n\n"
                        + "".join("def _t%d(self):\n    self.fail('x' * 3000)\nsetattr(Many, 'test_%04d', _t%d)\n" % (i, i, i)
                                  for i in range(120)),
    })
    report = run_session(None, project, interpreters[:1])[0]
    assert [(s.command.split('"')[1], s.ok) for s in report.after.smoke] == [("import calc", True), ("import nope", False)]
    markdown = to_markdown([report])
    assert len(markdown) <= GITHUB_BODY_LIMIT
    assert "summary cut to fit GitHub's limit" in markdown  # it really had to be cut
    assert "120 failed" in markdown


def test_bad_config_is_a_clear_error(tmp_path):
    project = unittest_project(tmp_path / "p", extra={".py3bridge.toml": "[tests]\ntimeout = 'soon'\n"})
    with pytest.raises(test_config.ConfigError, match="timeout must be a number"):
        test_config.load(project)


@pytest.mark.parametrize("files, runner", [
    ({"conftest.py": ""}, "pytest"),
    ({"setup.cfg": "[tool:pytest]\n"}, "pytest"),
    ({"setup.cfg": "[nosetests]\n"}, "nose"),
    ({"manage.py": ""}, "django"),
    ({"setup.py": "setup(name='x', test_suite='x.tests')\n"}, "setup_py"),
    ({"setup.py": "setup(name='x')\n"}, "unittest"),
    ({".py3bridge.toml": '[tests]\ncommand = "make check"\n'}, "custom"),
])
def test_runner_detection(tmp_path, files, runner):
    assert test_config.load(make_project(tmp_path, files)).runner.name == runner
