"""Python 3 blockers from real Python 3 failures: fixture projects that break on Python 3 in each
typical way, run through run_session on the real 2.7 and 3, classified, grouped and ranked."""
import base64
import hashlib
import zipfile

import pytest

from workers import fixers as registry
from workers.testrun import blockers
from workers.testrun.session import run_session
from workers.testrun.summary import to_json, to_markdown

from .conftest import make_project

LEGACY = {
    "legacy/__init__.py": "",
    "legacy/mail.py": "import rfc822\n\n\ndef parse(s):\n    return rfc822.parsedate(s)\n",
    "legacy/text.py": "import string\n\n\ndef to_text(x):\n    return unicode(x)\n\n\ndef letters():\n"
                      "    return string.letters\n",
    "legacy/wire.py": "def frame(payload):\n    return b'a' + payload\n",
    "legacy/store.py": "def lookup(d, k):\n    return d.has_key(k)\n",
    "legacy/old.py": "def shout(x):\n    print 'x'\n",
}
TESTS = {
    "test_mail.py": "import unittest\nfrom legacy import mail\n\n\nclass Mail(unittest.TestCase):\n"
                    + "".join("    def test_%d(self):\n        mail.parse('Mon, 2%d Jan 2001 10:00:00')\n" % (i, i)
                              for i in range(3)),
    "test_text.py": "import unittest\nfrom legacy import text\n\n\nclass Text(unittest.TestCase):\n"
                    "    def test_int(self):\n        self.assertEqual(text.to_text(1), u'1')\n\n"
                    "    def test_float(self):\n        self.assertEqual(text.to_text(2.5), u'2.5')\n\n"
                    "    def test_letters(self):\n        self.assertEqual(len(text.letters()), 52)\n",
    "test_wire.py": "import unittest\nfrom legacy import wire\n\n\nclass Wire(unittest.TestCase):\n"
                    "    def test_frame(self):\n        self.assertEqual(wire.frame('b'), b'ab')\n",
    "test_store.py": "import unittest\nfrom legacy import store\n\n\nclass Store(unittest.TestCase):\n"
                     "    def test_lookup(self):\n        self.assertTrue(store.lookup({1: 2}, 1))\n",
    "test_old.py": "import unittest\nfrom legacy import old\n\n\nclass Old(unittest.TestCase):\n"
                   "    def test_shout(self):\n        old.shout('x')\n",
    "test_fine.py": "import unittest\n\n\nclass Fine(unittest.TestCase):\n    def test_ok(self):\n        pass\n",
}
# (kind, message, location, tests blocked), most tests first. test_mail.py did not import on
# Python 3: it blocks the 3 tests 2.7 ran in it.
EXPECTED = [
    ("removed_module", "ModuleNotFoundError: No module named 'rfc822'", "legacy/mail.py:1", 3),
    ("py2_builtin", "NameError: name 'unicode' is not defined", "legacy/text.py:5", 2),
    ("syntax_error", "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?",
     "legacy/old.py:2", 1),
    ("py2_method", "AttributeError: 'dict' object has no attribute 'has_key'", "legacy/store.py:2", 1),
    ("stdlib_attribute", "AttributeError: module 'string' has no attribute 'letters'", "legacy/text.py:9", 1),
    ("bytes_text", "TypeError: can't concat str to bytes", "legacy/wire.py:2", 1),
]


def by_label(data):
    return {item["label"]: item for item in data["interpreters"]}


@pytest.mark.parametrize("runner_files", [{}, {"conftest.py": ""}], ids=["unittest", "pytest"])
def test_python3_failures_grouped_by_cause_and_ranked(tmp_path, interpreters, runner_files):
    project = make_project(tmp_path / "p", dict(LEGACY, **TESTS, **runner_files))
    reports = run_session(None, project, interpreters)
    data = by_label(to_json(reports))
    assert data["2.7"]["after"]["passed"] == 10 and data["2.7"]["blockers"] == []
    py3 = data["3"]
    assert [(b["kind"], b["message"], b["location"], b["tests"]) for b in py3["blockers"]] == EXPECTED
    assert py3["could_not_start"] == "" and py3["after"]["could_not_start"] == ""
    first, unicode_group = py3["blockers"][0], py3["blockers"][1]
    assert first["examples"] == ["test_mail"] and first["fixer"] == "rfc822_module" and "dependency" not in first
    assert unicode_group["examples"] == ["test_text.Text.test_float", "test_text.Text.test_int"]
    assert unicode_group["fixer"] == "unicode_type"
    markdown = to_markdown(reports)
    table = markdown[markdown.index("### Python 3 blockers"):]
    assert "| kind | cause | where | tests blocked |" in table
    assert ("| removed module | `ModuleNotFoundError: No module named 'rfc822'` — fixer `rfc822_module` "
            "| `legacy/mail.py:1` | 3 |") in table
    assert "| bytes/text | `TypeError: can't concat str to bytes` | `legacy/wire.py:2` | 1 |" in table
    assert markdown.index("### Python 3 blockers") < markdown.index("failing tests after")


