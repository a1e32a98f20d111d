"""What a reviewer is told: sites no fixer guesses at, dependencies a batch declares, report-only findings."""
from workers.services import dashboard, pr_text as pull_request
from workers import fixers as registry
from workers.services.state import BatchRecord, RepoState


def _batch(**fields):
    batch = BatchRecord("division", 1, ["pkg/a.py"], file_sites={"pkg/a.py": 3},
                        readiness_before={"py3_ready": 1, "files": 2}, readiness_after={"py3_ready": 1, "files": 2})
    for name, value in fields.items():
        setattr(batch, name, value)
    return batch


def test_body_lists_sites_for_review_with_file_and_line():
    batch = _batch(review_notes=[["pkg/a.py", 12, "operand types unknown"], ["pkg/a.py", 3, "round(): differs"]])
    body = pull_request.body(registry.get("division"), batch, [])
    section = body.split("## For review", 1)[1]
    assert section.index("`pkg/a.py:3`: round(): differs") < section.index("`pkg/a.py:12`: operand types unknown")


def test_body_says_where_six_was_declared_or_that_it_could_not_be():
    declared = pull_request.body(registry.get("basestring"), _batch(dependencies={"six": "setup.py"}), [])
    assert "also declares it in `setup.py`" in declared
    nowhere = pull_request.body(registry.get("basestring"), _batch(dependencies={"six": ""}), [])
    assert "add it before merging" in nowhere
    assert "## For review" not in nowhere


def test_body_says_six_left_the_dependencies_or_why_not():
    removed = [{"package": "six", "path": "setup.py"}, {"package": "six", "path": "Pipfile",
                                                        "reason": "six stays in Pipfile: Pipfile.lock would no longer match"}]
    body = pull_request.body(registry.get("six_types"), _batch(dependencies_removed=removed), [])
    assert "Nothing imports `six` any more, so this pull request also removes it from `setup.py`." in body
    assert "removes the last import of `six` we can see, but six stays in Pipfile: Pipfile.lock" in body


def test_long_review_lists_are_cut_not_the_body():
    notes = [["m.py", line, "unknown"] for line in range(1, 1001)]
    body = pull_request.body(registry.get("division"), _batch(review_notes=notes), [])
    assert "and %d more" % (1000 - pull_request.MAX_NOTES) in body and "## Tests" in body


def test_dashboard_shows_report_only_findings():
    state = RepoState("o/r", findings=[{"fixer": "string_exceptions", "summary": "String exceptions", "sites": 7,
                                        "first": ["a.py:3", "b.py:9"]}])
    text = dashboard.render(state)
    assert "### For review" in text and "| `string_exceptions`: String exceptions | 7 | `a.py:3`, `b.py:9` |" in text
    assert RepoState.from_json(state.to_json()).findings == state.findings
