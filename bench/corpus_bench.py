"""py3bridge against python-modernize and futurize on the shared corpus of real Python 2 packages.

Usage (from the repository root, with the project venv):

    .venv/bin/python bench/corpus_bench.py [--corpus visible|wider|all|PATH] [--packages NAME,...]
        [--tools py3bridge,modernize,futurize] [--py3bridge-rev REV] [--skip-django] [--skip-tests]

Reads ../shared/corpus.json (beside the repository; the script stops with a message when it is
absent), or with `--corpus wider` bench/wider_corpus.json (23 more Python-2-only packages, none of
them in corpus.json), or both with `--corpus all`. For each package it downloads the sdist with Python 2.7's pip (cached), then, on fresh
copies, runs py3bridge (`plan --no-cache`, then `apply --stage all --no-cache`), python-modernize
0.8.0 (`python-modernize -w -n .`) and futurize 1.0.0 (`futurize -w -n --nobackups .`, stages 1
and 2), each peer from its own Python 3.11 venv, and reports side by side: files parsing on
Python 3.11 and compiling on 2.7 before and after, the package's own suite on 2.7 before and
after (tests lost), its suite on Python 3 after each tool, lines changed, whether a second run
changes anything, wall time and peak memory, and py3bridge's targets as PASS/FAIL lines. Then
it times planning Django 1.4.22 cold, re-planning it warm after editing 20 files, and
python-modernize on it.

Everything it makes lives in bench/.work/ (downloads, environments, trees, logs). The results
are printed and written to bench/.work/results.json. Exit status 1 when an acceptance check or
a Django target failed.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import bench_evidence  # noqa: E402  (bench/ is on sys.path when run as a script)
import bench_py3  # noqa: E402
import bench_report  # noqa: E402
import bench_suites  # noqa: E402
from bench_measure import run_measured  # noqa: E402
from workers import sdist  # noqa: E402
from workers.engine.interpreters import Interpreter, find_python2  # noqa: E402
from workers.engine.tree import python_files  # noqa: E402
from workers.engine.verify import compile_errors  # noqa: E402
from workers.deps.markers import ONLY_ON_3, declared_marker  # noqa: E402

WORK = REPO / "bench" / ".work"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus.json"
WIDER = REPO / "bench" / "wider_corpus.json"
CORPORA = {"visible": [CORPUS], "wider": [WIDER], "all": [CORPUS, WIDER]}
RUNSUITE = SHARED / "corpus" / "runsuite.py"
MODERNIZE = "modernize==0.8.0"  # python-modernize's distribution name on PyPI
FUTURIZE = "future==1.0.0"  # futurize's distribution; it uses the stdlib's lib2to3 (Python <= 3.12)
PEERS = ("modernize", "futurize")
DJANGO = "Django==1.4.22"
DJANGO_EDITS = 20
TARGETS = {"cold_vs_modernize": 0.5, "warm_s": 2.0, "peak_mb": 500}


class Tools:
    """The interpreters and programs the benchmark runs."""

    def __init__(self, bot_dir=REPO):
        self.bot_dir = bot_dir  # where `python -m bot` runs from: the work tree, or a snapshot of a commit
        byte_compile(bot_dir)
        self.python2 = find_python2()
        self.python3 = Interpreter("3.11", _real_python("python3.11"))
        self.modernize = _tool_venv("modernize-venv", MODERNIZE, "python-modernize", self.python3.path)
        self.futurize = _tool_venv("futurize-venv", FUTURIZE, "futurize", self.python3.path)
        self.bot_env = dict(os.environ, PY3BRIDGE_PYTHON2=self.python2.path)

    def bot(self, args, log_stem, env=None):
        """Run `python -m bot ARGS` from the repository with the project's interpreter."""
        return run_measured([sys.executable, "-m", "bot"] + [str(a) for a in args], self.bot_dir, log_stem, env or self.bot_env)

    def run_modernize(self, tree, log_stem):
        return run_measured([str(self.modernize), "-w", "-n", "."], tree, log_stem)

    def run_futurize(self, tree, log_stem):
        """futurize's stages 1 and 2 (its default), writing in place without backups."""
        return run_measured([str(self.futurize), "-w", "-n", "--nobackups", "."], tree, log_stem)


