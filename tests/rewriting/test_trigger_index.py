"""admitted(): the fixers a module admits, their trigger literals looked for once per module."""
import pytest

from tests.fixers.cases import load_cases
from workers import fixers as registry
from workers.rewriting.code_view import SourceView
from workers.rewriting.fixer import TWO_AND_THREE_STAGES
from workers.rewriting.trigger_index import admitted

FIXERS = registry.in_stages(TWO_AND_THREE_STAGES)
EVERY_STAGE = registry.ALL  # the python3-only codemods too


@pytest.mark.parametrize("case", load_cases(), ids=lambda case: case.id)
def test_the_same_fixers_as_asking_each(case):
    view = SourceView(case.input.decode("utf-8", "replace"))
    assert admitted(EVERY_STAGE, view, case.context) == [
        fixer for fixer in EVERY_STAGE if fixer.admits(view, case.context)]


def test_a_fixer_whose_literals_are_absent_is_not_asked(monkeypatch):
    asked = []
    for fixer in FIXERS:
        monkeypatch.setattr(fixer, "admits", lambda view, context=None, name=fixer.name: asked.append(name) or True)
    found = admitted(FIXERS, SourceView("d = {}\nif d.has_key('x'):  # xrange\n    pass\n"))
    assert "has_key" in asked and "has_key" in [fixer.name for fixer in found]
    assert "xrange" not in asked  # only in a comment: its trigger reads the code alone
    assert "basestring" not in asked
    assert "print_function" in asked  # no trigger: asked about every module


def test_fixers_come_back_in_their_order():
    view = SourceView("for i in xrange(3):\n    print i, unicode(i)\n")
    found = admitted(list(reversed(FIXERS)), view)
    assert [fixer.name for fixer in found] == [fixer.name for fixer in reversed(FIXERS) if fixer.admits(view)]
    assert {"xrange", "unicode_type"} <= {fixer.name for fixer in found}
