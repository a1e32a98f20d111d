"""Title and body of a py3bridge pull request, and the check run that carries its test summary."""
from common.command_grammar import help_text
from workers.deps import django_ladder, upgrade
from workers.testrun import summary as test_summary

LABEL = "py3bridge"
CHECK_NAME = "py3bridge / tests on 2.7 and 3"


def title(fixer, file_count, index, total):
    return "py3: %s in %d file%s (%d of %d)" % (
        fixer.summary[0].lower() + fixer.summary[1:], file_count, "" if file_count == 1 else "s", index, total)


def _readiness_line(before, after):
    return "Files parsing on Python 3 (and free of Python-2-only syntax): %d → %d of %d" % (
        before.get("py3_ready", 0), after.get("py3_ready", 0), after.get("files", 0))


MAX_NOTES = 200  # a PR body is at most 65,535 characters; the dashboard keeps the rest


def body(fixer, batch, reports):
    """The PR body for a batch record (its file_sites, dependencies, review_notes, readiness)."""
    ladder = getattr(batch, "ladder", None)  # a Django ladder step says why it is not the first release on both
    lines = ["## What changed", "", django_ladder.EXPLANATION if ladder else fixer.explanation, ""]
    if fixer.review_hint:
        lines += ["**What to look at:** %s" % fixer.review_hint, ""]
    lines.append("Risk: **%s**." % fixer.risk)
    if getattr(batch, "is_upgrade", False) and upgrade.where(batch):
        lines += ["", "Changes only %s: the pin of `%s`, %s → %s." % (
            upgrade.where(batch), batch.package, batch.from_version, batch.to_version)]
    if ladder:
        lines += django_ladder.pr_lines(batch)
    lines += _dependency_lines(batch.dependencies)
    lines += _removed_dependency_lines(getattr(batch, "dependencies_removed", []))
    lines += ["", "## Files", ""]
    lines += ["- `%s` (%d site%s)" % (path, n, "" if n == 1 else "s") for path, n in sorted(batch.file_sites.items())]
    lines += _review_lines(batch.review_notes)
    lines += ["", "## Tests", "", test_summary.to_markdown(reports).rstrip(), ""]
    lines += ["## Migration progress", "", _readiness_line(batch.readiness_before, batch.readiness_after), ""]
    lines += ["---", "This pull request does one thing, `%s`, and keeps the code running on both Python 2.7 "
              "and Python 3. Merge it when you are happy; close it to skip these files." % fixer.name, ""]
    lines += ["<details><summary>Commands you can comment</summary>", "", help_text(), "", "</details>"]
    return test_summary.fit("\n".join(lines) + "\n")


def _dependency_lines(dependencies):
    lines = []
    for package, path in sorted(dependencies.items()):
        if path:
            lines.append("The rewritten code imports `%s`, so this pull request also declares it in `%s`." % (package, path))
        else:
            lines.append("The rewritten code imports `%s`, which the project declares nowhere we can edit "
                         "(requirements.txt, setup.py install_requires, setup.cfg): add it before merging." % package)
    return lines


def _removed_dependency_lines(removed):
    lines = []
    for row in removed:
        if "reason" in row:
            lines.append("This pull request removes the last import of `%s` we can see, but %s." % (
                row["package"], row["reason"]))
        else:
            lines.append("Nothing imports `%s` any more, so this pull request also removes it from `%s`." % (
                row["package"], row["path"]))
    return lines


def _review_lines(notes):
    if not notes:
        return []
    lines = ["", "## For review", "", "Sites no tool should guess at; each says why:", ""]
    for path, line, note in sorted(notes, key=lambda n: (n[0], n[1]))[:MAX_NOTES]:
        lines.append("- `%s:%d`: %s" % (path, line, note))
    if len(notes) > MAX_NOTES:
        lines.append("- … and %d more" % (len(notes) - MAX_NOTES))
    return lines


def check_output(reports):
    data = test_summary.to_json(reports)
    summary = test_summary.to_markdown(reports)
    untested = [r for r in reports if r.env_problem or r.after is None]
    if data["regressions"]:
        conclusion, headline = "failure", "%d regression(s)" % data["regressions"]
    elif untested:
        # e.g. no sandbox on this worker: the change is not known to be safe, nor known to be broken.
        conclusion = "neutral"
        headline = "untested on Python %s: %s" % (", ".join(r.label for r in untested), untested[0].env_problem[:120])
    else:
        conclusion, headline = "success", "no regressions"
    return conclusion, {"title": headline, "summary": summary}
