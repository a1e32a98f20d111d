"""Function bodies set aside before libcst reads a module (workers/rewriting/cst_set_aside.py):
which bodies go, what their placeholder names, that they come back byte for byte, that sites are
counted in the full text's rows, and that the codemods give the same result with and without."""
import re
from pathlib import Path

import pytest

from tests.fixers.cases import load_cases
from workers import fixers as registry
from workers.files import source
from workers.rewriting import codemod
from workers.rewriting.cst_set_aside import MARKER, set_aside
from workers.rewriting.fixer import Site

SIX = re.compile(r"\bsix\b")
MODULE = '''import os
import six
LIMIT = 3


def join_all(names):
    joined = [os.path.join(name, "x") for name in names]
    joined.sort()
    return joined[:LIMIT]


def text(value):
    return six.text_type(value)
'''


def _placeholders(aside):
    return [line.strip() for line in aside.text.split("\n") if MARKER in line]


def test_a_body_with_nothing_for_the_codemods_is_set_aside_naming_what_it_reads():
    aside = set_aside(MODULE, [SIX], [SIX], [SIX])
    assert _placeholders(aside) == ['"%s 1", LIMIT, os' % MARKER]
    assert "six.text_type(value)" in aside.text  # the trigger matches that body: it stays
    assert aside.restored(aside.text) == MODULE


@pytest.mark.parametrize("body", [
    "    return u('text') + suffix\n",  # a name a matching import binds
    "    global LIMIT\n    LIMIT = 4\n",  # binds outside itself
    "    def g():\n        nonlocal x\n        x = 4\n",
    '    """\n    >>> io.BytesIO(b"x")\n    """\n',  # a doctest: its names count as uses
])
def test_bodies_that_stay(body):
    text = "from six import u\nimport io\nLIMIT = 3\n\n\ndef f(suffix):\n    x = 1\n    y = 2\n    z = 3\n" + body
    assert set_aside(text, [SIX], [SIX], [SIX]) is None


def test_a_doctest_of_the_module_own_names_goes():
    text = 'import io\n\n\ndef f(suffix):\n    """\n    >>> f("x")\n    """\n    return suffix\n'
    assert set_aside(text, [SIX], [SIX], [SIX]) is not None


def test_a_shim_keeps_the_bodies_that_use_its_name():
    text = ("try:\n    unicode\nexcept NameError:\n    unicode = str\n\n\n"
            "def f(x):\n    y = x\n    z = y\n    return unicode(z)\n")
    shim = re.compile(r"except\s+NameError")
    assert set_aside(text, [shim], [shim], [shim]) is None


def test_a_moved_or_changed_placeholder_means_the_module_is_done_in_full():
    aside = set_aside(MODULE, [SIX], [SIX], [SIX])
    placeholder = _placeholders(aside)[0]
    assert aside.restored(aside.text.replace("    " + placeholder, placeholder)) is None
    assert aside.restored(aside.text.replace(", os", "")) is None
    without = aside.text.replace("def join_all(names):\n    " + placeholder + "\n", "")
    assert aside.restored(without) == MODULE.replace(
        'def join_all(names):\n    joined = [os.path.join(name, "x") for name in names]\n'
        '    joined.sort()\n    return joined[:LIMIT]\n', "")


def test_sites_are_rows_of_the_full_text():
    aside = set_aside(MODULE, [SIX], [SIX], [SIX])
    row = aside.text.split("\n").index("    " + _placeholders(aside)[0]) + 1  # 7; the body has 3 rows
    found = {"x": [Site(2, 2), Site(row - 1, row), Site(row + 4, row + 4)]}
    assert aside.full_sites(aside.text, found) == {"x": [Site(2, 2), Site(row - 1, row + 2), Site(row + 6, row + 6)]}


def test_windows_line_ends_come_back():
    text = MODULE.replace("\n", "\r\n")
    aside = set_aside(text, [SIX], [SIX], [SIX])
    assert aside is not None and aside.restored(aside.text) == text


def test_text_set_aside_cannot_read_is_left_whole():
    assert set_aside("def f(:\n    pass\n", [SIX], [SIX], [SIX]) is None  # not Python 3
    assert set_aside(MODULE.replace("\n", "\r", 1), [SIX], [SIX], [SIX]) is None  # a lone \r: rows would disagree


# ---- the same result with and without ------------------------------------------------------

CASES = load_cases(Path(__file__).parent.parent / "codemods" / "cases")
CODEMODS = [fixer for fixer in registry.in_stages(["python3-only"]) if not fixer.reports_only]
PROGRAMS = sorted((Path(__file__).parent.parent / "codemods" / "programs").glob("**/*.py"))


def _texts():
    yield from (source.decode(case.input).text for case in CASES)
    yield from (source.decode(path.read_bytes()).text for path in PROGRAMS)
    yield MODULE


def test_every_codemod_case_and_program_gives_the_same_text_and_sites(monkeypatch):
    with_aside = [_fixed(text) for text in _texts()]
    monkeypatch.setattr(codemod, "set_aside", lambda *args: None)
    assert [_fixed(text) for text in _texts()] == with_aside


def test_the_comparison_above_sets_bodies_aside():
    assert sum(1 for text in _texts() if codemod.set_aside_for(text, CODEMODS)) >= 5


def _fixed(text):
    try:
        return codemod.fix_text(text, CODEMODS)
    except Exception as err:  # the same failure either way
        return type(err).__name__


def test_a_class_body_with_nothing_for_the_codemods_goes_whole():
    text = ("import os\nimport six\n\n\nclass Paths(object):\n    base = os.sep\n\n"
            "    def join(self, name):\n        return os.path.join(self.base, name)\n\n\n"
            "def text(value):\n    return six.text_type(value)\n")
    aside = set_aside(text, [SIX], [SIX], [SIX])
    assert _placeholders(aside) == ['"%s 1", os' % MARKER]
    assert aside.text.startswith("import os\nimport six\n\n\nclass Paths(object):\n    \"%s 1\", os\n" % MARKER)
    assert aside.restored(aside.text) == text


def test_nothing_is_set_aside_in_a_branch_a_codemod_may_unwrap():
    # six_version_branches keeps `if PY3:`'s block one indentation out: a body set aside there
    # could not be put back as it was
    branch = re.compile(r"\bPY3\b")
    text = "from six import PY3\nif PY3:\n    def f(x):\n        y = x\n        z = y\n        return z\n"
    assert set_aside(text, [branch], [branch], [branch]) is None
    assert set_aside(text.replace("if PY3:", "if True:"), [branch], [branch], [branch]) is not None


def test_a_decorated_first_statement_goes_with_its_decorators():
    text = ("import functools\n\n\nclass C:\n    @functools.lru_cache()\n    def f(self):\n"
            "        return 1\n\n    def g(self):\n        return 2\n")
    aside = set_aside(text, [SIX], [SIX], [SIX])
    assert aside.text == 'import functools\n\n\nclass C:\n    "%s 1", functools\n' % MARKER
    assert aside.restored(aside.text) == text


@pytest.mark.parametrize("case", [c for c in CASES if c.id.endswith("/set_aside_function_bodies")], ids=lambda c: c.id)
def test_the_set_aside_cases_set_a_body_aside(case):
    # the cases' expected outputs hold with set-aside off too: this says it was on
    aside = codemod.set_aside_for(source.decode(case.input).text, CODEMODS)
    assert aside is not None and MARKER in aside.text