def test_suite_that_could_not_start_says_why_and_where(tmp_path, interpreters):
    tests = {"tests/" + path: text for path, text in TESTS.items()}
    tests["tests/__init__.py"] = "import cPickle\n"
    project = make_project(tmp_path / "p", dict(LEGACY, **tests))
    reports = run_session(None, project, interpreters)
    data = by_label(to_json(reports))
    assert data["2.7"]["could_not_start"] == ""
    reason = "ModuleNotFoundError: No module named 'cPickle' at tests/__init__.py:1"
    assert data["3"]["could_not_start"] == reason
    assert [(b["kind"], b["location"], b["tests"], b["examples"]) for b in data["3"]["blockers"]] == [
        ("removed_module", "tests/__init__.py:1", 10, ["tests"])]
    markdown = to_markdown(reports)
    assert "⛔ Suite could not start: %s |" % reason in markdown
    assert "| 0 passed, 0 failed" not in markdown

    conftest = make_project(tmp_path / "q", {"conftest.py": "import urlparse\n", "test_x.py": "def test_x():\n    pass\n"})
    report = run_session(None, conftest, interpreters[1:])[0]
    assert to_json([report])["interpreters"][0]["could_not_start"] == \
        "ModuleNotFoundError: No module named 'urlparse' at conftest.py:1"
    assert "Suite could not start: ModuleNotFoundError: No module named 'urlparse' at conftest.py:1" in to_markdown([report])


def _wheel(path, name, files):
    """A pure-Python wheel, built by hand: the fixture's dependency installs offline."""
    dist_info = "%s-1.0.dist-info" % name.replace("-", "_")
    contents = dict(files)
    contents[dist_info + "/METADATA"] = "Metadata-Version: 2.1\nName: %s\nVersion: 1.0\n" % name
    contents[dist_info + "/WHEEL"] = "Wheel-Version: 1.0\nGenerator: hand\nRoot-Is-Purelib: true\nTag: py2-none-any\nTag: py3-none-any\n"
    record = []
    for member, text in contents.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (member, digest, len(text.encode())))
    contents[dist_info + "/RECORD"] = "\n".join(record + [dist_info + "/RECORD,,"]) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as wheel:
        for member, text in contents.items():
            wheel.writestr(member, text)
    return path


def test_failures_inside_an_installed_dependency_name_its_distribution(tmp_path, interpreters):
    project = make_project(tmp_path / "p", {
        ".py3bridge.toml": '[tests]\ninstall = "pip install --no-index vendor/python_oldauth-1.0-py2.py3-none-any.whl"\n',
        "app/__init__.py": "",
        "app/auth.py": "import oldauth\n\n\ndef sign(x):\n    return oldauth.sign(x)\n",
        "app/links.py": "from oldauth import compat\n",
        "test_auth.py": "import unittest\nfrom app import auth\n\n\nclass Auth(unittest.TestCase):\n"
                        "    def test_sign(self):\n        self.assertEqual(auth.sign(1), u'1')\n",
        "test_links.py": "import unittest\nimport app.links\n\n\nclass Links(unittest.TestCase):\n"
                         "    def test_links(self):\n        pass\n",
    })
    _wheel(project / "vendor" / "python_oldauth-1.0-py2.py3-none-any.whl", "python-oldauth", {
        "oldauth/__init__.py": "def sign(x):\n    return unicode(x)\n",
        "oldauth/compat.py": "import urlparse\n",
    })
    reports = run_session(None, project, interpreters)
    data = by_label(to_json(reports))
    assert data["2.7"]["environment"]["problem"] == "" and data["2.7"]["after"]["passed"] == 2
    assert [(b["kind"], b["message"], b["location"], b.get("dependency"), b.get("fixer")) for b in data["3"]["blockers"]] == [
        ("py2_builtin", "NameError: name 'unicode' is not defined", "app/auth.py:5", "python-oldauth", None),
        ("removed_module", "ModuleNotFoundError: No module named 'urlparse'", "app/links.py:1", "python-oldauth", None),
    ]
    assert "| `app/auth.py:5` in the dependency `python-oldauth` |" in to_markdown(reports)


def test_a_runner_that_does_not_run_on_python3_is_the_blocker(tmp_path, interpreters):
    """No frame in the repository at all: the deepest installed package's frame is the cause."""
    project = make_project(tmp_path / "p", dict(TESTS, **LEGACY, **{".py3bridge.toml": (
        '[tests]\ninstall = "pip install --no-index vendor/old_runner-1.0-py2.py3-none-any.whl"\n'
        'command = "python -m oldrunner"\n')}))
    _wheel(project / "vendor" / "old_runner-1.0-py2.py3-none-any.whl", "old-runner", {
        "oldrunner/__init__.py": "",
        "oldrunner/__main__.py": "import unittest\nfrom oldrunner import loader\n\nloader.run()\n",
        "oldrunner/loader.py": "import collections, unittest\n\n\ndef run():\n"
                               "    assert isinstance(run, collections.Callable)\n"
                               "    unittest.main(module=None, argv=['x', 'discover', '-v'])\n",
    })
    report = run_session(None, project, interpreters[1:])[0]
    item = to_json([report])["interpreters"][0]
    assert item["could_not_start"] == ("AttributeError: module 'collections' has no attribute 'Callable' "
                                       "at oldrunner/loader.py:5 (in the dependency `old-runner`)")
    assert [(b["kind"], b["dependency"], b["tests"], b["examples"]) for b in item["blockers"]] == [
        ("stdlib_attribute", "old-runner", 1, ["(the whole suite)"])]


