"""py3bridge's python3-only stage against pyupgrade --py3-plus, side by side on the visible corpus.

Usage (from the repository root, with the project venv):

    .venv/bin/python bench/python3_only.py [--packages NAME,...] [--skip-tests] [--py3bridge-rev REV]

For each package of ../shared/corpus.json: the unpacked sdist after py3bridge's `apply --stage all`
(fresh), then two copies of that tree: A gets `python -m bot apply A --stage python3-only --no-cache
--json` (timed, then run again on a copy of its output: a second run must change nothing), B gets
`pyupgrade --py3-plus` on every .py file (timed; pyupgrade, pinned below, lives in its own venv at
bench/.work/pyupgrade-venv and is never a project dependency). Per tree it counts the six imports,
`from __future__` lines and `super(...)` calls with arguments left, and the files compiling on the
package's Python 3 (corpus.json's py3_python); it runs the package's suite on that Python on the
--stage all tree, on A and on B, and compares the passing test ids. Lines the stage removed and
pyupgrade kept are sorted into shims, metaclass helpers, PY2/PY3 branches and other six uses.

Prints a table per package with totals, the wall-time ratio py3bridge/pyupgrade, and the checklist
of issue 15's "What it must show"; results go to bench/.work/python3-only.json. Trees, logs and the
Python 3 venvs (built like corpus_bench's, plus the hook recording passing test ids) are in
bench/.work/python3-only/. Exit status 1 when a check failed.
"""
import argparse
import ast
import difflib
import json
import os
import re
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import bench_py3  # bench/ is on sys.path when run as a script
import bench_suites
import corpus_bench  # puts the repository on sys.path, for workers below
from bench_measure import run_measured
from corpus_bench import CORPUS, REPO, WORK, Tools, bot_snapshot, copy_tree, fetch_tree
from workers.engine.interpreters import Interpreter
from workers.engine.tree import python_files
from workers.engine.verify import compile_errors

OUT = WORK / "python3-only"
RESULTS = WORK / "python3-only.json"
PYUPGRADE = "pyupgrade==3.22.0"
TOOLS = ("py3bridge", "pyupgrade")
BASE = "stage all"  # the label of the tree both tools start from
WALL_RATIO_TARGET = 2.0
COUNTED = ("six_imports", "future_imports", "super_with_args")

# A line the stage removed and pyupgrade kept, by what it was (the first pattern matching wins).
CATEGORIES = (
    ("six import", re.compile(r"^\s*(import\s+six\b|from\s+six\b)")),
    ("metaclass helper", re.compile(r"\b(with_metaclass|add_metaclass)\b")),
    ("PY2/PY3 branch", re.compile(r"\bPY[23]\b|\bversion_info\b")),
    ("shim", re.compile(r"^\s*(except\s+NameError\b|\w+\s*=\s*(input|int|str|range|chr|bytes|__bool__|__next__)\s*$)")),
    ("other six use", re.compile(r"\bsix\.\w+")),
)
STAGE_ONLY_KINDS = ("shim", "metaclass helper", "PY2/PY3 branch")  # what issue 15 says pyupgrade leaves


# ---- counting what is left -----------------------------------------------------------------

def _is_six(module):
    return module == "six" or module.startswith("six.")


