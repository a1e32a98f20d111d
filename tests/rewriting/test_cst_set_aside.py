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
from workers.rewriting.cst_set_aside import MARKER, _TriggerRows, set_aside
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


def test_statements_with_nothing_for_the_codemods_are_set_aside_naming_what_they_read_and_bind():
    aside = set_aside(MODULE, [SIX], [SIX], [SIX])
    assert _placeholders(aside) == ['"%s 1", LIMIT, os; LIMIT = join_all = None' % MARKER]
    assert "six.text_type(value)" in aside.text  # the trigger matches that body: it stays
    assert aside.restored(aside.text) == MODULE


@pytest.mark.parametrize("body", [
    "    return u('text') + suffix\n",  # a name a matching import binds
    "    global LIMIT\n    LIMIT = 4\n",  # binds outside itself
    "    def g():\n        nonlocal x\n        x = 4\n",
    '    """\n    >>> io.BytesIO(b"x")\n    """\n',  # a doctest: its names count as uses
])
def test_bodies_that_stay(body):
    text = "from six import u\nimport io\nLIMIT = 3\n\n\ndef f(suffix):\n    x = 1\n    y = 2\n" + body
    assert set_aside(text, [SIX], [SIX], [SIX]) is None


RUN_IN_A_KEPT_BODY = """import six


def f(items):
    total = 0
    for item in items:
        total += len(item)
    count = total * 2
    return six.text_type(count)
"""


def test_a_run_of_statements_in_a_kept_body_is_set_aside_reading_and_binding_the_same_names():
    aside = set_aside(RUN_IN_A_KEPT_BODY, [SIX], [SIX], [SIX])
    assert _placeholders(aside) == ['"%s 1", item, items, len, total; count = item = total = None' % MARKER]
    assert aside.text.endswith("    return six.text_type(count)\n")
    assert aside.restored(aside.text) == RUN_IN_A_KEPT_BODY


@pytest.mark.parametrize("statement", [
    "    import os.path\n",  # the kind of a binding: `io` imported or assigned
    "    __all__ = []\n",
    "    a = 1; b = 2\n",  # shares a row with a neighbour
])
def test_statements_that_break_a_run(statement):
    text = RUN_IN_A_KEPT_BODY.replace("    count = total * 2\n", statement + "    count = total * 2\n")
    aside = set_aside(text, [SIX], [SIX], [SIX])
    assert aside is not None and statement in aside.text  # the rows before it still go


def test_a_docstring_never_starts_a_run():
    text = RUN_IN_A_KEPT_BODY.replace("    total = 0\n", '    """Doc."""\n    total = 0\n')
    assert '    """Doc."""\n    "%s 1", item' % MARKER in set_aside(text, [SIX], [SIX], [SIX]).text


def test_a_run_with_no_names_is_never_a_lone_string():
    text = "import six\n\n\ndef f():\n    pass\n    pass\n    pass\n    return six.text_type(1)\n"
    assert _placeholders(set_aside(text, [SIX], [SIX], [SIX])) == ['"%s 1",' % MARKER]  # a docstring to libcst


def test_a_doctest_of_the_module_own_names_goes():
    text = 'import io\n\n\ndef f(suffix):\n    """\n    >>> f("x")\n    """\n    return suffix\n'
    assert set_aside(text, [SIX], [SIX], [SIX]) is not None


def test_a_shim_keeps_the_bodies_that_use_its_name():
    text = ("try:\n    unicode\nexcept NameError:\n    unicode = str\n\n\n"
            "def f(x):\n    y = x\n    z = y\n    return unicode(z)\n")
    shim = re.compile(r"except\s+NameError")
    assert set_aside(text, [shim], [shim], [shim]) is None


