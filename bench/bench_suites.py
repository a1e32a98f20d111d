"""A package's own test suite on Python 2.7: its environment, running it, reading its results.

Each package gets a virtualenv (cached under bench/.work/py27-envs) holding its corpus.json pins,
six and future (code converted by py3bridge or python-modernize may import six, futurize's output
imports future; installing them from the start keeps one environment for before and after). The 2.7 interpreter has no virtualenv
module, so virtualenv 20.15.1 (the last line that runs on 2.7) is pip-installed with --target
into bench/.work/py27-tools and run from there.

Counts come from the runner's closing lines ("Ran N tests", "OK", "FAILED (failures=X, ...)").
Every environment also gets a small startup hook: with BENCH_PASSED_TESTS=<file>, unittest-style
results (unittest's, nose's, a bundled unittest copy's) append the name of each passing test to
that file, so runs before and after a conversion are compared test by test, not only by counts.
With BENCH_RANDOM_SEED=<int>, the same hook seeds the random module (suites that shuffle their data).
"""
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench_measure import run_measured

VIRTUALENV = "virtualenv==20.15.1"
SIX = "six==1.17.0"
FUTURE = "future==1.0.0"  # what futurize's output imports at runtime
SUITE_TIMEOUT_S = 600  # Fabric's suite, the slowest, takes about 2 minutes


def timeout_after(before):
    """Time allowed to a suite after conversion: three times what it took before (a converted
    test server can hang a suite), at least a minute."""
    return min(SUITE_TIMEOUT_S, max(60, 3 * before.wall_s))

# Python 2 code, loaded at startup through a .pth file in each environment.
_HOOK = '''"""Written by py3bridge's corpus benchmark. With BENCH_PASSED_TESTS=<file>, every unittest-style
result (the stdlib's, nose's, a bundled copy of unittest's) appends the name of each test that
passes to that file. unittest.result is patched when it is first imported."""
import os
import sys

_LOG = os.environ.get("BENCH_PASSED_TESTS")


def _recording(method):
    def record(self, test, *args):
        try:
            with open(_LOG, "a") as log:
                log.write(repr(str(test))[1:-1] + "\\n")
        except Exception:
            pass
        return method(self, test, *args)
    return record


class _ResultPatcher(object):
    def find_module(self, fullname, path=None):
        return self if fullname == "unittest.result" else None

    def load_module(self, fullname):
        sys.meta_path.remove(self)
        try:
            __import__(fullname)
        finally:
            sys.meta_path.insert(0, self)
        result = sys.modules[fullname].TestResult
        result.addSuccess = _recording(result.addSuccess)
        result.addExpectedFailure = _recording(result.addExpectedFailure)
        return sys.modules[fullname]


if _LOG:
    sys.meta_path.insert(0, _ResultPatcher())

# With BENCH_RANDOM_SEED=<int> (set in a test command), the random module starts from that seed, so a
# suite that draws its test data at random (Pygments 1.4 shuffles its lexer input) runs the same data
# before and after a conversion.
if os.environ.get("BENCH_RANDOM_SEED"):
    import random
    random.seed(int(os.environ["BENCH_RANDOM_SEED"]))
'''


class EnvFailed(Exception):
    pass


def _pip(python, args, env=None):
    cmd = [str(python), "-m", "pip", "--disable-pip-version-check", "-q"] + args
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise EnvFailed("%s failed: %s" % (" ".join(cmd), proc.stderr.strip().splitlines()[-1:]))


def virtualenv_tool(work, python2):
    """Folder holding virtualenv for Python 2.7 (installed once with pip --target)."""
    folder = Path(work, "py27-tools", VIRTUALENV.replace("==", "-"))
    if not (folder / "virtualenv").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        _pip(python2, ["install", "--target", str(folder), VIRTUALENV])
    return folder


def _env_spec(package):
    deps = list(package["py27_deps"])
    for extra in (SIX, FUTURE):
        if not any(dep.lower().startswith(extra.split("==")[0] + "==") for dep in deps):
            deps.append(extra)
    return {"deps": deps, "no_deps": list(package["py27_deps_no_deps"]), "hook": _HOOK}