def count_constructs(source):
    """Counter of six imports, `from __future__` lines and super() calls with arguments in a module
    (by its Python 3 syntax tree; by lines when it does not parse)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return _count_lines(source.decode("utf-8", "replace"))
    counts = Counter({key: 0 for key in COUNTED})
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            counts["six_imports"] += any(_is_six(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level:
            counts["future_imports"] += node.module == "__future__"
            counts["six_imports"] += _is_six(node.module or "")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super":
            counts["super_with_args"] += bool(node.args or node.keywords)
    return counts


def _count_lines(text):
    return Counter({
        "six_imports": len(re.findall(r"^\s*(?:import\s+six\b|from\s+six\b)", text, re.M)),
        "future_imports": len(re.findall(r"^\s*from\s+__future__\s+import\b", text, re.M)),
        "super_with_args": len(re.findall(r"\bsuper\(\s*[^)\s]", text)),
    })


def measure_tree(tree, python3):
    """What is left in a tree, per file and in total, and which files fail to compile on python3."""
    files = python_files(tree)
    per_file = {path: count_constructs((Path(tree) / path).read_bytes()) for path in files}
    errors = compile_errors(python3, [Path(tree) / path for path in files])[1]
    totals = sum(per_file.values(), Counter({key: 0 for key in COUNTED}))
    return {
        "files": len(files), "compiled": errors.count(None),
        "compile_errors": {path: error for path, error in zip(files, errors) if error},
        **{key: totals[key] for key in COUNTED},
        "six_imports_per_file": {path: counts["six_imports"] for path, counts in per_file.items() if counts["six_imports"]},
    }


# ---- what the stage removed and pyupgrade kept ---------------------------------------------

def removed_lines(before, after):
    """[(line number, text)] of the lines of `before` the diff to `after` deletes or rewrites."""
    old = before.read_text("utf-8", "replace").splitlines()
    new = after.read_text("utf-8", "replace").splitlines() if after.is_file() else []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(i + 1, old[i]) for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("replace", "delete")
            for i in range(i1, i2)]


def _category(line):
    return next((name for name, pattern in CATEGORIES if pattern.search(line)), None)


def stage_only_removals(base, stage, peer, limit=3):
    """{category: {"count", "examples"}} of the lines the stage removed or rewrote in `base` that
    pyupgrade left as they were, for the categories above."""
    found = {name: {"count": 0, "examples": []} for name, _ in CATEGORIES}
    before, after_stage, after_peer = (corpus_bench.snapshot(tree) for tree in (base, stage, peer))
    for path in sorted(p for p in before if p.endswith(".py") and after_stage.get(p) != before[p]):
        peer_removed = Counter(text.strip() for _, text in removed_lines(base / path, peer / path)) \
            if after_peer.get(path) != before[path] else Counter()
        for number, text in removed_lines(base / path, stage / path):
            category = _category(text)
            if not category:
                continue
            if peer_removed[text.strip()]:
                peer_removed[text.strip()] -= 1
                continue
            found[category]["count"] += 1
            if len(found[category]["examples"]) < limit:
                found[category]["examples"].append("%s:%d: %s" % (path, number, text.strip()))
    return found


# ---- the two tools -------------------------------------------------------------------------

def pyupgrade_tool():
    """bin/pyupgrade of its own Python 3.11 venv (built once)."""
    python3 = corpus_bench._real_python("python3.11")
    return corpus_bench._tool_venv("pyupgrade-venv", PYUPGRADE, "pyupgrade", python3)


def tree_after_stage_all(tools, original, work, logs, evidence=()):
    """(a fresh copy of the sdist converted by `apply --stage all`, the packages it declared for
    Python 3 only). `evidence`: the --evidence option, as the bot records it before such batches."""
    tree = copy_tree(original, work / "stage-all")
    run = tools.bot(["apply", tree, "--stage", "all", "--no-cache", "--json"] + list(evidence), logs / "stage-all")
    applied = corpus_bench._json_output(run)
    if applied is None:
        raise SystemExit("python3_only: apply --stage all crashed on %s: %s" % (original, run.tail()))
    return tree, corpus_bench.python3_extras(applied.get("dependencies_added", []))


def _crash_line(run):
    """The last line of a crashed run, with the codemod or fixer its traceback went through."""
    text = run.stderr.read_text(errors="replace")
    modules = re.findall(r"workers/(?:codemods|fixers)/(\w+)\.py", text)
    return ("in %s: " % modules[-1] if modules else "") + run.tail(1)


def run_stage(tools, base, work, logs):
    """Copy A: the python3-only stage, timed, then again on a copy of its output."""
    tree = copy_tree(base, work / "py3bridge")

    def apply(target, log_stem):
        return tools.bot(["apply", target, "--stage", "python3-only", "--no-cache", "--json"], log_stem)

    run = apply(tree, logs / "py3bridge")
    applied = corpus_bench._json_output(run) or {"files": [], "error": _crash_line(run)}
    result = {"tree": tree, "run": run.to_json(), "error": applied.get("error", ""),
              "changed_files": sum(1 for f in applied["files"] if f["status"] == "changed"),
              "not_applied": [f for f in applied["files"] if f["status"] != "changed"]}
    result.update(corpus_bench._second_run(tree, work / "py3bridge-again", lambda t: apply(t, logs / "py3bridge-again")))
    return result


def run_pyupgrade(pyupgrade, base, work, logs):
    """Copy B: pyupgrade --py3-plus on every .py file, timed (exit 1 means it rewrote something)."""
    tree = copy_tree(base, work / "pyupgrade")
    run = run_measured([str(pyupgrade), "--py3-plus"] + python_files(tree), tree, logs / "pyupgrade")
    result = {"tree": tree, "run": run.to_json(), "error": run.tail() if run.returncode not in (0, 1) else ""}
    before = corpus_bench.snapshot(base)
    result["changed_files"] = sum(1 for path, digest in corpus_bench.snapshot(tree).items() if before.get(path) != digest)
    return result


# ---- suites on Python 3 ----------------------------------------------------------------------

def py3_env(package, extras=()):
    """The package's Python 3 venv as corpus_bench builds it (with the backports `apply --stage all`
    declared for Python 3 only), in this benchmark's own folder (the corpus run may rebuild its own
    meanwhile), with the hook recording passing test ids."""
    env = bench_py3.ensure_env(OUT, package, extras)
    for site_packages in env.glob("lib/python3*/site-packages"):
        # bench_suites' 2.7 hook; its find_module/load_module finder still works up to Python 3.11
        (site_packages / "bench_passed_tests.py").write_text(bench_suites._HOOK)
        (site_packages / "bench_passed_tests.pth").write_text("import bench_passed_tests\n")
    return env


def run_py3_suites(package, trees, work, logs, extras=()):
    """{label: SuiteResult}: the package's suite on its Python 3 on a copy of each tree."""
    try:
        env = py3_env(package, extras)
    except bench_suites.EnvFailed as error:
        crash = bench_suites.SuiteResult(crash="no Python %s environment: %s" % (package["py3_python"], error))
        return {label: crash for label in trees}
    suites = {}
    for label, tree in trees.items():
        timeout = bench_suites.timeout_after(suites[BASE]) if suites else bench_suites.SUITE_TIMEOUT_S
        print("  running the Python %s suite on %s ..." % (package["py3_python"], label), flush=True)
        copy = copy_tree(tree, work / ("tests3-" + label.replace(" ", "-")))
        suites[label] = bench_suites.run_suite(package, copy, env, corpus_bench.RUNSUITE,
                                               logs / ("tests3-" + label.replace(" ", "-")), timeout)
    return suites