def test_a_function_import_keeps_the_statements_that_use_its_name(monkeypatch):
    text = ("import six\n\n\ndef f(data):\n    from six import StringIO\n    size = len(data)\n"
            "    stream = StringIO(data)\n    stream.seek(size)\n    return stream.read()\n")
    aside = set_aside(text, [SIX], [SIX], [SIX])
    assert aside is None or "    stream = StringIO(data)\n" in aside.text
    six_helpers = [registry.get("six_helpers")]
    monkeypatch.setattr(codemod, "parse", _parsed_once(codemod.parse))  # the set-aside text is not given up
    fixed, _ = codemod.fix_text(text, six_helpers)
    assert "    stream = io.StringIO(data)\n" in fixed and "from six import StringIO" not in fixed


def _parsed_once(parse):
    texts = []

    def once(text, context=None):
        texts.append(text)
        assert len(texts) == 1, "parsed again: the set-aside text was given up"
        return parse(text, context)
    return once


def test_a_moved_or_changed_placeholder_means_the_module_is_done_in_full():
    aside = set_aside(MODULE, [SIX], [SIX], [SIX])
    placeholder = _placeholders(aside)[0]
    assert aside.restored(aside.text.replace(placeholder, "    " + placeholder)) is None
    assert aside.restored(aside.text.replace(", os", "")) is None
    without = aside.text.replace(placeholder + "\n", "")
    assert aside.restored(without) == MODULE.replace(
        'LIMIT = 3\n\n\ndef join_all(names):\n    joined = [os.path.join(name, "x") for name in names]\n'
        '    joined.sort()\n    return joined[:LIMIT]\n', "")


def test_sites_are_rows_of_the_full_text():
    aside = set_aside(MODULE, [SIX], [SIX], [SIX])
    row = aside.text.split("\n").index(_placeholders(aside)[0]) + 1  # 3; it stands for 7 rows
    found = {"x": [Site(2, 2), Site(row - 1, row), Site(row + 4, row + 4)]}
    assert aside.full_sites(aside.text, found) == {"x": [Site(2, 2), Site(row - 1, row + 6), Site(row + 10, row + 10)]}


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


IMPORTS_ADDED_ABOVE_A_RUN = '''"""Doc."""
import six
A = 1
B = [A,
     2]


def f(x):
    y = x
    z = y
    return six.moves.urllib.parse.quote(z)
'''


def _texts():
    yield from (source.decode(case.input).text for case in CASES)
    yield from (source.decode(path.read_bytes()).text for path in PROGRAMS)
    yield from (MODULE, RUN_IN_A_KEPT_BODY, IMPORTS_ADDED_ABOVE_A_RUN)


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


def test_a_class_with_nothing_for_the_codemods_goes_whole():
    text = ("import os\nimport six\n\n\nclass Paths(object):\n    base = os.sep\n\n"
            "    def join(self, name):\n        return os.path.join(self.base, name)\n\n\n"
            "def text(value):\n    return six.text_type(value)\n")
    aside = set_aside(text, [SIX], [SIX], [SIX])
    assert _placeholders(aside) == ['"%s 1", object, os; Paths = None' % MARKER]
    assert aside.text.startswith("import os\nimport six\n\n\n\"%s 1\"" % MARKER)
    assert aside.restored(aside.text) == text


def test_nothing_is_set_aside_in_a_branch_a_codemod_may_unwrap():
    # six_version_branches keeps `if PY3:`'s block one indentation out: a body set aside there
    # could not be put back as it was
    branch = re.compile(r"\bPY3\b")
    text = "from six import PY3\nif PY3:\n    def f(x):\n        y = x\n        z = y\n        return z\n"
    assert set_aside(text, [branch], [branch], [branch]) is None
    assert set_aside(text.replace("if PY3:", "if True:"), [branch], [branch], [branch]) is not None


CLASS_WITH_AN_ALIAS = """import functools
import six


class Outer:
    kind = six.text_type

    class C:
        @functools.lru_cache()
        def f(self):
            return 1

        def g(self):
            return 2
"""


def test_the_methods_of_a_class_a_codemod_acts_in_stay_out_of_runs():
    # py3bridge_shims reads which methods a class with an alias (`__nonzero__ = __bool__`) defines
    aside = set_aside(CLASS_WITH_AN_ALIAS, [SIX], [SIX], [SIX])
    assert "    class C:\n" in aside.text