def ensure_env(work, package, python2):
    """A cached Python 2.7 virtualenv for the package (its py27_deps, py27_deps_no_deps, six, future)."""
    folder = Path(work, "py27-envs", "%s-%s" % (package["name"], package["version"]))
    marker, spec = folder / ".bench-env.json", _env_spec(package)
    if marker.is_file() and json.loads(marker.read_text()) == spec:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    tool_env = dict(os.environ, PYTHONPATH=str(virtualenv_tool(work, python2)))
    proc = subprocess.run([str(python2), "-m", "virtualenv", "-q", str(folder)], capture_output=True, text=True, env=tool_env)
    if proc.returncode != 0:
        raise EnvFailed("virtualenv %s failed: %s" % (folder, proc.stderr.strip()[-300:]))
    python = folder / "bin" / "python"
    _pip(python, ["install"] + spec["deps"])
    if spec["no_deps"]:
        _pip(python, ["install", "--no-deps"] + spec["no_deps"])
    site_packages = folder / "lib" / "python2.7" / "site-packages"
    (site_packages / "bench_passed_tests.py").write_text(_HOOK)
    (site_packages / "bench_passed_tests.pth").write_text("import bench_passed_tests\n")
    marker.write_text(json.dumps(spec))
    return folder


@dataclass
class SuiteResult:
    run: int = 0
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0
    wall_s: float = 0.0
    crash: str = ""  # why no summary line was printed, when none was
    top_error: str = ""  # the exception line printed most often ("12 x ImportError: ..."), if any
    log: str = ""
    passed_ids: Counter = field(default_factory=Counter)  # names of passing tests, as the hook wrote them

    @property
    def ids_complete(self):
        """Whether the hook saw every passing test the runner counted (suites that test unittest
        itself, like mechanize's, also record the passes of the results they create)."""
        return self.run > 0 and sum(self.passed_ids.values()) >= self.passed

    def to_json(self):
        data = {key: getattr(self, key) for key in ("run", "passed", "failed", "errors", "skipped", "crash", "top_error", "log")}
        data["wall_s"] = round(self.wall_s, 1)
        data["per_test_ids"] = self.ids_complete
        return data


RUNNER = Path(__file__).resolve().parent / "wider_runner.py"


def test_command(package, env_dir, runsuite):
    """The corpus test_command with its placeholders filled in ({RUNNER}: bench/wider_runner.py,
    which the wider corpus's commands use)."""
    command = package["test_command"]
    for placeholder, value in (("{PY}", env_dir / "bin" / "python"), ("{NOSE}", env_dir / "bin" / "nosetests"),
                               ("{RUNSUITE}", runsuite), ("{RUNNER}", RUNNER)):
        command = command.replace(placeholder, str(value))
    return command


