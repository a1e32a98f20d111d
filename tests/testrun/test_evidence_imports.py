"""Evidence of how the 2.7 tests imported the modules of package folders: a real sandboxed 2.7 run
notes "module:package" for test modules a runner imported by their dotted names (cssutils' nose
run imports src/tests/test_css.py as tests.test_css) and "module:top_level" for a script's folder
(tools/check.py imports its sibling as `helper`)."""
from workers.engine.interpreters import find_python2
from workers.testrun.evidence import record

from .conftest import make_project

FILES = {
    ".py3bridge.toml": '[tests]\ncommand = "python -m unittest discover -s src/tests -t src && python tools/check.py"\n',
    "src/tests/__init__.py": "",
    "src/tests/basetest.py": "import unittest\n\n\nclass BaseTestCase(unittest.TestCase):\n    pass\n",
    "src/tests/test_css.py": "import basetest\n\n\nclass CSSTest(basetest.BaseTestCase):\n"
                             "    def test_parse(self):\n        self.assertTrue(True)\n",
    "tools/__init__.py": "",
    "tools/helper.py": "VALUE = 1\n",
    "tools/check.py": "import helper\nassert helper.VALUE == 1\n",
}


def test_how_each_module_of_a_package_folder_was_imported_is_recorded(tmp_path):
    recording = record(make_project(tmp_path / "p", FILES), find_python2())
    assert recording.problem == "" and recording.suite.run.ran == 1
    evidence = recording.evidence
    assert evidence["src/tests/test_css.py"] == {1: {"module:package"}}
    assert evidence["src/tests/basetest.py"] == {1: {"module:package"}}
    assert evidence["tools/helper.py"] == {1: {"module:top_level"}}
    assert evidence["tools/check.py"] == {1: {"module:top_level"}}  # run as the script, __main__
    assert "src/tests/__init__.py" not in evidence
    summary = recording.summary()  # neither buffer nor boundary sites
    assert (summary["imported_modules"], summary["files"], summary["sites"], summary["boundary_sites"]) == (4, 0, 0, 0)
