"""Every python3-only codemod case: expected output, idempotence, and compiling on a real Python 3.

Cases are tests/codemods/cases/<codemod>/<case>.in (and .out, .found), as for the 2+3 fixers
(tests/fixers/cases.py). Python 2.7 is not asked: this stage runs once Python 2 is dropped.
"""
from pathlib import Path

import pytest

from workers import fixers as registry
from workers.engine.interpreters import find_python3
from workers.engine.verify import compile_errors
from workers.rewriting.codemod import PYTHON3_ONLY, is_codemod

from ..fixers.cases import load_cases, run_fixer

CASES = load_cases(Path(__file__).parent / "cases")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_expected_output(case):
    output, found, fixed = run_fixer(case.fixer, case.input)
    assert output == case.expected
    if registry.get(case.fixer).reports_only:
        assert tuple(site.line for site in found) == case.found
        assert all(site.note for site in found), "every finding says why"
    else:
        assert found == fixed  # the plan is honest
        assert bool(fixed) == (case.expected != case.input)
        if case.found is not None:
            assert tuple(site.line for site in fixed if site.note) == case.found


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_second_run_changes_nothing(case):
    output, _, _ = run_fixer(case.fixer, case.input)
    again, found, fixed = run_fixer(case.fixer, output)
    assert again == output
    if not registry.get(case.fixer).reports_only:
        assert found == fixed == []


def test_outputs_compile_on_python3(tmp_path):
    paths = []
    for index, case in enumerate(CASES):
        path = tmp_path / ("%d.py" % index)
        path.write_bytes(run_fixer(case.fixer, case.input)[0])
        paths.append(path)
    _, errors = compile_errors(find_python3(), paths)
    assert {case.id: error for case, error in zip(CASES, errors) if error} == {}


def test_every_codemod_has_cases_and_a_trigger():
    codemods = [fixer for fixer in registry.ALL if is_codemod(fixer)]
    assert codemods and all(fixer.stage == PYTHON3_ONLY for fixer in codemods)
    with_cases = {case.fixer for case in CASES}
    assert [f.name for f in codemods if f.name not in with_cases] == []
    assert [f.name for f in codemods if not f.trigger] == []
    finding = {case.fixer for case in CASES if case.found}
    assert [f.name for f in codemods if f.reports_only and f.name not in finding] == []


@pytest.mark.parametrize("case", [c for c in CASES if c.expected != c.input or c.found], ids=lambda c: c.id)
def test_trigger_lets_every_changing_case_through(case):
    # the planner never parses a file whose text the trigger rejects: a too-narrow trigger hides sites
    assert registry.get(case.fixer).might_apply(case.input.decode("utf-8"))
