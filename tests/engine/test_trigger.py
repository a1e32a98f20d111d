"""The planner's quick look: a trigger's required literals never reject text the regex matches."""
import re

import pytest

from workers import fixers as registry
from workers.rewriting.trigger import required_literals


@pytest.mark.parametrize("pattern, literals", [
    (r"\.has_key\b", {".has_key"}),
    (r"\b(?:imap|izip)\b", {"map", "zip"}),  # the parser factors out the common "i": still required
    (r"\bsort(ed)?\s*\(", {"sort"}),
    (r"\\[uUN]", {"\\"}),
    (r"[<>]=?\s*None|\b(sorted|len)\(", {"None", "sorted", "len"}),  # the longest certain run wins
    (r"[<>]=?\s*\d|\b(sorted|len)\(", {"<", ">", "sorted", "len"}),
    (r"\d+", None),
    (r"a?b|\w", None),
    (r"[^<]x", {"x"}),
    (r"(?i)\.encode\(", None),  # `.ENCODE(` matches: no literal is certain
    (r"x(?i:abc)yz", {"yz"}),
])
def test_required_literals(pattern, literals):
    assert required_literals(pattern) == (frozenset(literals) if literals is not None else None)


SAMPLES = ["d.has_key(k)", "x <None", "for a in izip(b, c): pass", "import ConfigParser", "y = 7 / 2",
           "s = 'C:\\Users'", "class A:\n    def __unicode__(self): pass", "except E, e:", "it.next()",
           "sorted(x, cmp=f)", "isinstance(x, (int, long))", "types.StringTypes", "string.join(a)"]


@pytest.mark.parametrize("fixer", [f for f in registry.ALL if f.trigger], ids=lambda f: f.name)
def test_literals_agree_with_the_regex_on_samples(fixer):
    literals = required_literals(fixer.trigger)
    for text in SAMPLES:
        if re.search(fixer.trigger, text) and literals is not None:
            assert any(literal in text for literal in literals), (fixer.name, text)


def test_a_trigger_is_compiled_only_once_one_of_its_literals_occurs():
    # A re-plan asks every fixer for its literals, and compiles the regexes of those it must ask.
    fixer = type(registry.get("xrange"))()
    assert fixer.trigger_literals() and not fixer.might_apply("x = list(y)\n")
    assert fixer._compiled_trigger[0] is None
    assert fixer.might_apply("for i in xrange(3): pass\n")
    assert fixer._compiled_trigger[0] is fixer.compiled_trigger() is not None
