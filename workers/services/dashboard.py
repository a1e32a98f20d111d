"""The migration dashboard: one issue per repository, found again by a hidden marker, edited in place."""
from workers.deps import django_ladder, upgrade
from workers.services.state import FAILED, MERGED, OPEN, OPENING, SKIPPED, SPLIT
from workers.testrun.summary import blocker_table, table_text

MARKER = "<!-- py3bridge:dashboard -->"
TITLE = "Python 3 migration dashboard"
_STATE_TEXT = {OPENING: "being opened", MERGED: "merged ✅", SKIPPED: "skipped", FAILED: "failed",
               SPLIT: "split in two"}


def progress_bar(done, total, width=20):
    filled = int(round(width * done / total)) if total else width
    return "`%s%s` %d%%" % ("█" * filled, "░" * (width - filled), (100 * done // total) if total else 100)


def _batch_line(batch, repo_url):
    if batch.state == OPEN:
        status = "open: #%d" % batch.pr
    else:
        status = _STATE_TEXT[batch.state]
        if batch.pr:
            status += " (#%d)" % batch.pr
    if batch.is_upgrade:
        place = " (%s)" % upgrade.where(batch) if upgrade.where(batch) else ""
        line = "- upgrade `%s` %s → %s: %s%s" % (batch.package, batch.from_version, batch.to_version, status, place)
    else:
        line = "- `%s` batch %d, %d file(s): %s" % (batch.fixer, batch.sequence, len(batch.files), status)
    if batch.state == SKIPPED:
        line += " — closed without merging; reopen the PR to bring it back"
    if batch.reason:
        line += " — %s" % batch.reason
    return line


_VERDICT = {"ready": "runs on both ✅", "upgrade": "upgrade to %(first_version_supporting_both)s",
            "replace": "no release runs on both: replace", "unknown package": "not on the package index",
            "index unreachable": "package index unreachable: %(problem)s",
            "unknown": "unknown: %(problem)s"}


def _verdict(row):
    verdict = _VERDICT[row["status"]] % dict(row, problem=row.get("problem", ""))
    steps = row.get("ladder")
    if steps:  # a Django before 1.11 climbs the LTS ladder, whatever the first release on both is
        verdict = "%supgrade to %s: the next step of the Django upgrade ladder" % (
            "runs on both; " if row["status"] == "ready" else "", steps[0]["version"])
    return verdict


def _dependency_lines(rows):
    if not rows:
        return []
    lines = ["### Dependencies", "", "| dependency | pinned | 2.7 | 3 | on both |", "|---|---|---|---|---|"]
    mark = {True: "yes", False: "no", None: "?"}
    for row in rows:
        lines.append("| `%s` | %s | %s | %s | %s |" % (row["name"], row["pinned"] or row["specifier"] or "any",
                                                      mark[row["supports_py27"]], mark[row["supports_py3"]],
                                                      _verdict(row)))
    actions = [row for row in rows if row["status"] == "replace"]
    if actions:
        lines += ["", "**Action items** (py3bridge never swaps a package with a different API by itself):"]
        for row in actions:
            replacement = row.get("replacement")
            lines.append("- [ ] `%s`: %s" % (row["name"], "replace with `%s`: %s" % (replacement["name"], replacement["note"])
                                              if replacement else "no known replacement; look for a fork or vendor it"))
    return lines + [""]


DASHBOARD_BLOCKERS = 15


def _blockers_lines(state):
    """What fails on Python 3, by cause, from the latest PR test run (state.python3_blockers)."""
    record = state.python3_blockers or {}
    if not record or not (record.get("blockers") or record.get("could_not_start")):
        return []
    batch = state.batch_for_branch(record["branch"]) if record.get("branch") else None
    source = "the tests of #%d" % batch.pr if batch is not None and batch.pr else (
        "the tests of `%s`" % record["branch"] if record.get("branch") else "the latest test run")
    lines = ["### Python 3 blockers", "",
             "From %s on Python %s: the Python 3 failures grouped by cause, most tests blocked first. "
             "Fixing the first rows unblocks the most tests; a row naming a fixer is rewritten by "
             "py3bridge's pull requests for it." % (source, record.get("version") or "3"), ""]
    if record.get("could_not_start"):
        lines += ["⛔ **The suite could not start on Python 3:** %s" % table_text(record["could_not_start"]), ""]
    blockers = record.get("blockers") or []
    if blockers:
        shown = blockers[:DASHBOARD_BLOCKERS]
        lines += blocker_table(shown, DASHBOARD_BLOCKERS)
        hidden = record.get("causes", len(blockers)) - len(shown)
        if hidden > 0:
            lines.append("| … | %d more cause(s) | | %d |" % (
                hidden, record.get("tests", 0) - sum(b["tests"] for b in shown)))
    return lines + [""]


def _evidence_lines(record):
    """The latest bytes/text evidence run (state.evidence); [] when no plan needed one."""
    if not record:
        return []
    revision = "`%s`" % record.get("sha", "")[:7]
    if record.get("problem") or not (record.get("sites") or record.get("boundary_sites")):
        why = record.get("problem") or "the tests wrote nothing to the buffers in question"
        text = ("No bytes/text evidence for %s: %s. %d buffer choice(s) stay guesses from the code, each listed "
                "for review in its pull request." % (revision, why, record.get("undecided", 0)))
        if record.get("unrecorded_calls"):
            text += " %d hashlib/zlib/base64/struct call(s) stay listed in the plan's findings." % record["unrecorded_calls"]
    else:
        text = ("Recorded on Python 2.7 at %s (%d test(s) ran): %d buffer site(s), %d held bytes, %d text, %d only "
                "ASCII str (undecided). Pull requests list the choices it decided." % (
                    revision, record.get("tests", 0), record.get("sites", 0), record.get("bytes", 0),
                    record.get("text", 0), record.get("native_only", 0)))
        if record.get("boundary_sites"):
            text += (" %d call(s) where Python 3 wants bytes, %d of them given unicode: the bytes_at_boundaries "
                     "pull requests pass those bytes." % (record["boundary_sites"], record.get("boundary_text", 0)))
    return ["### Bytes and text evidence", "", text, ""]


def _findings_lines(findings):
    if not findings:
        return []
    lines = ["### For review", "", "No fixer guesses at these; each pull request touching such a file lists "
             "its sites with the reason.", "", "| check | sites | first |", "|---|---|---|"]
    for item in findings:
        lines.append("| `%s`: %s | %d | %s |" % (item["fixer"], item["summary"], item["sites"],
                                                 ", ".join("`%s`" % where for where in item["first"])))
    return lines + [""]


def _python2_lines(state):
    if getattr(state, "python3_only", ""):
        return ["**Python 2 dropped** (%s): the **python3-only** stage is on; its pull requests remove the 2+3 "
                "scaffolding and are tested on Python 3 only." % state.python3_only, ""]
    return ["Stages: syntax, semantic (every change runs on Python 2.7 and 3). The python3-only stage starts "
            "when Python 2 is dropped: `python2: dropped` in `.github/py3bridge.yml`, `/py3bridge drop-python2`, "
            "or a `python_requires` that excludes 2.", ""]


def render(state, repo_url=""):
    readiness = state.readiness or {}
    total = readiness.get("files", 0)
    ready = readiness.get("py3_ready", 0)
    lines = [MARKER, "## Python 3 migration", "",
             progress_bar(ready, total),
             "", "**%d of %d** Python files parse on Python 3 and are free of Python-2-only syntax "
             "(%d parse on Python 3 at all)." % (ready, total, readiness.get("parse_on_py3", 0)), ""]
    if state.config_error:
        lines += ["### ⚠️ Configuration error", "", "`%s`" % state.config_error, "",
                  "No new pull requests are opened until `.github/py3bridge.yml` is fixed.", ""]
    if state.paused:
        lines += ["⏸️ **Paused**: no new pull requests until someone comments `/py3bridge resume`.", ""]
    if state.skipped_fixers:
        lines += ["Skipped transformations (`/py3bridge unskip <fixer>` brings one back): %s" % ", ".join(
            "`%s`" % name for name in state.skipped_fixers), ""]
    lines += _python2_lines(state)
    lines += _dependency_lines(state.dependencies)
    lines += django_ladder.dashboard_lines(state.dependencies, state.batches, state.deprecations)
    from workers.testrun.deprecations import dashboard_lines

    lines += dashboard_lines(getattr(state, "deprecations", None))
    lines += _blockers_lines(state)
    lines += _evidence_lines(getattr(state, "evidence", None))
    lines += _findings_lines(state.findings)
    lines += ["### Still to do", ""]
    if state.remaining:
        lines += ["| fixer | files | sites | batches |", "|---|---|---|---|"]
        lines += ["| `%(fixer)s` | %(files)d | %(sites)d | %(batches)d |" % item for item in state.remaining]
    else:
        lines.append("Nothing left for the stages py3bridge runs today.")
    if state.unparseable:
        lines += ["", "%d file(s) cannot be parsed as Python 2 or 3 and are skipped." % state.unparseable]
    lines += ["", "### Pull requests", ""]
    lines += [_batch_line(b, repo_url) for b in state.batches] or ["None yet."]
    lines += ["", "Comment `/py3bridge help` here or on a py3bridge pull request for the commands."]
    return "\n".join(lines) + "\n"


def find_or_create(repo, state):
    """The dashboard issue: remembered number, else found by marker, else created."""
    if state.dashboard_issue:
        return repo.get_issue(state.dashboard_issue)
    for issue in repo.get_issues(state="open"):
        if issue.pull_request is None and MARKER in (issue.body or ""):
            state.dashboard_issue = issue.number
            return issue
    issue = repo.create_issue(TITLE, body=render(state))
    state.dashboard_issue = issue.number
    return issue


def update(repo, state):
    issue = find_or_create(repo, state)
    body = render(state)
    if issue.body != body:
        issue.edit(body=body)
    return issue