def test_a_decorated_first_statement_goes_with_its_decorators():
    aside = set_aside(CLASS_WITH_AN_ALIAS, [SIX], [SIX], [SIX])
    assert aside.text == CLASS_WITH_AN_ALIAS.split("        @")[0] + '        "%s 1", functools\n' % MARKER
    assert aside.restored(aside.text) == CLASS_WITH_AN_ALIAS


@pytest.mark.parametrize("case", [c for c in CASES if c.id.endswith("/set_aside_function_bodies")], ids=lambda c: c.id)
def test_the_set_aside_cases_set_a_body_aside(case):
    # the cases' expected outputs hold with set-aside off too: this says it was on
    aside = codemod.set_aside_for(source.decode(case.input).text, CODEMODS)
    assert aside is not None and MARKER in aside.text


# ---- the rows libcst would not write back -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "x = 1\n  # the last comment\n   \n",  # libcst 1.x writes "x = 1\n   \n": the comment is lost
    "x = 1\n\n    \n",
    "x = 1\n\n\f\n# vim: filetype=python\n",  # an editor's footer after a page break
])
def test_the_last_blank_and_comment_rows_come_back_as_they_were(text):
    assert codemod.fix_text("from __future__ import print_function\n" + text, CODEMODS)[0] == text


def test_a_coding_cookie_on_the_second_row_is_never_taken_for_last_rows():
    text = "from __future__ import unicode_literals\n# -*- coding: utf-8 -*-\n"
    assert codemod.fix_text(text, CODEMODS)[0] == "# -*- coding: utf-8 -*-\n"


def test_last_rows_that_are_inside_a_string_stay_with_it():
    text = 'from __future__ import print_function\nx = 1\nhelp = """\n# not a comment\n# nor this"""\n'
    assert codemod.fix_text(text, CODEMODS)[0] == text.split("\n", 1)[1]


def test_a_set_aside_text_libcst_would_not_write_back_is_done_in_full():
    # the run set aside ends the module at column 0, before indented blank lines, which the
    # function body held: libcst would drop them from the text set aside, not from the module
    text = "from __future__ import print_function\n\n\ndef f():\n    x = 1\n    y = 2\n    return x + y\n    \n  \n\n    \n"
    assert "    \n  \n\n    \n" in codemod.fix_text(text, CODEMODS)[0]


class _CountingPattern:
    """A compiled trigger that counts the searches made with it."""

    def __init__(self, pattern):
        self.pattern, self.searches = re.compile(pattern), 0

    def finditer(self, text):
        self.searches += 1
        return self.pattern.finditer(text)


def test_a_trigger_given_as_names_and_body_trigger_too_is_searched_once():
    text = "import six\nx = six.u('a')\n\n\ndef f(y):\n    return six.text_type(y)\n"
    trigger = _CountingPattern(r"\bsix\b")
    rows = _TriggerRows(text)
    assert rows.matched([trigger]) == ([1, 2, 6], [])
    assert rows.matched([trigger]) == rows.matched([trigger, trigger]) == ([1, 2, 6], [])
    assert trigger.searches == 1


def test_a_match_over_many_rows_marks_its_trigger_not_its_rows():
    text = "import io\n\n\n\nx = open('f')\n"
    spread = re.compile(r"(?s)\bio\b.*\bopen\b")
    assert _TriggerRows(text).matched([spread]) == ([], [spread])


def test_the_marked_words_are_whole_words_only():
    text = ("def f():\n    global g\n    globals()\n    nonlocal_x = 1\n    importlib = 2\n"
            "    __all__x = 3\n    undef = 4\n    classes = 5\n    '>>> f()'\n    class C: pass\n")
    assert _TriggerRows(text).marked() == {"binds_outside": [2], "doctest": [9], "not_in_a_run": [],
                                           "defines": [1, 10]}