def byte_compile(bot_dir):
    """Write py3bridge's bytecode (__pycache__) before it is timed, as `pip install` does for the peers:
    with PYTHONDONTWRITEBYTECODE set, each run would otherwise compile every module it imports."""
    packages = [str(Path(bot_dir) / name) for name in ("bot", "workers", "common")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-j0"] + packages, check=True, stdout=subprocess.DEVNULL)


def _real_python(name):
    """The executable behind `name` on PATH (resolving pyenv shims)."""
    found = shutil.which(name)
    if not found:
        sys.exit("corpus_bench: %s is not on PATH" % name)
    out = subprocess.run([found, "-c", "import sys; print(sys.executable)"], capture_output=True, text=True)
    return out.stdout.strip() or found


def _tool_venv(folder, requirement, script, python3):
    """bin/SCRIPT of a venv in bench/.work/FOLDER holding `requirement` (built once)."""
    venv = WORK / folder
    if not (venv / "bin" / script).exists():
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([python3, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", requirement],
                       check=True, stderr=subprocess.DEVNULL)
    return venv / "bin" / script


# ---- trees ---------------------------------------------------------------------------------

def fetch_tree(requirement, dest):
    """Unpack the sdist of `requirement` into dest (the download is cached in bench/.work)."""
    folder = WORK / "downloads" / requirement.replace("==", "-")
    archives = [p for p in folder.glob("*") if p.is_file()] if folder.is_dir() else []
    if len(archives) != 1:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        archives = [sdist.download(requirement, folder)]
    return sdist.unpack(archives[0], dest)


def copy_tree(src, dest):
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest, symlinks=True)
    return Path(dest)


def snapshot(tree):
    """{relative path: sha256} of every file under tree."""
    digests = {}
    for dirpath, _, filenames in os.walk(tree):
        for name in filenames:
            path = Path(dirpath, name)
            digests[path.relative_to(tree).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def count_lines(tree, files):
    """Newlines in the files, as corpus.json counts lines."""
    return sum((Path(tree) / path).read_bytes().count(b"\n") for path in files)


def lines_changed(before, after):
    """(added, removed) lines between two trees, from `git diff --no-index --numstat`."""
    proc = subprocess.run(["git", "diff", "--no-index", "--numstat", str(before), str(after)], capture_output=True, text=True)
    if proc.returncode > 1:
        raise RuntimeError("git diff failed: %s" % proc.stderr.strip())
    added = removed = 0
    for line in proc.stdout.splitlines():
        plus, minus = line.split("\t")[:2]
        if plus != "-":  # "-" marks a binary file
            added, removed = added + int(plus), removed + int(minus)
    return added, removed


def edit_files(tree, files, count):
    """Append a comment line to `count` files spread evenly over the sorted list; returns them."""
    chosen = [files[i * len(files) // count] for i in range(count)]
    for relative in chosen:
        path = Path(tree) / relative
        data = path.read_bytes()
        newline = b"\r\n" if b"\r\n" in data else b"\n"
        if data and not data.endswith(newline):
            data += newline
        path.write_bytes(data + b"# edited by bench/corpus_bench.py" + newline)
    return chosen


# ---- compiling -----------------------------------------------------------------------------

class Compiled:
    """Which files of a tree compile on Python 3.11 and 2.7 (one subprocess per interpreter)."""

    def __init__(self, tree, files, tools):
        paths = [Path(tree) / f for f in files]
        self.py3 = dict(zip(files, compile_errors(tools.python3, paths)[1]))
        self.py27 = dict(zip(files, compile_errors(tools.python2, paths)[1]))

    @staticmethod
    def _ok(errors):
        return sum(1 for error in errors.values() if error is None)

    def to_json(self):
        return {
            "py3_ok": self._ok(self.py3), "py27_ok": self._ok(self.py27),
            "py3_errors": {p: e for p, e in self.py3.items() if e},
            "py27_errors": {p: e for p, e in self.py27.items() if e},
        }


# ---- the three tools on one package --------------------------------------------------------

def _checked(run, what):
    """The run, if it succeeded; a failing `plan` makes every number after it meaningless."""
    if run.returncode != 0:
        raise SystemExit("corpus_bench: %s failed (exit %d): %s" % (what, run.returncode, run.tail()))
    return run


def _json_output(run):
    try:
        return json.loads(run.stdout.read_text())
    except ValueError:
        return None


def _crash_line(run):
    """The last line of a crashed run's output, with the fixer module its traceback went through."""
    text = run.stderr.read_text(errors="replace")
    fixers = re.findall(r"workers/fixers/(\w+)\.py", text)
    return ("in fixer %s: " % fixers[-1] if fixers else "") + run.tail(1)


def _second_run(tree, again, rerun):
    """Whether running the tool again over a copy of its output changes no file."""
    copy_tree(tree, again)
    rerun(again)
    first, second = snapshot(tree), snapshot(again)
    changed = sorted(p for p in set(first) | set(second) if first.get(p) != second.get(p))
    return {"idempotent": not changed, "changed_by_second_run": changed}


def reported_files(tools, tree, log_stem):
    """Files py3bridge's plan reports as not made to parse on Python 3 (unparseable, unconvertible
    with Python 3's reason, or with a syntax-stage finding: string exceptions) rather than fixes.
    Semantic-stage findings (sites for review) do not excuse a file from compiling."""
    data = _json_output(tools.bot(["plan", tree, "--json", "--no-cache"], log_stem)) or {}
    paths = {item["path"] for key in ("unparseable", "unconvertible") for item in data.get(key, [])}
    for fixer in data.get("fixers", []):
        if fixer.get("stage") == "syntax":
            paths.update(item["path"] for item in fixer.get("findings", []))
    return sorted(paths)


def record_evidence(package, original, base, logs, tools):
    """["--evidence", FILE] from one recorded 2.7 run of the suite on the original ([] when it fails)."""
    try:
        env = bench_suites.ensure_env(WORK, package, tools.python2.path)
    except bench_suites.EnvFailed as error:
        print("  no evidence: %s" % error, flush=True)
        return []
    print("  recording bytes/text evidence with the 2.7 suite ...", flush=True)
    path, summary = bench_evidence.record(package, original, base, logs, env, RUNSUITE, bench_suites.SUITE_TIMEOUT_S)
    print("  evidence: %s" % summary, flush=True)
    return ["--evidence", path]


def run_py3bridge(original, base, files, tools, logs, evidence=()):
    """`evidence`: the --evidence option for plan and apply (the second apply, on a tree whose lines
    moved, runs without: evidence names the lines of the revision it was recorded on)."""
    tree = copy_tree(original, base / "py3bridge")
    plan = _checked(tools.bot(["plan", original, "--no-cache"] + list(evidence), logs / "py3bridge-plan"),
                    "py3bridge plan")
    apply = tools.bot(["apply", tree, "--stage", "all", "--no-cache", "--json"] + list(evidence),
                      logs / "py3bridge-apply")
    applied = _json_output(apply) or {"files": [], "error": _crash_line(apply)}
    again = _second_run(tree, base / "py3bridge-again", lambda t: tools.bot(
        ["apply", t, "--stage", "all", "--no-cache", "--json"], logs / "py3bridge-apply-again"))
    result = {
        "plan": plan.to_json(), "run": apply.to_json(), "tree": str(tree),
        "python3_extras": python3_extras(applied.get("dependencies_added", [])),
        "not_applied": [f for f in applied["files"] if f["status"] != "changed"],
        "apply_error": applied.get("error", ""),
        "compiled": Compiled(tree, files, tools),
        "reported": reported_files(tools, tree, logs / "py3bridge-plan-after"),
    }
    result["lines_added"], result["lines_removed"] = lines_changed(original, tree)
    result.update(again)
    return result


def python3_extras(dependencies_added):
    """The packages py3bridge declared that only Python 3 needs (six is in every bench venv)."""
    return sorted(d["package"] for d in dependencies_added if declared_marker(d["package"]) == ONLY_ON_3)


def run_peer(name, original, base, files, tools, logs):
    """python-modernize or futurize (by name) on a copy of the original, then again on its output."""
    runner = getattr(tools, "run_" + name)
    tree = copy_tree(original, base / name)
    run = runner(tree, logs / name)
    again = _second_run(tree, base / (name + "-again"), lambda t: runner(t, logs / (name + "-again")))
    result = {"run": run.to_json(), "tree": str(tree), "compiled": Compiled(tree, files, tools)}
    if run.returncode != 0:
        result["run_error"] = run.tail()
    result["lines_added"], result["lines_removed"] = lines_changed(original, tree)
    result.update(again)
    return result


def run_suites(package, trees, base, logs, tools, extras=None):
    """{"py27": {label: SuiteResult}, "py3": {tool: SuiteResult}}: the package's suite on 2.7 on a
    copy of each tree, then on Python 3 on a copy of each converted tree."""
    env = bench_suites.ensure_env(WORK, package, tools.python2.path)
    py27 = {}
    for label, tree in trees.items():
        timeout = bench_suites.timeout_after(py27["before"]) if py27 else bench_suites.SUITE_TIMEOUT_S
        print("  running the 2.7 suite on %s ..." % label, flush=True)
        py27[label] = bench_suites.run_suite(package, copy_tree(tree, base / ("tests-" + label)), env, RUNSUITE,
                                             logs / ("tests-" + label), timeout)
    py3 = {}
    for label, tree in trees.items():
        if label == "before":
            continue
        try:
            env3 = bench_py3.ensure_env(WORK, package, (extras or {}).get(label, ()))
        except bench_suites.EnvFailed as error:
            py3[label] = bench_suites.SuiteResult(crash="no Python %s environment: %s" % (package["py3_python"], error))
            continue
        print("  running the Python %s suite on %s ..." % (package["py3_python"], label), flush=True)
        copy = copy_tree(tree, base / ("tests3-" + label))
        py3[label] = bench_suites.run_suite(package, copy, env3, RUNSUITE, logs / ("tests3-" + label),
                                            bench_suites.timeout_after(py27["before"]))
    return {"py27": py27, "py3": py3}


# ---- acceptance checks ---------------------------------------------------------------------

def _listed(items, limit=10):
    shown = "; ".join(items[:limit])
    return shown + ("; and %d more" % (len(items) - limit) if len(items) > limit else "")


SUITE_CHECK = "no test passing on 2.7 before fails after"
PY3_CHECK = "the Python 3 suite passes more tests than python-modernize's and futurize's"


def _check(failures, name, detail_if_passed):
    return ("FAIL" if failures else "PASS", name, _listed(failures) or detail_if_passed)


def _suite_checks(suites, peers):
    if not suites:
        return [("SKIP", SUITE_CHECK, "--skip-tests"), ("SKIP", PY3_CHECK, "--skip-tests")]
    count, how = bench_suites.lost(suites["py27"]["before"], suites["py27"]["py3bridge"])
    checks = [("FAIL" if count else "PASS", SUITE_CHECK, "%d lost (%s)" % (count, how))]
    passed = {tool: suites["py3"][tool].passed for tool in ("py3bridge",) + tuple(peers)}
    if not peers:
        return checks + [("SKIP", PY3_CHECK, "--tools py3bridge; its Python 3 suite passed %d" % passed["py3bridge"])]
    better = passed["py3bridge"] > max(passed[peer] for peer in peers)
    return checks + [("PASS" if better else "FAIL", PY3_CHECK, ", ".join("%s %d" % item for item in passed.items()))]


def acceptance_checks(files, before, p3b, suites, peers=PEERS):
    """py3bridge's targets on one package: [(PASS/FAIL/SKIP, check, detail)]."""
    after, reported = p3b["compiled"], p3b["reported"]
    compiled_27 = [p for p in files if before.py27[p] is None]
    lost_27 = ["%s: %s" % (p, after.py27[p]) for p in compiled_27 if after.py27[p]]
    not_py3 = ["%s: %s" % (p, after.py3[p]) for p in files if after.py3[p] and p not in reported]
    if p3b["apply_error"]:
        not_py3.insert(0, "apply failed: %s" % p3b["apply_error"])
    checks = [
        _check(lost_27, "every file compiling on 2.7 before compiles after", "%d files" % len(compiled_27)),
        _check(not_py3, "every file parses on 3.11 after, except those py3bridge reports",
               "%d reported: %s" % (len(reported), ", ".join(reported) or "none")),
    ]
    checks += _suite_checks(suites, peers)
    second = (["apply crashed: nothing to re-apply"] if p3b["apply_error"] else []) + p3b["changed_by_second_run"]
    checks.append(_check(second, "a second apply changes nothing", "no file changed"))
    return checks


# ---- one package, Django, the whole run ----------------------------------------------------

def bench_package(package, tools, skip_tests, peers=PEERS, with_evidence=True):
    name, version = package["name"], package["version"]
    print("\n%s %s: converting ..." % (name, version), flush=True)
    base, logs = WORK / "trees" / name, WORK / "logs" / name
    shutil.rmtree(base, ignore_errors=True)
    shutil.rmtree(logs, ignore_errors=True)
    original = fetch_tree("%s==%s" % (name, version), base / "original")
    files = python_files(original)
    before = Compiled(original, files, tools)
    evidence = record_evidence(package, original, base, logs, tools) if with_evidence and not skip_tests else []
    result = {"py3bridge": run_py3bridge(original, base, files, tools, logs, evidence)}
    result["py3bridge"]["evidence"] = bool(evidence)
    for peer in peers:
        result[peer] = run_peer(peer, original, base, files, tools, logs)
    trees = dict({"before": original}, **{tool: Path(result[tool]["tree"]) for tool in result})
    extras = {"py3bridge": result["py3bridge"]["python3_extras"]}
    suites = None if skip_tests else run_suites(package, trees, base, logs, tools, extras)
    result.update({
        "name": name, "version": version, "files": len(files), "lines": count_lines(original, files),
        "tools": ["py3bridge"] + list(peers), "corpus_file": package.get("corpus_file", str(CORPUS)),
        "corpus": {key: package.get(key) for key in ("files", "lines", "py3_compile_fail_before", "py27_tests_before",
                                                     "py3_python", "anchors")},
        "before": before, "tests": suites, "checks": acceptance_checks(files, before, result["py3bridge"], suites, peers),
    })
    return result


def bench_django(tools):
    """Cold plan, warm re-plan after 20 edits, and python-modernize, on Django 1.4.22."""
    print("\nDjango: planning ...", flush=True)
    base, logs, cache = WORK / "trees" / "Django", WORK / "logs" / "Django", WORK / "django-cache"
    for folder in (base, logs, cache):
        shutil.rmtree(folder, ignore_errors=True)
    original = fetch_tree(DJANGO, base / "original")
    files = python_files(original)
    lines, before = count_lines(original, files), Compiled(original, files, tools).to_json()
    modernize_tree = copy_tree(original, base / "modernize")  # before the edits below
    env = dict(tools.bot_env, PY3BRIDGE_CACHE_DIR=str(cache))
    cold = _checked(tools.bot(["plan", original], logs / "plan-cold", env), "cold plan of Django")
    edited = edit_files(original, files, DJANGO_EDITS)
    warm = _checked(tools.bot(["plan", original], logs / "plan-warm", env), "warm plan of Django")
    modernize = tools.run_modernize(modernize_tree, logs / "modernize")
    return {
        "files": len(files), "lines": lines, "edited": edited, "compiled_before": before,
        "plan_cold": cold.to_json(), "plan_warm": warm.to_json(), "modernize": modernize.to_json(),
        "modernize_mode": "python-modernize -w -n . on a copy of the unedited tree",
        "modernize_compiled": Compiled(modernize_tree, files, tools).to_json(),
        "targets": django_targets(cold, warm, modernize),
    }


def django_targets(cold, warm, modernize):
    ratio = cold.wall_s / modernize.wall_s
    peak = max(cold.tree_rss_mb, warm.tree_rss_mb)
    return [
        ("PASS" if ratio <= TARGETS["cold_vs_modernize"] else "FAIL", "cold plan <= %.1f x python-modernize" % TARGETS["cold_vs_modernize"],
         "%.2f x (%.1f s vs %.1f s)" % (ratio, cold.wall_s, modernize.wall_s)),
        ("PASS" if warm.wall_s < TARGETS["warm_s"] else "FAIL", "warm re-plan < %.0f s" % TARGETS["warm_s"], "%.2f s" % warm.wall_s),
        ("PASS" if peak < TARGETS["peak_mb"] else "FAIL", "peak memory < %d MB" % TARGETS["peak_mb"],
         "%.0f MB (process tree RSS)" % peak),
    ]


def load_corpora(spec):
    """The packages of every corpus named by --corpus ("visible", "wider", "all" or paths, comma-separated),
    each tagged with the file it came from; stops with a message when a file is absent."""
    packages, seen = [], set()
    for item in filter(None, (part.strip() for part in spec.split(","))):
        for path in CORPORA.get(item, [Path(item)]):
            if not path.is_file():
                sys.exit("corpus_bench: %s not found%s" % (path, "; this benchmark needs the shared corpus beside the repository"
                                                           if path == CORPUS else ""))
            for package in json.loads(path.read_text())["packages"]:
                if package["name"].lower() in seen:
                    sys.exit("corpus_bench: %s is in two corpora" % package["name"])
                seen.add(package["name"].lower())
                packages.append(dict(package, corpus_file=str(path)))
    return packages


def select_packages(packages, names):
    if not names:
        return packages
    wanted = {n.strip().lower() for n in names.split(",") if n.strip()}
    chosen = [p for p in packages if p["name"].lower() in wanted]
    unknown = wanted - {p["name"].lower() for p in chosen}
    if unknown:
        sys.exit("corpus_bench: not in the corpus: %s (known: %s)" % (
            ", ".join(sorted(unknown)), ", ".join(p["name"] for p in packages)))
    return chosen


def bot_snapshot(rev):
    """A copy of the repository at commit `rev` (git archive) to run `python -m bot` from, so that
    uncommitted edits in the work tree do not change what is measured; cached by commit."""
    sha = subprocess.run(["git", "rev-parse", "--verify", rev + "^{commit}"], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout.strip()
    folder = WORK / "py3bridge-snapshots" / sha
    if not (folder / "bot").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", sha], cwd=REPO, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder, sha


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="visible",
                        help="visible (../shared/corpus.json, the default), wider (bench/wider_corpus.json), all (both), "
                             "or paths to corpus files; comma-separated")
    parser.add_argument("--packages", help="comma-separated corpus names (default: all)")
    parser.add_argument("--tools", default="py3bridge,modernize,futurize",
                        help="py3bridge always runs; leave out modernize and/or futurize to skip those peers")
    parser.add_argument("--py3bridge-rev", help="run py3bridge as committed at this revision (e.g. HEAD) instead of "
                                                "the work tree")
    parser.add_argument("--results", help="where to write the JSON results (default bench/.work/results.json for the "
                                          "visible corpus, results-<corpus>.json otherwise)")
    parser.add_argument("--skip-django", action="store_true", help="skip the Django scale run (always skipped "
                                                                    "when the visible corpus is not included)")
    parser.add_argument("--skip-tests", action="store_true", help="skip the packages' own test suites (2.7 and 3)")
    parser.add_argument("--no-evidence", action="store_true",
                        help="convert without first recording bytes/text evidence with the 2.7 suite")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    packages = select_packages(load_corpora(args.corpus), args.packages)
    peers = tuple(p for p in PEERS if p in {t.strip() for t in args.tools.split(",")})
    visible = any(p["corpus_file"] == str(CORPUS) for p in load_corpora(args.corpus))
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    WORK.mkdir(parents=True, exist_ok=True)
    bot_dir, sha = bot_snapshot(args.py3bridge_rev) if args.py3bridge_rev else (REPO, None)
    if sha:
        print("py3bridge as committed at %s (%s)" % (sha[:12], args.py3bridge_rev), flush=True)
    tools = Tools(bot_dir)
    results = [bench_package(package, tools, args.skip_tests, peers, not args.no_evidence) for package in packages]
    django = None if args.skip_django or not visible else bench_django(tools)
    elapsed, load = time.perf_counter() - started, (load_before, os.getloadavg()[0])
    print("\n" + bench_report.render(results, django, elapsed, load))
    label = args.corpus if args.corpus in CORPORA else "custom"
    out = Path(args.results) if args.results else WORK / ("results.json" if label == "visible" else "results-%s.json" % label)
    bench_report.write_json(out, results, django, elapsed, load, dict(vars(args), py3bridge_commit=sha))
    failed = any(status == "FAIL" for r in results for status, _, _ in r["checks"])
    failed = failed or bool(django and any(status == "FAIL" for status, _, _ in django["targets"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
