"""`python -m bot plan|apply|fixers`: the engine on a local checkout, no GitHub, no Redis.

Exit codes: 0 success, 1 the command ran but some file could not be changed, 2 bad usage
(unknown fixer, missing path, bad batch number, missing interpreter). `--json` output is a
contract for scripts: keys are only ever added.
"""
import argparse
import json
import sys
from pathlib import Path

from bot import evidence_cli
from workers import fixers as registry
from workers.engine import planner
from workers.engine.tree import python_files_and_skipped
from workers.rewriting.fixer import STAGES, TWO_AND_THREE_STAGES
from workers.services import repo_config
from workers.services.stages import plan_stages, python2_dropped

# apply, test and their errors import what only they use (the apply machinery, the test runner:
# a tenth of a second of CPU): `plan`, run after every edit, does without them.


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def _positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a whole number, got %r" % text) from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1, got %d" % value)
    return value


def build_parser():
    parser = _Parser(prog="python -m bot", description="py3bridge: move Python 2 code to 2+3, one small batch at a time.")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    def add_plan_options(sub):
        sub.add_argument("path", help="checkout to work on")
        sub.add_argument("--json", action="store_true", help="machine-readable output")
        sub.add_argument("--max-files", type=_positive_int, default=planner.DEFAULT_MAX_FILES, help="files per batch")
        sub.add_argument("--max-lines", type=_positive_int, default=planner.DEFAULT_MAX_LINES, help="changed lines per batch")
        sub.add_argument("--no-cache", action="store_true", help="ignore and do not update the scan cache")
        evidence_cli.add_option(sub)

    plan_parser = commands.add_parser("plan", help="show the migration plan")
    add_plan_options(plan_parser)
    plan_parser.add_argument("--stage", choices=STAGES + ("all",),
                             help="plan only this stage (all: the 2+3 stages); default: the 2+3 stages, and "
                                  "python3-only once the checkout has dropped Python 2")
    apply_parser = commands.add_parser("apply", help="apply one batch, one fixer, or a whole stage")
    add_plan_options(apply_parser)
    which = apply_parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--fixer", help="fixer name (see `python -m bot fixers`)")
    which.add_argument("--stage", choices=STAGES + ("all",),
                       help="apply every fixer of the stage (all: syntax, then semantic) to every file")
    apply_parser.add_argument("--batch", type=_positive_int, help="only this batch of the fixer (1-based)")
    apply_parser.add_argument("--diff", action="store_true", help="print the unified diff")
    apply_parser.add_argument("--test", action="store_true", help="run the tests on 2.7 and 3 before and after")
    test_parser = commands.add_parser("test", help="run the repository's tests on Python 2.7 and 3")
    test_parser.add_argument("path", help="checkout to test")
    test_parser.add_argument("--base", help="git revision to compare against (before/after, changed-line coverage)")
    test_parser.add_argument("--json", action="store_true", help="machine-readable output")
    deps_parser = commands.add_parser("deps", help="which dependencies block Python 3, and their first 2+3 release")
    deps_parser.add_argument("path", help="checkout to read")
    deps_parser.add_argument("--json", action="store_true", help="machine-readable output")
    deps_parser.add_argument("--index-url", help="package index serving PyPI's JSON API (default: PyPI)")
    evidence_cli.add_parser(commands)
    fixers_parser = commands.add_parser("fixers", help="list the fixers")
    fixers_parser.add_argument("--json", action="store_true")
    return parser


def main(argv=None, stdout=None):
    stdout = stdout or sys.stdout
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError("choose a command: plan, apply or fixers")
        return COMMANDS[args.command](args, stdout)
    except Exception as err:
        if not isinstance(err, _reported_errors()):
            raise
        print("py3bridge: error: %s" % err, file=sys.stderr)
        return 2


def _reported_errors():
    """The errors main() reports in one line with exit code 2."""
    from workers.engine.evidence import EvidenceError
    from workers.engine.interpreters import InterpreterMissing
    from workers.engine.snapshot import ChangedWhilePlanning
    from workers.engine.verify import VerifierFailed
    from workers.testrun.config import ConfigError
    from workers.testrun.trees import TreeError

    return UsageError, InterpreterMissing, VerifierFailed, TreeError, ConfigError, EvidenceError, ChangedWhilePlanning


def _checkout(args):
    root = Path(args.path)
    if not root.is_dir():
        raise UsageError("no such directory: %s" % args.path)
    return root


