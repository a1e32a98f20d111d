"""Fixing keeps behaviour: each program prints the same on 2.7 before, 2.7 after, and 3 after.

The programs below are the syntax-stage forms the peer tools get wrong (../shared/FIXERS.md §1a,
§3): `ur''` literals, `raise E, None`, the three-argument raise, `print()` and parenthesised tuples.
The programs in programs/*.py exercise the semantic stage; each is run through every fixer of
both stages, as `apply --stage all` would.
"""
from pathlib import Path

import shutil
import subprocess
import textwrap

import pytest
import six

from tests.fixers.cases import with_evidence
from workers import fixers as registry
from workers.engine.apply import transform_text

PROGRAMS = {
    "unicode_raw_literals": r"""
        for s in [ur'\u00e9\d', ur'\\u00e9', ur'\\\u00e9', ur'a\'b', ur"\"", ur'\U0001F600x', ur'\N{DASH}']:
            print [ord(c) for c in s]
    """,
    "print_forms": r"""
        import sys
        print "a", 1
        print >>sys.stdout, "b", 2
        print
        print("x", "y")
        print()
        print ("single")
        print("%s-%s" % (1, 2))
    """,
    "raise_forms": r"""
        import sys
        class E(Exception):
            pass
        def show(f):
            try:
                f()
            except Exception, e:
                print type(e).__name__, e.args
        def two(): raise E, "msg"
        def two_tuple(): raise E, (1, 2)
        def two_none(): raise E, None
        def first_of_tuple(): raise (E, KeyError), "x"
        def three():
            try:
                {}["key"]
            except KeyError:
                info = sys.exc_info()
                raise info[0], info[1], info[2]
        def three_literal():
            raise E, "with tb", None
        def three_none():
            raise E, None, None
        for f in [two, two_tuple, two_none, first_of_tuple, three, three_literal, three_none]:
            show(f)
    """,
    "doctest_prints": r"""
        import doctest

        def pair(a, b):
            '''
            >>> print pair(1, 2)
            (1, 2)
            >>> print (1, 2)
            (1, 2)
            >>> for k, v in [(1, 2)]:
            ...     print (k, v)
            (1, 2)
            >>> for k in [1, 2]: print k
            1
            2
            >>> if True:
            ...     print "a",
            ...     print "b"
            a b
            >>> print (1,
            ...        2)
            (1, 2)
            '''
            return (a, b)

        print "doctests:", doctest.testmod()
    """,
    "literals_and_operators": r"""
        print 0755, 10L + 1, `42`, 1 <> 2, [x for x in 1, 2]
        exec "y = 3" in globals()
        print y
        f = lambda (a, b), c: a + b + c
        def g(x, (y, z)):
            return x * y * z
        print f((1, 2), 3), g(2, (3, 4))
    """,
}


@pytest.fixture(scope="module")
def six_path(tmp_path_factory):
    """six.py is one file that runs on 2.7 and 3: the code's runtime dependency for both."""
    folder = tmp_path_factory.mktemp("six")
    shutil.copy(six.__file__, folder / "six.py")
    return folder


def run(interpreter, code, six_path, tmp_path):
    script = tmp_path / "program.py"
    script.write_text(code)
    proc = subprocess.run([interpreter.path, str(script)], capture_output=True, text=True,
                          env={"PYTHONPATH": str(six_path), "PYTHONIOENCODING": "utf-8"}, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


PROGRAMS_DIR = Path(__file__).parent / "programs"


def _fixers(*stages):
    return [f for f in registry.ALL if f.stage in stages and not f.reports_only]


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_same_output_before_and_after_on_both_versions(name, interpreters, six_path, tmp_path):
    before = textwrap.dedent(PROGRAMS[name]).lstrip()
    _check_program(before, _fixers("syntax"), interpreters, six_path, tmp_path)


@pytest.mark.parametrize("path", sorted(PROGRAMS_DIR.glob("*.py")), ids=lambda p: p.stem)
def test_program_same_output_after_all_stages(path, interpreters, six_path, tmp_path):
    # <program>.evidence: what the 2.7 recorder saw running the program (as a case's .evidence)
    evidence_file = path.with_suffix(".evidence")
    context = with_evidence(None, path.stem, evidence_file) if evidence_file.exists() else None
    _check_program(path.read_text(), _fixers("syntax", "semantic"), interpreters, six_path, tmp_path, context)


def _check_program(before, fixers, interpreters, six_path, tmp_path, context=None):
    python2, python3 = interpreters
    after, _ = transform_text(before, fixers, context)
    assert after != before, "the program exercises no fixer"
    expected = run(python2, before, six_path, tmp_path)
    assert expected.strip()
    assert run(python2, after, six_path, tmp_path) == expected
    assert run(python3, after, six_path, tmp_path) == expected


PATCHED_RAW_INPUT = r"""
import __builtin__

def ask():
    return raw_input("name? ") + "!"

__builtin__.raw_input = lambda prompt: "patched " + prompt
print ask()
"""


def test_patching_the_builtin_raw_input_still_works_on_2_7(interpreters, six_path, tmp_path):
    # Fabric's tests patch __builtin__.raw_input; an imported six.moves.input would ignore that.
    python2, _ = interpreters
    before = textwrap.dedent(PATCHED_RAW_INPUT).lstrip()
    after, _ = transform_text(before, _fixers("syntax", "semantic"))
    assert "raw_input = input" in after
    assert run(python2, after, six_path, tmp_path) == run(python2, before, six_path, tmp_path) == "patched name? !\n"
