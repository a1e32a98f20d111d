"""Reading runner output: unittest text (2.7 and 3.11+ styles) and JUnit XML from pytest and nose."""
from workers.testrun.results import bounded, parse_junit, parse_unittest_output

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


def test_failing_tests_and_failed_imports_keep_their_traceback_text():
    run = parse_unittest_output(UNITTEST_27)
    assert run.tracebacks["pkg.tests.ATest.test_b"].endswith("AssertionError: 1 != 2")
    assert run.tracebacks["pkg.tests.ATest.test_b"].startswith("Traceback (most recent call last):")
    assert run.import_tracebacks == ["ImportError: Failed to import test module: broken"]
    assert "pkg.tests.ATest.test_a" not in run.tracebacks
    assert run.startup_error == ""


def test_long_tracebacks_keep_their_start_and_end():
    frames = "".join('  File "/src/pkg/m%d.py", line %d, in f\n    g()\n' % (i, i) for i in range(2000))
    output = ("test_deep (pkg.tests.T) ... ERROR\n\n" + "=" * 70 + "\nERROR: test_deep (pkg.tests.T)\n" + "-" * 70
              + "\nTraceback (most recent call last):\n" + frames + "RecursionError: maximum recursion depth exceeded\n\n"
              + "-" * 70 + "\nRan 1 test in 0.1s\n\nFAILED (errors=1)\n")
    text = parse_unittest_output(output).tracebacks["pkg.tests.T.test_deep"]
    assert len(text) < 7200 and "characters cut" in text
    assert text.startswith("Traceback (most recent call last):")
    assert text.endswith("RecursionError: maximum recursion depth exceeded")
    assert bounded("short") == "short"


def test_a_suite_that_ran_nothing_keeps_its_last_traceback():
    output = ("setting up\nTraceback (most recent call last):\n  File \"/src/a.py\", line 1, in <module>\n    x\n"
              "ValueError: first\n\nTraceback (most recent call last):\n  File \"/src/setup.py\", line 3, in <module>\n"
              "    import urllib2\nModuleNotFoundError: No module named 'urllib2'\n")
    run = parse_unittest_output(output)
    assert run.startup_error.startswith("Traceback (most recent call last):\n  File \"/src/setup.py\"")
    assert run.startup_error.endswith("No module named 'urllib2'")
    conftest = "ImportError while loading conftest '/src/conftest.py'.\nconftest.py:1: in <module>\n    import urlparse\n" \
               "E   ModuleNotFoundError: No module named 'urlparse'\n"
    assert parse_unittest_output(conftest).startup_error == conftest.strip()
    assert parse_unittest_output("Segmentation fault\n").startup_error == ""


def test_junit_keeps_failure_and_collection_tracebacks():
    xml = """<?xml version="1.0"?><testsuites><testsuite>
      <testcase classname="t" name="test_ok"/>
      <testcase classname="t" name="test_fail"><failure message="TypeError: x">def test_fail():
&gt;   b'a' + 'b'
E   TypeError: can't concat str to bytes

t.py:2: TypeError</failure></testcase>
      <testcase classname="t" name="test_skip"><skipped message="later">skipped for a reason</skipped></testcase>
      <testcase classname="" name="test_mail"><error message="collection failure">E   ModuleNotFoundError: No module named 'rfc822'</error></testcase>
    </testsuite></testsuites>"""
    run = parse_junit(xml)
    assert list(run.tracebacks) == ["t.test_fail"] and run.tracebacks["t.test_fail"].endswith("t.py:2: TypeError")
    assert run.import_tracebacks == ["E   ModuleNotFoundError: No module named 'rfc822'"]