def test_nose_modules_that_did_not_import_are_named_from_their_traceback(tmp_path, interpreters):
    """nose reports every module it could not import as `nose.failure.Failure.runTest`."""
    project = make_project(tmp_path / "p", dict(TESTS, **LEGACY, **{"setup.cfg": "[nosetests]\nverbosity = 2\n"}))
    data = by_label(to_json(run_session(None, project, interpreters)))
    assert data["2.7"]["after"]["passed"] == 10
    assert [(b["kind"], b["location"], b["tests"], b["examples"]) for b in data["3"]["blockers"][:3]] == [
        ("removed_module", "legacy/mail.py:1", 3, ["test_mail"]),
        ("py2_builtin", "legacy/text.py:5", 2, ["test_text.Text.test_float", "test_text.Text.test_int"]),
        ("syntax_error", "legacy/old.py:2", 1, ["test_old"])]


# Unit tests on traceback shapes the runs above do not produce.

CHAINED = """\
Traceback (most recent call last):
  File "/src/pkg/codec.py", line 4, in decode
    return data.decode('utf-8')
AttributeError: 'str' object has no attribute 'decode'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/src/tests/test_codec.py", line 9, in test_decode
    codec.decode(u'x')
  File "/src/pkg/codec.py", line 6, in decode
    raise ValueError('cannot decode %r at 0x7f3a2b1c: %d bytes' % (data, 12))
ValueError: cannot decode 'x' at 0x7f3a2b1c: 12 bytes
"""


def test_chained_exceptions_use_the_last_one_and_messages_are_normalised():
    blocker = blockers.classify(CHAINED)
    assert blocker == blockers.Blocker("other", "ValueError: cannot decode 'x' at 0x…: N bytes", "pkg/codec.py:6", "", "")


@pytest.mark.parametrize("exception, message, kind", [
    ("TypeError", "a bytes-like object is required, not 'str'", "bytes_text"),
    ("TypeError", "string argument expected, got 'bytes'", "bytes_text"),
    ("TypeError", "Item in ``from list'' must be str, not bytes", "bytes_text"),
    ("TypeError", 'can only concatenate str (not "bytes") to str', "bytes_text"),
    ("TypeError", "Unicode-objects must be encoded before hashing", "bytes_text"),
    ("TypeError", "cannot use a string pattern on a bytes-like object", "bytes_text"),
    ("AttributeError", "'str' object has no attribute 'decode'", "bytes_text"),
    ("UnicodeDecodeError", "'ascii' codec can't decode byte 0xe9 in position 3", "bytes_text"),
    ("AttributeError", "'generator' object has no attribute 'next'", "py2_method"),
    ("AttributeError", "'dict' object has no attribute 'iteritems'", "py2_method"),
    ("AttributeError", "'dict_keys' object has no attribute 'sort'", "iterator_view"),
    ("TypeError", "'map' object is not subscriptable", "iterator_view"),
    ("TypeError", "'<' not supported between instances of 'NoneType' and 'int'", "unorderable"),
    ("NameError", "name 'xrange' is not defined", "py2_builtin"),
    ("NameError", "name 'undefined_thing' is not defined", "other"),
    ("ImportError", "cannot import name 'izip' from 'itertools' (unknown location)", "stdlib_attribute"),
    ("ModuleNotFoundError", "No module named 'urllib2'", "removed_module"),
    ("ModuleNotFoundError", "No module named 'helpers'", "missing_module"),
    ("AttributeError", "module 'mypkg' has no attribute 'letters'", "other"),
    ("TabError", "inconsistent use of tabs and spaces in indentation", "syntax_error"),
])
def test_kinds(exception, message, kind):
    assert blockers.kind_of(exception, message)[0] == kind


def test_every_suggested_fixer_exists():
    names = {fixer.name for fixer in registry.ALL}
    suggested = set(blockers._FIXER_FOR_NAME.values()) | set(blockers._FIXER_FOR_MODULE.values()) | set(
        blockers._FIXER_FOR_ATTRIBUTE.values()) | set(blockers._FIXER_FOR_MODULE_ATTRIBUTE.values()) | {
        "print_function", "py2_only_modules", "absolute_import", "dict_methods", "map_filter_zip", "mixed_ordering"}
    assert suggested <= names, suggested - names
