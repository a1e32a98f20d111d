"""Trigger regexes with their leading word boundaries moved behind the first character
(workers/rewriting/fast_regex.py) match exactly where the regexes as written do."""
import re

import pytest

from workers import fixers as registry
from workers.rewriting.fast_regex import _SubPatterns, compile_fast, sre, sre_parse

SAMPLES = [
    "file(x)", "xfile(x)", "_file(x)", "a.file (x)", "profile(x)", "file\n(x)", "ᵃfile(x)",
    "from types import StringType\n", "from  typesx import y", "x = True = False", "True=True\n",
    "import six\nsix.moves.urllib.parse", "u'x' + U\"y\"", "re.U | re.UNICODE", "except IOError, e:",
    "class A(object):\n    def next(self): pass\n    __nonzero__ = __bool__\n", "it.next()", "d.iteritems()",
    "from __future__ import print_function", "# -*- coding: utf-8 -*-", "super(A, self).f()",
    "try:\n    import cPickle as pickle\nexcept ImportError:\n    import pickle\n", "s.encode('hex')",
    "isinstance(x, (str, unicode))", "long(1)", "sorted(x, cmp=f)", "string.join(a)", "", "\\",
]


def _patterns():
    found = set()
    for fixer in registry.ALL:
        for attribute in ("trigger", "body_trigger", "names_trigger"):
            if getattr(fixer, attribute, None):
                found.add(getattr(fixer, attribute))
    return sorted(found)


@pytest.mark.parametrize("pattern", _patterns())
def test_every_trigger_matches_where_the_regex_as_written_does(pattern):
    written, fast = re.compile(pattern), compile_fast(pattern)
    text = "\n".join(SAMPLES) + "\n" + "\n".join(reversed(SAMPLES))
    for sample in SAMPLES + [text]:
        assert [(m.span(), m.groups()) for m in fast.finditer(sample)] == \
               [(m.span(), m.groups()) for m in written.finditer(sample)], sample


def _moved(pattern):
    parsed = sre_parse.parse(pattern)
    return list(_SubPatterns(parsed.state).moved(parsed))


def test_a_leading_boundary_goes_behind_the_first_character():
    first, behind = _moved(r"\bfile\s*\(")[:2]
    assert first == (sre.LITERAL, ord("f"))
    direction, inner = behind[1]
    assert behind[0] is sre.ASSERT and direction == -1
    assert list(inner) == [(sre.AT, sre.AT_BOUNDARY), (sre.LITERAL, ord("f"))]


def test_a_boundary_before_a_branch_goes_into_each_alternative():
    (op, (_, alternatives)), *_ = _moved(r"\b(?:True|False)\s*=")
    assert op is sre.BRANCH
    assert [list(alternative)[0] for alternative in alternatives] == [(sre.LITERAL, ord("T")), (sre.LITERAL, ord("F"))]


def test_other_patterns_are_left_as_written():
    for pattern in (r"\d+\b", r"\b\w+", r"[=!]=\s*(?:''|\"\")"):
        assert repr(_moved(pattern)) == repr(list(sre_parse.parse(pattern)))


def test_a_bad_pattern_raises_as_re_compile_does():
    with pytest.raises(re.error):
        compile_fast("(")
