"""Routing files to the right parser, and one traversal finding every fixer's sites."""
import pytest

from workers import fixers as registry
from workers.rewriting import parsing
from workers.engine import scan
from workers.engine.scan import needs_python2_parse, python3_compile_error, scan_bytes
from workers.rewriting import trigger_index
from workers.rewriting.fixer import PYTHON3_ONLY, TWO_AND_THREE_STAGES


@pytest.mark.parametrize(
    "text",
    [
        # Python 3 grammars accept these with another meaning (a tuple of types; a tuple expression).
        "try:\n    pass\nexcept ValueError, e:\n    pass\n",
        "import sys\nprint >>sys.stderr, 'x'\n",
        # Parse on Python 3 but print a tuple / '()' on Python 2.
        "print('a', 'b')\n",
        "if True: print()\n",
        'raise "string exception"\n',
        'if x: raise("string exception")\n',
        # A module whose only prints are in its doctests: Python 3 cannot run those examples.
        'def f():\n    """\n    >>> if True:\n    ...     print f()\n    """\n',
    ],
)
def test_python2_meanings_always_go_to_the_python2_parser(text):
    assert needs_python2_parse(text) or python3_compile_error(text)


@pytest.mark.parametrize(
    "text",
    [
        "from __future__ import print_function\nprint('a', 'b')\n",
        "def f(x):\n    return x\n",
        "s = 'print is only a word here'\n",
        "_raise('a function, not a raise statement')\npraise = 'x'\n",
        'from __future__ import print_function\n"""\n>>> print(1)\n"""\n',
    ],
)
def test_python3_clean_files_skip_the_python2_parser(text):
    assert not needs_python2_parse(text)


def test_one_scan_reports_every_fixer_with_lines():
    data = b"print 'a'\nx = `1`\nif x <> 2:\n    raise ValueError, 'no'\n"
    scan = scan_bytes("m.py", "digest", data, registry.ALL)
    assert not scan.parses_on_py3 and not scan.error
    lines = {name: [site.line for site in sites] for name, sites in scan.sites.items()}
    assert lines == {"print_function": [1], "backticks": [2], "not_equal": [3], "raise_args": [4]}


def test_each_fixers_sites_come_in_source_order():
    # The plan takes each fixer's nodes from the tree's index, which lists an inner call before
    # the call holding it; the sites still come as fix() reports them, by line.
    data = b"x = a.has_key(\n    b.has_key(c))\n"
    scan = scan_bytes("m.py", "digest", data, registry.in_stages(TWO_AND_THREE_STAGES))
    assert [(site.line, site.end_line) for site in scan.sites["has_key"]] == [(1, 2), (2, 2)]


def test_python3_only_module_parses_without_print_statement():
    tree = parsing.parse("import sys\nprint('x', file=sys.stderr)\n")
    assert tree.parsed_without_print_statement
    assert registry.get("print_function").find(tree) == []


def test_unparseable_file_is_reported_not_raised():
    scan = scan_bytes("bad.py", "d", b"def f(:\n", registry.ALL)
    assert "line 1" in scan.error and scan.sites == {}


def test_string_exception_with_a_traceback_reported_with_a_reason():
    scan = scan_bytes("m.py", "d", b'raise "oops", 42, tb\n', registry.ALL)
    (site,) = scan.sites["string_exceptions"]
    assert site.line == 1 and "string exception" in site.note
    assert "raise_args" not in scan.sites  # never turned into `six.reraise("oops", ...)`


def test_string_exception_without_a_traceback_planned_as_the_type_error_it_raised():
    scan = scan_bytes("m.py", "d", b'raise "oops", 42\n', registry.ALL)
    assert [site.line for site in scan.sites["string_exception_raises"]] == [1]
    assert "string_exceptions" not in scan.sites and "raise_args" not in scan.sites


def test_a_fixer_that_crashes_while_planning_is_named_and_the_file_listed(monkeypatch):
    fixer = registry.get("basestring")

    def match_here(node):
        raise KeyError("oops")

    monkeypatch.setattr(fixer, "match_here", match_here)
    scan = scan_bytes("m.py", "d", b"x = basestring\n", [fixer])
    assert scan.error.startswith("fixer basestring failed at line ") and "KeyError" in scan.error
    assert scan.sites == {}


def _fixer_cases():
    from tests.fixers.cases import load_cases

    return [case for case in load_cases() if registry.get(case.fixer).stage != PYTHON3_ONLY]


def _every_fixer_let_in(monkeypatch):
    """The scan's gate opened: every fixer of its stages looks at every module."""
    monkeypatch.setattr(scan, "admitted", lambda fixers, view, context=None: list(fixers))


def test_no_trigger_hides_a_site_from_any_fixer_case(monkeypatch):
    # A module is parsed only for the fixers whose trigger admits it. Every fixer case's input,
    # scanned with every fixer let in, must show no site the gated scan missed: a case written for
    # one fixer is often a site of others (a trigger too narrow for `map(ord, data)` hid real sites).
    fixers = registry.in_stages(TWO_AND_THREE_STAGES)
    cases = _fixer_cases()
    gated = [scan_bytes("m.py", "", case.input, fixers, case.context).sites for case in cases]
    _every_fixer_let_in(monkeypatch)
    hidden = []
    for case, sites in zip(cases, gated):
        for name, found in scan_bytes("m.py", "", case.input, fixers, case.context).sites.items():
            if found and not sites.get(name):
                hidden.append((case.id, name))
    assert hidden == []


@pytest.mark.parametrize("name, old_trigger, text", [
    # the regex rejects the text though its literal `ord` is there
    ("byte_items_ord", r"\bord\s*\(", b"import os\nseed = os.urandom(4)\nnumbers = map(ord, seed)\n"),
    # no literal of the trigger in the text at all (the plan then never asks the fixer)
    ("long_type", r"\blong\b", b"import types\nok = isinstance(1, (types.IntType, types.LongType))\n"),
])
def test_the_check_for_hidden_sites_sees_a_trigger_too_narrow(monkeypatch, name, old_trigger, text):
    fixer = registry.get(name)
    monkeypatch.setattr(type(fixer), "trigger", old_trigger)  # the trigger before it was widened
    monkeypatch.delattr(fixer, "_compiled_trigger", raising=False)
    fixers = registry.in_stages(TWO_AND_THREE_STAGES)
    trigger_index._index.cache_clear()  # the literals are indexed once per list of fixers
    try:
        assert name not in scan_bytes("m.py", "", text, fixers).sites
        _every_fixer_let_in(monkeypatch)
        assert scan_bytes("m.py", "", text, fixers).sites[name]
    finally:
        fixer.__dict__.pop("_compiled_trigger", None)  # compiled again from the restored trigger
        trigger_index._index.cache_clear()


@pytest.mark.parametrize("case", [case for case in _fixer_cases() if case.found or case.expected != case.input],
                         ids=lambda case: case.id)
def test_the_plan_finds_what_the_fixer_finds_alone(case):
    # The plan asks each fixer only about the nodes it can match, taken from the tree's index;
    # every case with sites must give the plan the sites the fixer's own find() gives.
    from tests.fixers.cases import parse_for
    from workers.files import source

    fixer = registry.get(case.fixer)
    alone = fixer.find(parse_for(fixer, source.decode(case.input).text, case.context))
    planned = scan_bytes("m.py", "", case.input, registry.in_stages(TWO_AND_THREE_STAGES), case.context)
    assert planned.sites.get(case.fixer, []) == alone