def compare_suites(before, after):
    """Lost and gained test ids (by count when a run did not record every passing test)."""
    same, how = bench_suites.compare(before, after)
    by_id = before.ids_complete and after.ids_complete
    lost = sorted((before.passed_ids - after.passed_ids).elements()) if by_id else []
    gained = sorted((after.passed_ids - before.passed_ids).elements()) if by_id else []
    lost_count = len(lost) if by_id else max(0, before.passed - after.passed)
    return {"same": same, "by_id": by_id, "lost": lost, "lost_count": lost_count, "gained": gained, "how": how}


# ---- one package ---------------------------------------------------------------------------

def package_python3(package):
    version = package["py3_python"]
    return Interpreter(version, str(bench_py3.py3_interpreter(version)))


def bench_package(package, tools, pyupgrade, skip_tests):
    name, version = package["name"], package["version"]
    print("\n%s %s: converting ..." % (name, version), flush=True)
    work, logs = OUT / "trees" / name, OUT / "logs" / name
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(logs, ignore_errors=True)
    original = fetch_tree("%s==%s" % (name, version), work / "original")
    evidence = [] if skip_tests else corpus_bench.record_evidence(package, original, work, logs, tools)
    base, extras = tree_after_stage_all(tools, original, work, logs, evidence)
    python3 = package_python3(package)
    result = {"name": name, "version": version, "py3_python": package["py3_python"], BASE: measure_tree(base, python3),
              "py3bridge": run_stage(tools, base, work, logs), "pyupgrade": run_pyupgrade(pyupgrade, base, work, logs)}
    for tool in TOOLS:
        result[tool].update(measure_tree(result[tool]["tree"], python3))
    result["stage_only"] = stage_only_removals(base, result["py3bridge"]["tree"], result["pyupgrade"]["tree"])
    result["tests"] = None
    if not skip_tests:
        trees = {BASE: base, "py3bridge": result["py3bridge"]["tree"], "pyupgrade": result["pyupgrade"]["tree"]}
        suites = run_py3_suites(package, trees, work, logs, extras)
        result["tests"] = {"suites": suites, **{tool: compare_suites(suites[BASE], suites[tool]) for tool in TOOLS}}
    return result


