"""Reading runner output: unittest text (2.7 and 3.11+ styles) and JUnit XML from pytest and nose."""
from workers.testrun.results import parse_junit, parse_unittest_output

UNITTEST_27 = """\
test_a (pkg.tests.ATest) ... ok
test_b (pkg.tests.ATest)
A docstring line. ... FAIL
test_c (pkg.tests.ATest) ... printed by the test
still printing ERROR
test_d (pkg.tests.ATest) ... skipped 'no network'
test_e (pkg.tests.ATest) ... expected failure
Failed to import test module: pkg.broken
test_broken (unittest.loader.ModuleImportFailure) ... ERROR

======================================================================
FAIL: test_b (pkg.tests.ATest)
A docstring line.
----------------------------------------------------------------------
Traceback (most recent call last):
  File "pkg/tests.py", line 9, in test_b
    self.assertEqual(1, 2)
AssertionError: 1 != 2

======================================================================
ERROR: test_broken (unittest.loader.ModuleImportFailure)
----------------------------------------------------------------------
ImportError: Failed to import test module: broken

----------------------------------------------------------------------
Ran 6 tests in 0.003s

FAILED (failures=1, errors=2, skipped=1)
"""

UNITTEST_311 = """\
test_a (pkg.tests.ATest.test_a) ... ok
pkg.broken (unittest.loader._FailedTest.pkg.broken) ... ERROR

----------------------------------------------------------------------
Ran 2 tests in 0.001s

FAILED (errors=1)
"""


def test_unittest_27_verbose_output():
    run = parse_unittest_output(UNITTEST_27)
    assert run.outcomes == {
        "pkg.tests.ATest.test_a": "passed",
        "pkg.tests.ATest.test_b": "failed",
        "pkg.tests.ATest.test_c": "error",
        "pkg.tests.ATest.test_d": "skipped",
        "pkg.tests.ATest.test_e": "passed",
    }
    assert run.import_errors == ["test_broken"]
    assert (run.ran, run.reported_failures, run.reported_errors) == (6, 1, 2)
    assert run.details["pkg.tests.ATest.test_b"].endswith("AssertionError: 1 != 2")


def test_unittest_311_names_and_failed_imports():
    run = parse_unittest_output(UNITTEST_311)
    assert run.outcomes == {"pkg.tests.ATest.test_a": "passed"}
    assert run.import_errors == ["pkg.broken"]


def test_summary_only_output_still_gives_counts():
    run = parse_unittest_output("......F.\n----\nRan 8 tests in 0.1s\n\nFAILED (failures=1)\n")
    assert run.outcomes == {} and (run.ran, run.reported_failures, run.reported_errors) == (8, 1, 0)
    assert run.total == 8


def test_nothing_recognisable():
    run = parse_unittest_output("Segmentation fault\n")
    assert run.source == "" and run.total == 0


def test_junit_pytest_and_nose():
    xml = """<?xml version="1.0"?><testsuites><testsuite>
      <testcase classname="tests.test_x" name="test_ok"/>
      <testcase classname="tests.test_x" name="test_fail"><failure message="assert 1 == 2">E assert 1 == 2</failure></testcase>
      <testcase classname="tests.test_x" name="test_skip"><skipped message="later"/></testcase>
      <testcase classname="" name="tests.test_py2"><error message="collection failure">SyntaxError</error></testcase>
      <testcase classname="nose.failure.Failure" name="runTest"><error message="No module named foo">ImportError</error></testcase>
    </testsuite></testsuites>"""
    run = parse_junit(xml)
    assert run.outcomes == {"tests.test_x.test_ok": "passed", "tests.test_x.test_fail": "failed",
                            "tests.test_x.test_skip": "skipped"}
    assert run.import_errors == ["tests.test_py2", "nose.failure.Failure.runTest"]
    assert run.details["tests.test_x.test_fail"] == "E assert 1 == 2"
    assert parse_junit("not xml") is None
