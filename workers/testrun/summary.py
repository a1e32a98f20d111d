"""The test summary: one data structure, rendered as JSON (check runs, scripts) and as Markdown (PR body).

The Markdown always fits GitHub's 65,535-character body limit: long lists are cut with a note
saying how many were left out, and the details come last so they are what gets trimmed.

Python 3's failures are grouped by cause (workers/testrun/blockers.py): each Python 3 interpreter's
`blockers`, ranked by tests blocked, and for every run `could_not_start`, the error that kept the
suite from running any test ("" when it ran).
"""
from workers.testrun import blockers as py3_blockers
from workers.testrun.results import ERROR, FAILED, PASSED, SKIPPED

GITHUB_BODY_LIMIT = 65535
LIST_LIMIT = 50
BLOCKERS_SHOWN = 10


def is_python3(report):
    return (report.version or report.label).startswith("3")


def _reference(reports):
    """The 2.7 after-run: it counts the tests in a module Python 3 could not import."""
    return next((r.after.run for r in reports if not is_python3(r) and r.after is not None), None)


def _run_json(suite, reference=None):
    if suite is None:
        return None
    run = suite.run
    _, could_not_start = py3_blockers.analyse(suite, reference, suite.distributions)
    return {
        "tests": run.total,
        "passed": run.count(PASSED),
        "failed": run.count(FAILED),
        "errors": run.count(ERROR),
        "skipped": run.count(SKIPPED),
        "import_errors": len(run.import_errors),
        "import_error_modules": run.import_errors,
        "runner_reported": {"ran": run.ran, "failures": run.reported_failures, "errors": run.reported_errors},
        "results_from": run.source or "exit code only",
        "exit_code": suite.exit_code,
        "duration_s": round(suite.duration, 2),
        "problem": suite.problem,
        "hash_seed": suite.hash_seed,
        "py3k_warnings": suite.py3k_warnings,
        "smoke": [{"command": s.command, "ok": s.ok, "detail": s.detail} for s in suite.smoke],
        "failures": {test_id: run.details.get(test_id, "") for test_id, status in sorted(run.outcomes.items())
                     if status in (FAILED, ERROR)},
        "notes": suite.notes,
        "output_tail": suite.output_tail,
        # The runner's own total ("Ran N tests", pytest's summary line) is the one to trust;
        # parsed_results is how many per-test results were read from its output.
        "runner_total": run.ran if run.ran is not None else len(run.outcomes),
        "parsed_results": len(run.outcomes),
        "warnings": suite.warnings,
        "could_not_start": could_not_start,
    }


def regression_count(reports):
    """Tests passing before and failing after, over every interpreter."""
    return sum(len(report.comparison.regressions) for report in reports if report.comparison is not None)


def to_json(reports):
    reports = list(reports)
    reference = _reference(reports)
    interpreters = []
    for report in reports:
        item = {
            "label": report.label,
            "version": report.version,
            "environment": {"reused": report.env_reused, "problem": report.env_problem, "install_output": report.env_output},
            "before": _run_json(report.before, reference),
            "after": _run_json(report.after, reference),
        }
        # Python 3 blockers of the tree as it is now (the after-run); [] on 2.7.
        python3_after = report.after if is_python3(report) else None
        item["blockers"] = py3_blockers.analyse(python3_after, reference, python3_after.distributions)[0] \
            if python3_after is not None else []
        item["could_not_start"] = (item["after"] or {}).get("could_not_start", "")
        if report.comparison is not None:
            c = report.comparison
            item["comparison"] = {"regressions": c.regressions, "flaky": c.flaky, "newly_passing": c.newly_passing,
                                  "still_failing": len(c.still_failing), "still_passing": len(c.still_passing)}
        if report.changed is not None:
            item["changed_lines"] = report.changed
        interpreters.append(item)
    regressions = regression_count(reports)
    runner = next((r.runner for r in reports if getattr(r, "runner", None)), None)
    choice = next((r.python_choice for r in reports if getattr(r, "python_choice", "")), "")
    return {"schema": 1, "regressions": regressions, "interpreters": interpreters, "runner": runner,
            "python3_choice": choice}