# ---- checks --------------------------------------------------------------------------------

def _more_six_than_pyupgrade(r):
    stage, peer = r["py3bridge"]["six_imports_per_file"], r["pyupgrade"]["six_imports_per_file"]
    return ["%s/%s (%d vs %d)" % (r["name"], path, n, peer.get(path, 0)) for path, n in stage.items() if n > peer.get(path, 0)]


def _compile_failures(r):
    before = r[BASE]["compile_errors"]
    return ["%s/%s%s: %s" % (r["name"], path, " (already after --stage all)" if path in before else "", error)
            for path, error in r["py3bridge"]["compile_errors"].items()]


def _lost_tests(results, tool):
    """"package: ids" for every package whose suite passed fewer tests after the tool (gains are details)."""
    lost = []
    for r in results:
        comparison = r["tests"] and r["tests"][tool]
        if comparison and comparison["lost_count"]:
            lost.append("%s: %s" % (r["name"], ", ".join(comparison["lost"]) or comparison["how"]))
    return lost


def _wall(results, tool):
    return sum(r[tool]["run"]["wall_s"] for r in results)


def checklist(results, skip_tests):
    """[(PASS/FAIL/SKIP, check, detail)] against issue 15's "What it must show"."""
    def check(failures, name, detail):
        return ("FAIL" if failures else "PASS", name, corpus_bench._listed(failures) or detail)

    stage_only = {kind: sum(r["stage_only"][kind]["count"] for r in results) for kind in STAGE_ONLY_KINDS}
    slow = ["%s %.1fx" % (r["name"], _ratio(r)) for r in results if _ratio(r) > WALL_RATIO_TARGET]
    total_ratio = _wall(results, "py3bridge") / max(_wall(results, "pyupgrade"), 1e-9)
    second = [r["name"] + ": " + p for r in results for p in r["py3bridge"]["changed_by_second_run"]]
    second += [r["name"] + ": " + r["py3bridge"]["error"] for r in results if r["py3bridge"]["error"]]
    checks = [
        check([f for r in results for f in _more_six_than_pyupgrade(r)], "no six import left where pyupgrade removes it",
              "%d six imports left after the stage, %d after pyupgrade" % (
                  sum(r["py3bridge"]["six_imports"] for r in results), sum(r["pyupgrade"]["six_imports"] for r in results))),
        ("PASS" if sum(stage_only.values()) else "FAIL", "the stage removes shims, metaclass helpers or PY2 branches "
         "pyupgrade leaves", ", ".join("%s %d" % item for item in stage_only.items()) + " lines"),
        check([f for r in results for f in _compile_failures(r)], "every file compiles on Python 3 after the stage",
              "%d files" % sum(r["py3bridge"]["files"] for r in results)),
    ]
    checks.append(_suite_check(results, skip_tests, check))
    checks.append(check(second, "a second run changes nothing", "no file changed"))
    # Judged on the ten runs together: a package whose pyupgrade run takes 0.3 s cannot be within 2x
    # of it after the stage's fixed start (libcst's import); each package's ratio is still shown.
    checks.append(("FAIL" if total_ratio > WALL_RATIO_TARGET else "PASS",
                   "wall time within %.0fx pyupgrade's over the packages together" % WALL_RATIO_TARGET,
                   "total %.2fx%s" % (total_ratio, "; on its own over it: " + ", ".join(slow) if slow else "")))
    return checks


