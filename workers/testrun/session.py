"""A test session: the repository's suite on each interpreter, before and after a change.

Before and after are two directory trees. Each interpreter gets a cached environment; each tree
is run in it; the after run is measured with coverage, failing-after-passing-before tests are
rerun alone once to tell flaky from broken, and 2.7 runs use a random hash seed and record
Python 3 warnings (-3).
"""
import json
import random
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from workers.engine import evidence
from workers.testrun import config as test_config
from workers.testrun import deprecations
from workers.testrun.blockers import installed_distributions
from workers.testrun.changes import changed_lines
from workers.testrun.envs import SCRATCH_DIR, SRC_DIR, ensure_env, read_step_file, run_in_env, tail
from workers.testrun.results import FAILED, ERROR, PASSED, TestRun, parse_junit, parse_unittest_output
from workers.testrun.sandbox import ResourceLimits, give_to_sandbox
from workers.testrun.trees import private_copy

FAILING = (FAILED, ERROR)


@dataclass
class SmokeResult:
    command: str
    ok: bool
    detail: str = ""


@dataclass
class SuiteRun:
    tree: str  # "before" or "after"
    run: TestRun
    exit_code: int = 0
    duration: float = 0.0
    problem: str = ""  # timed out / limit exceeded / killed
    output_tail: str = ""
    hash_seed: int = None
    py3k_warnings: int = None
    coverage: dict = None  # path -> (executed lines, statement lines)
    smoke: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    warnings: dict = None  # deprecations.WarningCounts.to_json(): the run used `-W always`
    distributions: dict = field(default_factory=dict)  # installed top-level name -> distribution (blockers)
    evidence: dict = None  # with record_evidence: {path: {line: kinds}} (workers/engine/evidence.py)


@dataclass
class Comparison:
    still_passing: list = field(default_factory=list)
    regressions: list = field(default_factory=list)
    newly_passing: list = field(default_factory=list)
    still_failing: list = field(default_factory=list)
    flaky: list = field(default_factory=list)


@dataclass
class InterpreterReport:
    label: str
    version: str = ""
    env_reused: bool = False
    env_problem: str = ""
    env_output: str = ""
    before: SuiteRun = None
    after: SuiteRun = None
    comparison: Comparison = None
    changed: dict = None  # path -> [line]; with coverage: untested / executed counts
    runner: dict = None  # {"name", "command", "detected_from"}: what ran the tests
    python_choice: str = ""  # why this Python 3 (workers/testrun/pythons.py)


def run_suite(env, config, tree_dir, tree, limits, measure_coverage=False, count_py3k=False, hash_seed=None,
              record_evidence=False):
    with tempfile.TemporaryDirectory(prefix="py3bridge-run-") as scratch:
        scratch = Path(scratch)
        extra = {"PY3BRIDGE_JUNIT": SCRATCH_DIR + "/junit.xml", "PY3BRIDGE_WARNINGS_FILE": SCRATCH_DIR + "/warnings.txt",
                 # Every warning, every time (recorded once per site by the sitecustomize hook):
                 # deprecations are counted before and after, with the repository's own sites.
                 "PYTHONWARNINGS": "always"}
        if hash_seed is not None:
            extra["PYTHONHASHSEED"] = str(hash_seed)
        if count_py3k:
            extra["PY3BRIDGE_PY3K"] = "1"
        if measure_coverage:
            extra["COVERAGE_PROCESS_START"] = _write_coverage_rc(scratch)
        if record_evidence:  # 2.7 environments start the recorder then (hooks.py)
            extra.update(PY3BRIDGE_EVIDENCE_FILE=SCRATCH_DIR + "/evidence.jsonl", PY3BRIDGE_EVIDENCE_ROOT=SRC_DIR)
        give_to_sandbox(scratch)
        if env.relinks_egg_info:
            # The environment links /src (a `setup.py develop`); this tree needs its own egg-info.
            run_in_env(env, "python setup.py -q egg_info", tree_dir, limits)
        step = run_in_env(env, config.runner.command, tree_dir, limits, extra_env=extra, scratch=scratch)
        run = _read_results(step.output, scratch / "junit.xml")
        _runner_total(run, step.output)
        suite = SuiteRun(tree, run, step.exit_code, step.duration, step.problem(), tail(step.output, 30),
                         hash_seed, notes=list(step.notes))
        if count_py3k:
            suite.py3k_warnings = _count_py3k_warnings(scratch / "warnings.txt")
        suite.warnings = deprecations.count(deprecations.parse(read_step_file(scratch / "warnings.txt"), SRC_DIR)).to_json()
        if measure_coverage:
            suite.coverage = _read_coverage(env, scratch, tree_dir, limits)
        if record_evidence:
            suite.evidence = evidence.parse_recorder_output(
                read_step_file(scratch / "evidence.jsonl", limit=evidence.MAX_BYTES))
        suite.smoke = [_smoke(env, command, tree_dir, limits) for command in config.smoke]
        if run.tracebacks or run.import_tracebacks or run.startup_error:
            suite.distributions = installed_distributions(env.path)
        return suite


def _read_results(output, junit_path):
    text = read_step_file(junit_path)
    if text is not None:
        run = parse_junit(text)
        if run is not None:
            return run
    return parse_unittest_output(output)


_PYTEST_SUMMARY = re.compile(r"^=+ (?P<counts>(?:\d+ [a-z]+(?:, )?)+)(?: in [^=]*)? =+$", re.MULTILINE)
_PYTEST_COUNT = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)")


