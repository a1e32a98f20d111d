"""The whole stage at once: every fixer that changes code, in registry order, in one pass over one
tree (as `apply --stage all` runs them), over the input of every fixer case.

One fixer's edits are the next one's input: an alias line inserted into a class, a node replaced
by new leaves without line numbers, a DEDENT prefix moved. Each case must come out without a
crash, as Python 3 (`compile`), and a second pass of the whole stage must change nothing.
"""
import re
import warnings

import pytest

from workers import fixers as registry
from workers.rewriting import parsing
from workers.files import source
from workers.engine.apply import transform_text
from workers.rewriting.fixer import TWO_AND_THREE_STAGES

from .cases import load_cases

FIXERS = [fixer for fixer in registry.in_stages(TWO_AND_THREE_STAGES) if not fixer.reports_only]


def _python2_cases():
    cases = []
    for case in load_cases():
        try:
            text = source.decode(case.input).text
            parsing.parse(text, case.context)
        except (source.SourceError, parsing.ParseError):
            continue  # not Python 2 that fissix parses: nothing for the stage to run on
        cases.append(case)
    return cases


CASES = _python2_cases()


def _run(text, context):
    return transform_text(text, FIXERS, context)[0]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_whole_stage_gives_python3_and_is_idempotent(case):
    text = source.decode(case.input).text
    output = _run(text, case.context)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences in kept byte strings are only warnings
        if case.py3_error:  # a file no fixer can make Python 3: it must still fail for that reason
            with pytest.raises(SyntaxError, match=re.escape(case.py3_error)):
                compile(output, "x", "exec")
        else:
            compile(output, "x", "exec")
    assert _run(output, case.context) == output