def _suite_check(results, skip_tests, check):
    name = "the Python 3 suites pass the same tests as before"
    if skip_tests:
        return "SKIP", name, "--skip-tests"
    lost = _lost_tests(results, "py3bridge")
    silent = [r["name"] for r in results if not r["tests"]["suites"][BASE].passed]
    if not lost and len(silent) == len(results):
        return "SKIP", name, "no test passes on Python 3 after --stage all in any of them: nothing to compare"
    passed = sum(r["tests"]["suites"]["py3bridge"].passed for r in results)
    return check(lost, name, "%d tests pass after the stage%s" % (
        passed, "; none passes after --stage all in " + ", ".join(silent) if silent else ""))


def _ratio(r):
    return r["py3bridge"]["run"]["wall_s"] / max(r["pyupgrade"]["run"]["wall_s"], 1e-9)


# ---- output --------------------------------------------------------------------------------

COLUMNS = ("package", "files", "six imports", "__future__", "super(args)", "compile on 3", "py3 tests passed",
           "lost", "wall s", "ratio", "2nd run")


def _triple(r, key):
    return "%d/%d/%d" % (r[BASE][key], r["py3bridge"][key], r["pyupgrade"][key])


def _tests_cells(r):
    if not r["tests"]:
        return "-", "-"
    suites = r["tests"]["suites"]
    passed = "/".join("%d%s" % (suites[k].passed, "!" if suites[k].crash else "") for k in (BASE,) + TOOLS)
    return passed, "%d/%d" % (r["tests"]["py3bridge"]["lost_count"], r["tests"]["pyupgrade"]["lost_count"])


def table_row(r):
    passed, lost = _tests_cells(r)
    return (r["name"], str(r[BASE]["files"]), _triple(r, "six_imports"), _triple(r, "future_imports"),
            _triple(r, "super_with_args"), "%d/%d" % (r["py3bridge"]["compiled"], r["pyupgrade"]["compiled"]),
            passed, lost, "%.2f/%.2f" % (r["py3bridge"]["run"]["wall_s"], r["pyupgrade"]["run"]["wall_s"]),
            "%.1fx" % _ratio(r), "same" if r["py3bridge"]["idempotent"] and not r["py3bridge"]["error"] else "CHANGED")


def total_row(results):
    def total(key):
        return {label: {key: sum(r[label][key] for r in results)} for label in (BASE,) + TOOLS}

    def triple(key):
        return _triple(total(key), key)

    tested = [r for r in results if r["tests"]]
    passed = "/".join(str(sum(r["tests"]["suites"][k].passed for r in tested)) for k in (BASE,) + TOOLS) if tested else "-"
    lost = "/".join(str(sum(r["tests"][t]["lost_count"] for r in tested)) for t in TOOLS) if tested else "-"
    walls = _wall(results, "py3bridge"), _wall(results, "pyupgrade")
    return ("TOTAL", str(sum(r[BASE]["files"] for r in results)), triple("six_imports"), triple("future_imports"),
            triple("super_with_args"), "%d/%d" % (sum(r["py3bridge"]["compiled"] for r in results),
                                                  sum(r["pyupgrade"]["compiled"] for r in results)),
            passed, lost, "%.2f/%.2f" % walls, "%.1fx" % (walls[0] / max(walls[1], 1e-9)),
            "same" if all(r["py3bridge"]["idempotent"] for r in results) else "CHANGED")


def markdown_table(results):
    rows = [COLUMNS, tuple("---" for _ in COLUMNS)] + [table_row(r) for r in results] + [total_row(results)]
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def details(r):
    """Lines under the table for one package: errors, lost tests, examples the stage removed."""
    lines = []
    for tool in TOOLS:
        if r[tool]["error"]:
            lines.append("%s: %s failed: %s" % (r["name"], tool, r[tool]["error"]))
        for item in r[tool].get("not_applied", []):
            lines.append("%s: %s not applied to %s: %s" % (r["name"], tool, item["path"], item.get("reason", item["status"])))
        for path, error in r[tool]["compile_errors"].items():
            lines.append("%s: after %s, %s does not compile: %s" % (r["name"], tool, path, error))
        if r["tests"] and not r["tests"][tool]["same"]:
            lines.append("%s: Python %s tests after %s: %s" % (r["name"], r["py3_python"], tool, r["tests"][tool]["how"]))
    for label, suite in (r["tests"]["suites"].items() if r["tests"] else ()):
        if suite.crash:
            lines.append("%s: the suite on %s printed no summary: %s" % (r["name"], label, suite.crash))
    for kind in STAGE_ONLY_KINDS:
        for example in r["stage_only"][kind]["examples"]:
            lines.append("%s: %s removed by the stage, kept by pyupgrade: %s" % (r["name"], kind, example))
    return lines