def run_suite(package, tree, env_dir, runsuite, log_stem, timeout=SUITE_TIMEOUT_S, extra_env=None):
    """Run the package's suite from the root of `tree` with the environment's bin first on PATH
    (`extra_env`: variables the run adds, e.g. the evidence recorder's)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PY3BRIDGE"))}
    env.update(extra_env or {})
    passed_log = Path(str(log_stem) + ".passed")
    passed_log.unlink(missing_ok=True)
    env.update(PATH="%s:%s" % (env_dir / "bin", env["PATH"]), VIRTUAL_ENV=str(env_dir), BENCH_PASSED_TESTS=str(passed_log))
    command = test_command(package, env_dir, runsuite)
    run = run_measured(["/bin/sh", "-c", command], tree, log_stem, env=env, timeout=timeout)
    stderr, stdout = run.stderr.read_text(errors="replace"), run.stdout.read_text(errors="replace")
    result = parse_results(stderr if SUMMARY.search(stderr) else stdout + "\n" + stderr)
    result.passed_ids = passed_tests(passed_log, tree)
    result.top_error = top_error(stdout + "\n" + stderr)
    result.wall_s, result.log = run.wall_s, str(log_stem) + ".{out,err,passed}"
    if run.timed_out:
        result.crash = "killed after %d s: %s" % (timeout, result.crash or "summary printed")
    return result


SUMMARY = re.compile(r"^Ran (\d+) tests? in [\d.]+s\s+(OK|FAILED)(?: \(([^)]*)\))?", re.MULTILINE)
_DETAIL_KEYS = (("fail", "failed"), ("error", "errors"), ("skip", "skipped"))


def _details(text):
    """{"failed": n, ...} from "failures=1, errors=2", "SKIP=3" or "1 failure, 2 skips"."""
    counts = {}
    for item in filter(None, (part.strip() for part in (text or "").split(","))):
        match = re.match(r"([A-Za-z ]+)=(\d+)$", item) or re.match(r"(\d+) ([A-Za-z ]+)$", item)
        if not match:
            continue
        key, number = (match.group(1), match.group(2)) if "=" in item else (match.group(2), match.group(1))
        for prefix, name in _DETAIL_KEYS:
            if key.lower().startswith(prefix):
                counts[name] = counts.get(name, 0) + int(number)
    return counts


def parse_results(text):
    """SuiteResult from a unittest/nose/testlib runner's output (its last summary)."""
    summaries = list(SUMMARY.finditer(text))
    if not summaries:
        lines = [line for line in text.strip().splitlines() if line.strip()]
        return SuiteResult(crash=lines[-1][:300] if lines else "no output")
    last = summaries[-1]
    result = SuiteResult(run=int(last.group(1)), **_details(last.group(3)))
    # never below 0: Flask 0.8's runner on Python 3 counts more failures than tests run
    result.passed = max(0, result.run - result.failed - result.errors - result.skipped)
    return result


_EXCEPTION_LINE = re.compile(r"^((?:\w+\.)*\w*(?:Error|Exception|Exit)\b.*)$", re.MULTILINE)


def top_error(text):
    """The exception line a run printed most often, as "N x line" ("" when none)."""
    lines = Counter(line.strip()[:200] for line in _EXCEPTION_LINE.findall(text))
    if not lines:
        return ""
    line, count = lines.most_common(1)[0]
    return "%d x %s" % (count, line)


def passed_tests(passed_log, tree):
    """Counter of passing test names; the tree's path and object addresses are made run-independent."""
    if not passed_log.is_file():
        return Counter()
    names = passed_log.read_text(errors="replace").splitlines()
    return Counter(re.sub(r" at 0x[0-9a-fA-F]+", " at 0x...", name.replace(str(tree), "<tree>")) for name in names)


def compare(before, after):
    """(same, explanation): whether `after` passes exactly the tests `before` passed."""
    if before.ids_complete and after.ids_complete:
        lost = sorted((before.passed_ids - after.passed_ids).elements())
        gained = sorted((after.passed_ids - before.passed_ids).elements())
        if not lost and not gained:
            return True, "same %d tests pass (compared by test id)" % before.passed
        return False, "%d passed before, %d after; no longer passing: %s; newly passing: %s" % (
            before.passed, after.passed, _short(lost), _short(gained))
    same = (before.passed, before.run) == (after.passed, after.run)
    how = "compared by counts; not every passing test was recorded by name"
    if after.crash:
        how = "suite crashed: %s" % after.crash
    return same, "%d/%d passed before, %d/%d after (%s)" % (before.passed, before.run, after.passed, after.run, how)


def lost(before, after):
    """(number of tests passing before and not after, how it was counted): by test id when both
    runs recorded every passing test by name, else the drop in the passed count."""
    if before.ids_complete and after.ids_complete:
        names = sorted((before.passed_ids - after.passed_ids).elements())
        return len(names), "by test id: %s" % _short(names)
    how = "by count" + ("; suite crashed: %s" % after.crash if after.crash else "")
    return max(0, before.passed - after.passed), how


def _short(names, limit=8):
    if not names:
        return "none"
    shown = ", ".join(names[:limit])
    return shown + (" and %d more" % (len(names) - limit) if len(names) > limit else "")