def _runner_total(run, output):
    """The runner's own count when its output carries one and the results did not (pytest's
    final `== 3 passed, 1 failed in 0.2s ==` line next to its JUnit XML)."""
    if run.source != "junit":
        return
    lines = _PYTEST_SUMMARY.findall(output)
    if not lines:
        return
    total = sum(int(n) for n, kind in _PYTEST_COUNT.findall(lines[-1]) if not kind.startswith("error"))
    if total:
        run.ran = total


def _write_coverage_rc(scratch):
    rc = scratch / "coveragerc"
    rc.write_text("[run]\nparallel = True\ndata_file = %s/.coverage\nsource = %s\nrelative_files = True\n" % (
        SCRATCH_DIR, SRC_DIR))
    return SCRATCH_DIR + "/coveragerc"


def _read_coverage(env, scratch, tree_dir, limits):
    rc = SCRATCH_DIR + "/coveragerc"
    run_in_env(env, "python -m coverage combine --rcfile=%s" % rc, tree_dir, limits, scratch=scratch)
    run_in_env(env, "python -m coverage json --rcfile=%s -o %s/coverage.json" % (rc, SCRATCH_DIR), tree_dir, limits,
               scratch=scratch)
    text = read_step_file(scratch / "coverage.json")
    try:
        files = json.loads(text).get("files", {}) if text else {}
        return {
            _relative(path): (set(data["executed_lines"]), set(data["executed_lines"]) | set(data["missing_lines"]))
            for path, data in files.items()
        }
    except (ValueError, AttributeError, KeyError, TypeError):
        return {}


def _relative(path):
    root = SRC_DIR + "/"
    return path[len(root):] if path.startswith(root) else path


def _count_py3k_warnings(path):
    text = read_step_file(path)
    if not text:
        return 0
    return sum(1 for line in text.splitlines() if "3.x" in line or "Python 3" in line)


def _smoke(env, command, tree_dir, limits):
    step = run_in_env(env, command, tree_dir, limits)
    return SmokeResult(command, step.ok, "" if step.ok else (step.problem() or tail(step.output, 5)))


def compare(before, after):
    result = Comparison()
    for test_id, status in sorted(after.outcomes.items()):
        was = before.outcomes.get(test_id)
        if status == PASSED:
            (result.newly_passing if was in FAILING else result.still_passing).append(test_id)
        elif status in FAILING:
            (result.regressions if was == PASSED else result.still_failing).append(test_id)
    return result


def _separate_flaky(env, config, tree_dir, comparison, limits):
    for test_id in list(comparison.regressions):
        command = config.runner.single_test(test_id)
        if command is None:
            continue
        step = run_in_env(env, command, tree_dir, limits)
        if step.ok:
            comparison.regressions.remove(test_id)
            comparison.flaky.append(test_id)


def _changed_coverage(changed, coverage):
    untested, executed, measured = [], 0, 0
    for path, lines in sorted(changed.items()):
        ran, statements = coverage.get(path, (set(), set()))
        for line in lines:
            if line in statements:
                measured += 1
                if line in ran:
                    executed += 1
                else:
                    untested.append("%s:%d" % (path, line))
    return {"changed_statements": measured, "executed": executed, "untested": untested}


def run_session(before_dir, after_dir, interpreters, config=None, rng=None, scope="local", python_choice=""):
    """Run the suite on both trees with every interpreter; returns [InterpreterReport].

    Every run works in its own private copy of the tree (without .git), in the sandbox; the
    environments come from `scope`'s cache (one installation's, or "local").
    """
    config = config or test_config.load(after_dir)
    rng = rng or random.SystemRandom()
    # A sync's budget ends the whole session, install steps included, not just each step.
    deadline = time.monotonic() + config.budget if config.budget is not None else None
    limits = ResourceLimits(timeout=config.timeout, deadline=deadline)
    changed = changed_lines(before_dir, after_dir) if before_dir else {}
    reports = []
    with tempfile.TemporaryDirectory(prefix="py3bridge-session-") as work:
        for number, interpreter in enumerate(interpreters):
            report = InterpreterReport(interpreter.label, python_choice=python_choice or interpreter.why, runner={
                "name": config.runner.name, "command": config.runner.command,
                "detected_from": config.runner.source})
            reports.append(report)
            copies = Path(work) / str(number)
            _run_interpreter(report, interpreter, config, before_dir, after_dir, copies, limits, rng, changed, scope)
    return reports


def _run_interpreter(report, interpreter, config, before_dir, after_dir, copies, limits, rng, changed, scope):
    env = _environment(report, interpreter, config, after_dir, scope, limits.deadline)
    if env is None:
        return
    report.env_reused = env.reused
    is_py2 = env.version.startswith("2.")
    seed = rng.randint(1, 4294967295) if is_py2 else None
    options = dict(count_py3k=is_py2, hash_seed=seed)
    if before_dir:
        # A dependency upgrade changes the environment: "before" runs with the old dependencies.
        before_env = _environment(report, interpreter, config, before_dir, scope, limits.deadline)
        if before_env is None:
            return
        before_tree = private_copy(before_dir, copies / "before")
        report.before = run_suite(before_env, config, before_tree, "before", limits, **options)
    after_tree = private_copy(after_dir, copies / "after")
    report.after = run_suite(env, config, after_tree, "after", limits, measure_coverage=bool(before_dir), **options)
    if before_dir:
        report.comparison = compare(report.before.run, report.after.run)
        _separate_flaky(env, config, after_tree, report.comparison, limits)
        report.changed = _changed_coverage(changed, report.after.coverage or {})


def _environment(report, interpreter, config, tree, scope, deadline):
    """The environment for this tree's dependencies, or None with the problem put on the report."""
    env = ensure_env(interpreter, config, tree, test_config.requirement_files(tree), scope, deadline)
    report.version = report.version or env.version
    if not env.ok:
        report.env_problem, report.env_output = env.problem, tail(env.install_output)
        return None
    return env
