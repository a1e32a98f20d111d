"""Title and body of a py3bridge pull request, and the check run that carries its test summary."""
from bot.commands import help_text
from workers.testrun import summary as test_summary

LABEL = "py3bridge"
CHECK_NAME = "py3bridge / tests on 2.7 and 3"


def title(fixer, file_count, index, total):
    return "py3: %s in %d file%s (%d of %d)" % (
        fixer.summary[0].lower() + fixer.summary[1:], file_count, "" if file_count == 1 else "s", index, total)


def _readiness_line(before, after):
    return "Files parsing on Python 3 (and free of Python-2-only syntax): %d → %d of %d" % (
        before.get("py3_ready", 0), after.get("py3_ready", 0), after.get("files", 0))


def body(fixer, file_sites, reports, readiness_before, readiness_after):
    lines = ["## What changed", "", fixer.explanation, ""]
    if fixer.review_hint:
        lines += ["**What to look at:** %s" % fixer.review_hint, ""]
    lines.append("Risk: **%s**." % fixer.risk)
    if fixer.requires:
        lines.append("The rewritten code imports %s: make sure it is in your requirements." %
                     ", ".join("`%s`" % r for r in fixer.requires))
    lines += ["", "## Files", ""]
    lines += ["- `%s` (%d site%s)" % (path, n, "" if n == 1 else "s") for path, n in sorted(file_sites.items())]
    lines += ["", "## Tests", "", test_summary.to_markdown(reports).rstrip(), ""]
    lines += ["## Migration progress", "", _readiness_line(readiness_before, readiness_after), ""]
    lines += ["---", "This pull request does one thing, `%s`, and keeps the code running on both Python 2.7 "
              "and Python 3. Merge it when you are happy; close it to skip these files." % fixer.name, ""]
    lines += ["<details><summary>Commands you can comment</summary>", "", help_text(), "", "</details>"]
    return test_summary.fit("\n".join(lines) + "\n")


def check_output(reports):
    data = test_summary.to_json(reports)
    conclusion = "failure" if data["regressions"] else "success"
    summary = test_summary.to_markdown(reports)
    headline = "%d regression(s)" % data["regressions"] if data["regressions"] else "no regressions"
    return conclusion, {"title": headline, "summary": summary}