def _make_plan(args):
    root = _checkout(args)
    return planner.make_plan(root, planner.BatchLimits(args.max_files, args.max_lines), use_cache=not args.no_cache,
                             stages=_stages(args, root), evidence=evidence_cli.load(args))


def _stages(args, root):
    """The stages to plan: those --stage/--fixer name, else the 2+3 stages and, when the checkout
    has dropped Python 2, python3-only."""
    if getattr(args, "fixer", None):
        return (_fixer(args.fixer).stage,)
    if args.stage:
        return TWO_AND_THREE_STAGES if args.stage == "all" else (args.stage,)
    return plan_stages(_python2_dropped(root))


def _python2_dropped(root):
    config_path = root / repo_config.PATH
    try:
        config = repo_config.parse(config_path.read_text("utf-8")) if config_path.is_file() else repo_config.RepoConfig()
    except (repo_config.ConfigInvalid, UnicodeDecodeError) as err:
        raise UsageError(str(err)) from None
    return python2_dropped(root, config)


def _fixer(name):
    try:
        return registry.get(name)
    except registry.UnknownFixer:
        raise UsageError("unknown fixer %r (see `python -m bot fixers`)" % name) from None


def cmd_fixers(args, out):
    described = [fixer.describe() for fixer in registry.ALL]
    if args.json:
        json.dump({"fixers": described}, out, indent=2)
        out.write("\n")
        return 0
    for fixer in registry.ALL:
        out.write("%-8s %-22s %-12s %s\n" % (fixer.stage, fixer.name, fixer.risk, fixer.summary))
    return 0


def cmd_plan(args, out):
    plan = _make_plan(args)
    if args.json:
        json.dump(plan.to_json(), out, indent=2)
        out.write("\n")
    else:
        out.write(render_plan(plan))
    return 0


def render_plan(plan):
    lines = _plan_header(plan)
    rewriting = [fp for fp in plan.fixers if not fp.fixer.reports_only]
    lines += _plan_rewriting(rewriting, plan.limits) if rewriting else ["Nothing to rewrite."]
    for fixer_plan in plan.fixers:
        if fixer_plan.fixer.reports_only:
            lines += _plan_findings(fixer_plan)
    lines += _plan_listing("Not valid Python 3, and no fixer rewrites it (reported, not changed):",
                           [(scan.path, scan.py3_error) for scan in plan.unconvertible])
    lines += _plan_listing("Cannot be parsed as Python 2 or 3 (skipped):",
                           [(scan.path, scan.error) for scan in plan.unparseable])
    lines += _plan_listing("Not read (skipped):", plan.skipped)
    return "\n".join(lines) + "\n"


