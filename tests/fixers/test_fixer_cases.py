"""Every fixer case, three ways: expected output, idempotence, and compiling on real 2.7 and 3."""
import pytest

from workers import fixers as registry
from workers.engine.verify import compile_errors
from workers.rewriting.codemod import is_codemod

from .cases import CASES_DIR, load_cases, run_fixer

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_expected_output(case):
    output, found, fixed = run_fixer(case.fixer, case.input, case.context)
    assert output == case.expected
    if not registry.get(case.fixer).reports_only:
        # The plan is honest: what find() reports is exactly what fix() changes.
        assert found == fixed
        assert bool(fixed) == (case.expected != case.input)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_second_run_changes_nothing(case):
    output, _, _ = run_fixer(case.fixer, case.input, case.context)
    again, found, fixed = run_fixer(case.fixer, output, case.context)
    assert again == output
    if not registry.get(case.fixer).reports_only:
        assert found == fixed == []


@pytest.fixture(scope="module")
def compiled_outputs(interpreters, tmp_path_factory):
    """{(label, case id): error or None}: one interpreter process compiles every case's output."""
    folder = tmp_path_factory.mktemp("case-outputs")
    paths = []
    for index, case in enumerate(CASES):
        path = folder / ("%d.py" % index)
        path.write_bytes(run_fixer(case.fixer, case.input, case.context)[0])
        paths.append(path)
    results = {}
    for interpreter in interpreters:
        _, errors = compile_errors(interpreter, paths)
        for case, error in zip(CASES, errors):
            results[interpreter.label, case.id] = error
    return results


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
@pytest.mark.parametrize("label", ["2.7", "3"])
def test_output_compiles(case, label, compiled_outputs):
    if label == "3" and case.py3_error:
        # left unconvertible on purpose: Python 3 still refuses it, for the reason the case states
        assert case.py3_error in (compiled_outputs[label, case.id] or "")
    else:
        assert compiled_outputs[label, case.id] is None


def test_every_fixer_has_cases():
    with_cases = {case.fixer for case in CASES}
    missing = [fixer.name for fixer in registry.ALL if fixer.name not in with_cases and not is_codemod(fixer)]
    assert not missing, "fixers without cases in %s: %s" % (CASES_DIR, missing)


@pytest.mark.parametrize("case", [c for c in CASES if registry.get(c.fixer).reports_only], ids=lambda c: c.id)
def test_report_only_case_finds_what_it_states(case):
    _, found, _ = run_fixer(case.fixer, case.input, case.context)
    assert case.found is not None, "report-only case without a .found file"
    assert tuple(site.line for site in found) == case.found
    assert all(site.note for site in found), "every finding says why"


@pytest.mark.parametrize("case", [c for c in CASES if not registry.get(c.fixer).reports_only and c.found is not None],
                         ids=lambda c: c.id)
def test_rewriting_case_notes_what_it_states(case):
    # the sites a reviewer must look at (a note) are exactly those the case's .found lists
    _, found, fixed = run_fixer(case.fixer, case.input, case.context)
    assert tuple(site.line for site in fixed if site.note) == case.found


def test_every_report_only_fixer_has_a_case_that_finds_something():
    finding = {c.fixer for c in CASES if c.found}
    missing = [f.name for f in registry.ALL if f.reports_only and f.name not in finding and not is_codemod(f)]
    assert not missing, missing


def test_every_case_folder_names_a_fixer():
    folders = {p.name for p in CASES_DIR.iterdir() if p.is_dir()}
    assert folders <= set(registry.BY_NAME)


def test_semantic_fixers_declare_a_trigger():
    missing = [f.name for f in registry.ALL if f.stage != "syntax" and not f.trigger]
    assert not missing, "fixers the planner cannot skip files for: %s" % missing


@pytest.mark.parametrize("case", [c for c in CASES if c.expected != c.input or c.found], ids=lambda c: c.id)
def test_trigger_lets_every_case_with_sites_through(case):
    # The planner never parses a file its fixers do not admit (most triggers are asked about the
    # module's code alone, strings emptied): a too-narrow trigger, or one reading strings, hides sites.
    from workers.files import source
    from workers.rewriting.code_view import SourceView

    assert registry.get(case.fixer).admits(SourceView(source.decode(case.input).text), case.context)


def test_sibling_imports_by_layout_skips_the_modules_of_other_folders():
    # Only a folder the layout alone took for one loaded by path has imports to list: a module of any
    # other folder is not even parsed for it.
    from workers.rewriting.code_view import SourceView

    cases = {case.name: case for case in CASES if case.fixer == "sibling_imports_by_layout"}
    fixer = registry.get("sibling_imports_by_layout")
    for name, admitted in (("listed", True), ("in_a_package_unchanged", False)):
        assert fixer.admits(SourceView(cases[name].input.decode("utf-8")), cases[name].context) is admitted


def test_stages_in_order_and_safest_first_within_the_semantic_stage():
    from workers.rewriting.fixer import SAFE, STAGES

    assert [STAGES.index(f.stage) for f in registry.ALL] == sorted(STAGES.index(f.stage) for f in registry.ALL)
    risks = [f.risk == SAFE for f in registry.in_stage("semantic") if not f.reports_only]
    assert risks == sorted(risks, reverse=True), "a needs-review fixer is planned before a safe one"


def test_bytes_at_boundaries_knows_every_boundary_the_recorder_names():
    from workers.engine.evidence import BOUNDARIES
    from workers.fixers.bytes_at_boundaries import CALLS

    assert set(CALLS) == set(BOUNDARIES)