def _cell(run_json):
    if run_json is None:
        return "—"
    if run_json["problem"]:
        return "⚠️ %s" % run_json["problem"]
    if run_json.get("could_not_start"):
        return "⛔ Suite could not start: %s" % table_text(run_json["could_not_start"])
    text = "%d passed, %d failed, %d errors" % (run_json["passed"], run_json["failed"], run_json["errors"])
    if run_json["import_errors"]:
        text += ", %d modules did not import" % run_json["import_errors"]
    if run_json.get("runner_total") is not None and run_json["runner_total"] != run_json.get("parsed_results"):
        text += " (the runner counted %d tests; %d results read)" % (run_json["runner_total"], run_json["parsed_results"])
    return text


def table_text(text):
    """Text safe inside a Markdown table cell: one line, no column break."""
    return " ".join(text.split()).replace("|", "\\|")


def _code(text):
    return "`%s`" % table_text(text).replace("`", "'") if text else "—"


def blocker_row(blocker):
    """| kind | cause | where | tests blocked | for one blocker (JSON), as the PR summary and dashboard show it."""
    cause = _code(blocker["message"])
    if blocker.get("fixer"):
        cause += " — fixer `%s`" % blocker["fixer"]
    where = _code(blocker["location"])
    if blocker.get("dependency"):
        where += " in the dependency `%s`" % table_text(blocker["dependency"])
    return "| %s | %s | %s | %d |" % (py3_blockers.KIND_TEXT.get(blocker["kind"], blocker["kind"]), cause, where,
                                      blocker["tests"])


def blocker_table(blockers, limit=BLOCKERS_SHOWN):
    lines = ["| kind | cause | where | tests blocked |", "|---|---|---|---|"]
    lines += [blocker_row(b) for b in blockers[:limit]]
    if len(blockers) > limit:
        rest = blockers[limit:]
        lines.append("| … | %d more cause(s) | | %d |" % (len(rest), sum(b["tests"] for b in rest)))
    return lines


def _blocker_lines(item):
    if not item["blockers"]:
        return []
    return ["### Python 3 blockers (Python %s)" % (item["version"] or item["label"]), "",
            "Python 3 failures grouped by cause (first frame in this repository's code), most tests blocked first:",
            ""] + blocker_table(item["blockers"]) + [""]


STORED_BLOCKERS = 20


def blockers_record(reports):
    """What the dashboard keeps of a test session: the first Python 3 interpreter's after-run
    blockers (top STORED_BLOCKERS) and could-not-start reason; None when no Python 3 suite ran."""
    data = to_json(reports)
    for item in data["interpreters"]:
        if item["version"].startswith("3") and item["after"] is not None:
            return {"version": item["version"], "could_not_start": item["could_not_start"],
                    "blockers": item["blockers"][:STORED_BLOCKERS], "causes": len(item["blockers"]),
                    "tests": sum(b["tests"] for b in item["blockers"])}
    return None


def _bullet_list(items, limit=LIST_LIMIT):
    lines = ["- `%s`" % item for item in items[:limit]]
    if len(items) > limit:
        lines.append("- … and %d more" % (len(items) - limit))
    return lines