def _plan_header(plan):
    readiness = plan.readiness()
    files, on_py3 = readiness["files"], readiness["parse_on_py3"]
    return [
        "py3bridge plan for %s" % plan.root,
        "Python 3 readiness: %d/%d files compile on Python 3 (%d%%), %d/%d free of Python-2-only syntax"
        % (on_py3, files, 100 * on_py3 // (files or 1), readiness["py3_ready"], files),
        "Stages planned: %s" % ", ".join(plan.stages),
        "",
    ]


def _plan_rewriting(rewriting, limits):
    """The table of fixers that change code, then each one's batches."""
    lines = ["%-12s %-22s %-12s %6s %6s %8s" % ("stage", "fixer", "risk", "files", "sites", "batches")]
    lines += ["%-12s %-22s %-12s %6d %6d %8d" % (fp.fixer.stage, fp.fixer.name, fp.fixer.risk, len(fp.files),
                                                  fp.site_count, len(fp.batches)) for fp in rewriting]
    lines += ["", "Batches (at most %d files and %d changed lines each):" % (limits.max_files, limits.max_lines)]
    lines += ["  %s --batch %d: %d files, %d sites: %s" % (fp.fixer.name, batch.number, len(batch.files), batch.sites,
                                                         ", ".join(batch.files))
              for fp in rewriting for batch in fp.batches]
    return lines


def _plan_findings(fixer_plan):
    """A report-only fixer's sites, in path order."""
    return ["", "%s (reported, not rewritten):" % fixer_plan.fixer.name] + [
        "  %s:%d  %s" % (path, site.line, site.note or "") for path, sites in sorted(fixer_plan.files.items()) for site in sites]


def _plan_listing(title, items):
    """A titled list of (path, reason), or nothing when it is empty."""
    return ["", title] + ["  %s: %s" % (path, reason) for path, reason in items] if items else []


def _whole_stages(args):
    """(checkout, fixer names, every Python file, files never read) for `apply --stage`: every
    fixer of the stages on every file, with no plan first (it would run the same fixers once more
    to find the files the apply then changes anyway)."""
    if args.batch:
        raise UsageError("--batch goes with --fixer, not --stage")
    root = _checkout(args)
    stages = TWO_AND_THREE_STAGES if args.stage == "all" else (args.stage,)
    names = [f.name for f in registry.in_stages(stages) if not f.reports_only]
    paths, skipped = python_files_and_skipped(root)
    return root, names, paths, sorted(skipped)


def _selected_fixers_and_files(args, plan):
    fixer = _fixer(args.fixer)
    if fixer.reports_only:
        raise UsageError("%s only reports; it has nothing to apply" % fixer.name)
    fixer_plan = plan.for_fixer(fixer.name)
    batches = fixer_plan.batches if fixer_plan else []
    if args.batch:
        if args.batch > len(batches):
            raise UsageError("%s has %d batch(es) in the current plan; there is no batch %d" % (fixer.name, len(batches), args.batch))
        return [fixer.name], batches[args.batch - 1].files
    return [fixer.name], sorted(fixer_plan.files) if fixer_plan else []


def cmd_apply(args, out):
    import tempfile

    from workers.engine.apply import apply_fixers
    from workers.engine.interpreters import verification_interpreters

    if args.stage:
        root, names, files, skipped = _whole_stages(args)
    else:
        plan = _make_plan(args)
        (names, files), root, skipped = _selected_fixers_and_files(args, plan), Path(plan.root), plan.skipped
    interpreters = verification_interpreters()
    with tempfile.TemporaryDirectory(prefix="py3bridge-before-") as scratch:
        before = _snapshot(root, Path(scratch) / "tree") if args.test else None
        result = apply_fixers(root, names, files, interpreters, evidence=evidence_cli.load(args),
                              unplanned=bool(args.stage))
        result.skipped = list(skipped)
        reports = _tests_after(before, root) if args.test else None
    if args.json:
        data = result.to_json(with_diff=args.diff)
        if reports is not None:
            data["tests"] = _test_summary().to_json(reports)
        json.dump(data, out, indent=2)
        out.write("\n")
    else:
        out.write(render_apply(result, args.diff))
        if reports is not None:
            out.write("\n" + _test_summary().to_markdown(reports))
    failed_tests = reports is not None and not _tests_clean(reports)
    return 1 if result.not_applied or failed_tests else 0


def _snapshot(root, target):
    from workers.testrun.trees import snapshot  # the test runner only for `apply --test`

    return snapshot(root, target)


def _tests_after(before, root):
    from workers.testrun.session import run_session

    return run_session(before, root, _test_interpreters(root))


def _test_summary():
    from workers.testrun import summary

    return summary


def _tests_clean(reports):
    """No regression, and every interpreter ran its suite to the end."""
    from workers.testrun import summary as test_summary

    return not test_summary.regression_count(reports) and all(
        not report.env_problem and not (report.after is not None and report.after.problem) for report in reports)


def _test_interpreters(checkout):
    """2.7 and the Python 3 the tests run on: [tests] python3, else the newest its Django runs on,
    else py3bridge's own (workers/testrun/pythons.py); the reason goes into the summary."""
    from workers.testrun import config as test_config
    from workers.testrun.pythons import choose

    return choose(checkout, test_config.load(checkout)).interpreters


def cmd_test(args, out):
    import tempfile

    from workers.testrun import summary as test_summary
    from workers.testrun.session import run_session
    from workers.testrun.trees import export_revision

    checkout = _checkout(args)
    interpreters = _test_interpreters(checkout)
    with tempfile.TemporaryDirectory(prefix="py3bridge-base-") as scratch:
        before = export_revision(checkout, args.base, Path(scratch) / "tree") if args.base else None
        reports = run_session(before, checkout, interpreters)
    if args.json:
        json.dump(test_summary.to_json(reports), out, indent=2)
        out.write("\n")
    else:
        out.write(test_summary.to_markdown(reports))
    return 0 if _tests_clean(reports) else 1


def render_apply(result, with_diff):
    from workers.engine.apply import REJECTED

    lines = []
    for file_result in result.files:
        if file_result.status == "changed":
            added, removed = file_result.counts()
            counts = ", ".join("%s %d" % (name, len(sites)) for name, sites in sorted(file_result.sites.items()))
            lines.append("changed   %s (+%d -%d; %s)" % (file_result.path, added, removed, counts))
        else:
            label = "rejected" if file_result.status == REJECTED else "failed"
            lines.append("%-9s %s: %s" % (label, file_result.path, file_result.reason))
    for package, path in sorted(result.dependencies.items()):
        problem = result.dependency_problems.get(package)
        lines.append("declared  %s in %s (the rewritten code imports it)" % (package, path) if path else
                     "note      the rewritten code imports %s; add it to your dependencies%s" % (
                         package, " (%s)" % problem if problem else ""))
    for removal in result.undeclared:
        lines.append("note      %s" % removal.problem if removal.problem else
                     "removed   %s from %s (nothing imports it any more)" % (removal.package, removal.path))
    for path, reason in result.skipped:
        lines.append("skipped   %s: %s" % (path, reason))
    versions = ", ".join("Python %s" % v for v in result.interpreters.values() if v)
    lines.append("%d file(s) changed, %d not applied%s" % (
        len(result.changed), len(result.not_applied), ("; verified with " + versions) if versions else ""))
    text = "\n".join(lines) + "\n"
    if with_diff:
        text += "".join(f.diff for f in result.changed)
    return text


def cmd_deps(args, out):
    from workers.deps.index import IndexClient
    from workers.deps.readiness import READY, readiness_table
    from workers.testrun.config import tested_python3

    skipped, not_editable, root = [], [], _checkout(args)
    rows = readiness_table(root, IndexClient(args.index_url), skipped=skipped, python3=tested_python3(root),
                           not_editable=not_editable)
    data = [row.to_json() for row in rows]
    if args.json:
        json.dump({"dependencies": data, "skipped": [{"path": path, "reason": reason} for path, reason in skipped],
                   "not_editable": [{"path": path, "line": line, "reason": reason}
                                    for path, line, reason in not_editable]}, out, indent=2)
        out.write("\n")
    else:
        out.write(render_deps(data, skipped, not_editable))
    return 0 if all(row.status == READY for row in rows) and not skipped else 1


def _yes_no(value):
    return {True: "yes", False: "no", None: "?"}[value]


def render_deps(rows, skipped=(), not_editable=()):
    not_read = ["Not read: %s: %s" % (path, reason) for path, reason in skipped]
    not_read += ["Not editable: %s%s: %s" % (path, " line %d" % line if line else "", reason)
                 for path, line, reason in not_editable]
    if not rows:
        return "\n".join(["No dependencies declared (requirements*.txt, setup.py, setup.cfg, Pipfile)."] + not_read) + "\n"
    lines = ["%-22s %-14s %-5s %-5s %s" % ("dependency", "pinned", "2.7", "3", "first version supporting both")]
    for row in rows:
        if row["status"] == "upgrade" and row.get("suggested_requirement") and row.get("newest_allowed"):
            newest = row["newest_allowed"]
            if row["first_version_supporting_both"] and newest and row.get("note", "").startswith("no release"):
                verdict = "%s (%s; pin %s)" % (row["first_version_supporting_both"], row["note"].split(";")[0],
                                               row["suggested_requirement"])
            else:
                verdict = "%s runs on both (newest allowed, %s, does not): pin %s" % (
                    row["first_version_supporting_both"], newest, row["suggested_requirement"])
        elif row["status"] == "upgrade":
            verdict = row["first_version_supporting_both"]
        elif row["status"] == "ready":
            verdict = "already runs on both" if len(row.get("applies_to") or ("2.7", "3")) == 2 else \
                "runs where it is installed"
        elif row["status"] == "replace":
            replacement = row.get("replacement")
            verdict = "none — replace" + (" with %s (%s)" % (replacement["name"], replacement["note"]) if replacement else "")
        else:
            verdict = "%s: %s" % (row["status"], row.get("problem", ""))
        note = row.get("note") or ""
        if note and not note.startswith("no release"):
            verdict += "; " + note
        elif note.count("; "):  # what follows "widen it" (a marker's scope, the Django upgrade ladder)
            verdict += "; " + note.split("; ", 1)[1]
        if row["status"] == "upgrade" and row.get("editable") and row.get("pinned"):  # where its upgrade PR edits
            verdict += "; pinned on %s line %d" % (row["source"], row["line"])
        lines.append("%-22s %-14s %-5s %-5s %s" % (row["name"], row["pinned"] or row["specifier"] or "any",
                                                   _yes_no(row["supports_py27"]), _yes_no(row["supports_py3"]), verdict))
    return "\n".join(lines + ([""] + not_read if not_read else [])) + "\n"


COMMANDS = {"plan": cmd_plan, "apply": cmd_apply, "fixers": cmd_fixers, "test": cmd_test, "deps": cmd_deps,
            "evidence": evidence_cli.cmd_evidence}