def render(results, checks, elapsed, load):
    out = ["python3-only stage (py3bridge) vs pyupgrade --py3-plus, from the tree after --stage all",
           "cells a/b/c: after --stage all / after the python3-only stage / after pyupgrade; a/b: stage / pyupgrade;",
           "compile on 3 counts files compiling on the package's py3_python; lost: tests passing after --stage all "
           "and not after; ratio: wall time py3bridge / pyupgrade; ! marks a suite that printed no summary", "",
           markdown_table(results), ""]
    out += [line for r in results for line in details(r)]
    removed = {name: sum(r["stage_only"][name]["count"] for r in results) for name, _ in CATEGORIES}
    out.append("Lines the stage removed or rewrote and pyupgrade kept: " + ", ".join("%s %d" % item for item in removed.items()))
    out += ["", "Checklist (issue 15, What it must show):"]
    out += ["  %s  %s: %s" % check for check in checks]
    out.append("\n%.0f s in all; 1-minute load average %.1f at the start, %.1f at the end" % ((elapsed,) + load))
    return "\n".join(out)


def _jsonable(value):
    if isinstance(value, bench_suites.SuiteResult):
        return dict(value.to_json(), passed_ids=sorted(value.passed_ids.elements()))
    if isinstance(value, Path):
        return str(value)
    raise TypeError("not serializable: %r" % (value,))


def write_json(results, checks, elapsed, load, args, sha):
    data = {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "elapsed_s": round(elapsed, 1), "load_average": load,
            "pyupgrade": PYUPGRADE, "options": vars(args), "py3bridge_commit": sha,
            "table": markdown_table(results), "packages": results, "checks": checks}
    RESULTS.write_text(json.dumps(data, indent=1, default=_jsonable))


# ---- the run -------------------------------------------------------------------------------

def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packages", help="comma-separated corpus names (default: all ten)")
    parser.add_argument("--skip-tests", action="store_true", help="skip the packages' Python 3 suites")
    parser.add_argument("--py3bridge-rev", help="run py3bridge as committed at this revision (e.g. HEAD) instead of "
                                                "the work tree")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    packages = in_given_order(corpus_bench.select_packages(corpus_bench.load_corpora(str(CORPUS)), args.packages),
                              args.packages)
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    OUT.mkdir(parents=True, exist_ok=True)
    bot_dir, sha = bot_snapshot(args.py3bridge_rev) if args.py3bridge_rev else (REPO, None)
    if sha:
        print("py3bridge as committed at %s (%s)" % (sha[:12], args.py3bridge_rev), flush=True)
    tools, pyupgrade = Tools(bot_dir), pyupgrade_tool()
    results = []
    for package in packages:
        results.append(bench_package(package, tools, pyupgrade, args.skip_tests))
        print("  " + " | ".join(table_row(results[-1])), flush=True)
        # written after every package: a run stopped early keeps what it measured
        checks = checklist(results, args.skip_tests)
        elapsed, load = time.perf_counter() - started, (load_before, os.getloadavg()[0])
        write_json(results, checks, elapsed, load, args, sha)
    print("\n" + render(results, checks, elapsed, load))
    return 1 if any(status == "FAIL" for status, _, _ in checks) else 0


def in_given_order(packages, names):
    """The selected packages in the order --packages names them (smallest first finishes more in a time box)."""
    if not names:
        return packages
    order = [name.strip().lower() for name in names.split(",")]
    return sorted(packages, key=lambda package: order.index(package["name"].lower()))


if __name__ == "__main__":
    sys.exit(main())