def to_markdown(reports):
    data = to_json(reports)
    lines = []
    if data["regressions"]:
        lines.append("### 🚨 %d test(s) newly failing" % data["regressions"])
        for item in data["interpreters"]:
            for test_id in item.get("comparison", {}).get("regressions", [])[:LIST_LIMIT]:
                detail = (item["after"]["failures"].get(test_id) or "").strip().splitlines()[-1:]
                lines.append("- Python %s: `%s`%s" % (item["version"] or item["label"], test_id,
                                                       (" — " + detail[0]) if detail else ""))
        lines.append("")
    lines += ["| Python | before | after |", "|---|---|---|"]
    for item in data["interpreters"]:
        if item["environment"]["problem"]:
            lines.append("| %s | ⚠️ %s | |" % (item["version"] or item["label"], item["environment"]["problem"]))
        else:
            lines.append("| %s | %s | %s |" % (item["version"], _cell(item["before"]), _cell(item["after"])))
    lines.append("")
    if data.get("runner"):
        runner = data["runner"]
        lines.append("Tests run with `%s` (%s%s)." % (runner["command"], runner["name"],
                                                     ", detected from " + runner["detected_from"]
                                                     if runner.get("detected_from") else ""))
    if data.get("python3_choice"):
        lines.append(data["python3_choice"])
    if data.get("runner") or data.get("python3_choice"):
        lines.append("")
    for item in data["interpreters"]:
        lines += _interpreter_notes(item)
    for item in data["interpreters"]:
        lines += _blocker_lines(item)
    lines += _details(data)
    return fit("\n".join(lines) + "\n")


def _interpreter_notes(item):
    lines = []
    name = "Python %s" % (item["version"] or item["label"])
    comparison = item.get("comparison")
    if comparison and comparison["flaky"]:
        lines.append("**%s flaky** (failed, then passed when rerun alone):" % name)
        lines += _bullet_list(comparison["flaky"])
    if comparison and comparison["newly_passing"]:
        lines.append("**%s newly passing:** %d" % (name, len(comparison["newly_passing"])))
    changed = item.get("changed_lines")
    if changed and changed["changed_statements"]:
        lines.append("**%s changed lines run by the tests:** %d of %d" % (
            name, changed["executed"], changed["changed_statements"]))
        if changed["untested"]:
            lines.append("Untested changed lines (look here hardest):")
            lines += _bullet_list(changed["untested"])
    after = item["after"] or {}
    if after.get("hash_seed") is not None:
        lines.append("%s ran with `PYTHONHASHSEED=%d` (rerun with it to reproduce)." % (name, after["hash_seed"]))
    if after.get("py3k_warnings") is not None:
        before = (item["before"] or {}).get("py3k_warnings")
        lines.append("Python 3 warnings from `python2.7 -3`: %s%d after." % (
            "%d before, " % before if before is not None else "", after["py3k_warnings"]))
    if after.get("warnings"):
        from workers.testrun.deprecations import markdown_lines

        lines += markdown_lines(name, (item["before"] or {}).get("warnings"), after["warnings"])
    for smoke in after.get("smoke", []):
        lines.append("Smoke `%s` on %s: %s" % (smoke["command"], name, "passed" if smoke["ok"] else "FAILED " + smoke["detail"]))
    return lines + ([""] if lines else [])


def _details(data):
    lines = []
    for item in data["interpreters"]:
        if item["environment"]["problem"]:
            lines += ["<details><summary>Python %s: environment</summary>" % item["label"], "", "```",
                      item["environment"]["install_output"], "```", "</details>", ""]
        after = item["after"]
        if after and after["failures"]:
            lines += ["<details><summary>Python %s: failing tests after (%d)</summary>" % (item["version"], len(after["failures"])), ""]
            for test_id, detail in list(after["failures"].items())[:LIST_LIMIT]:
                lines += ["`%s`" % test_id, "```", detail, "```"]
            lines += ["</details>", ""]
    return lines


def fit(text, limit=GITHUB_BODY_LIMIT):
    if len(text) <= limit:
        return text
    note = "\n\n… summary cut to fit GitHub's limit; the check run has the full JSON.\n"
    cut = text[: limit - len(note) - 20]
    if cut.count("```") % 2:
        cut += "\n```"
    if cut.count("<details>") > cut.count("</details>"):
        cut += "\n</details>"
    return cut + note
