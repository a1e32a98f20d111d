"""Why tests passing on 2.7 before py3bridge fail after: each lost test with its failure and the
fixers that rewrote the lines its traceback went through.

Usage (after corpus_bench.py has run; from the repository root):

    .venv/bin/python bench/lost_tests.py [RESULTS_JSON] [--tool py3bridge] [--packages NAME,...]

Reads the results file (default bench/.work/results-wider.json) and, per package, the logs and
trees corpus_bench.py left in bench/.work/. For every test id passing before and not after:

- the failure block unittest or nose printed for it in the 2.7 run after the tool
  (logs/<package>/tests-<tool>.err), reduced to its last exception line;
- every traceback frame inside the converted tree, with the converted line and, when the tool is
  py3bridge, the fixers whose sites (apply --json) cover that line, and the same line before
  (from the unconverted tree, when the file's line count did not change).

A test with no failure block of its own was not run after (its module failed to import, or the
suite stopped): those are listed together with the failure blocks that name no test id.
Nothing is changed; the output is meant to be read, and pasted into a fixer's issue.
"""
import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

WORK = Path(__file__).resolve().parent / ".work"
_BLOCK = re.compile(r"^={20,}\n(FAIL|ERROR): (.*?)\n-{20,}\n(.*?)(?=^={20,}\n|^-{20,}\nRan |\Z)", re.M | re.S)
_FRAME = re.compile(r'^\s*File "([^"]+)", line (\d+)', re.M)


def failure_blocks(text):
    """{test id: (FAIL|ERROR, traceback text)} from a unittest/nose run's output."""
    return {name.strip(): (kind, body) for kind, name, body in _BLOCK.findall(text)}


def last_exception(body):
    lines = [line for line in body.strip().splitlines() if line.strip()]
    for line in reversed(lines):
        if not line.startswith((" ", "\t")) and not line.startswith("Traceback"):
            return line.strip()[:300]
    return lines[-1].strip()[:300] if lines else ""


def fixer_sites(logs, tool):
    """{relative path: [(fixer, first line, last line)]} from py3bridge's apply --json."""
    if tool != "py3bridge":
        return {}
    try:
        data = json.loads((logs / "py3bridge-apply.out").read_text())
    except (OSError, ValueError):
        return {}
    sites = defaultdict(list)
    for item in data.get("files", []):
        for fixer, spans in (item.get("sites") or {}).items():
            for span in spans:
                sites[item["path"]].append((fixer, span["line"], span.get("end_line", span["line"])))
    return sites


def _line(path, number):
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return None, 0
    return (lines[number - 1].strip() if 0 < number <= len(lines) else None), len(lines)


def frames(body, tree_root, original_root, sites):
    """[(relative path, line, converted text, original text or None, [fixers])] for frames in the tree."""
    found = []
    for path, number in _FRAME.findall(body):
        path, number = Path(path), int(number)
        if not path.is_absolute():
            continue  # a relative path: resolved below from the tree root
        try:
            relative = path.relative_to(tree_root)
        except ValueError:
            continue
        found.append((relative, number))
    for path, number in _FRAME.findall(body):
        if not Path(path).is_absolute() and (tree_root / path).is_file():
            found.append((Path(path), int(number)))
    rows = []
    for relative, number in found:
        after, after_count = _line(tree_root / relative, number)
        before, before_count = _line(original_root / relative, number)
        fixers = sorted({name for name, first, last in sites.get(relative.as_posix(), []) if first <= number <= last})
        rows.append((relative.as_posix(), number, after, before if before_count == after_count else None, fixers))
    return rows


def explain(package, tool, lost, out):
    logs, trees = WORK / "logs" / package, WORK / "trees" / package
    text = (logs / ("tests-%s.err" % tool)).read_text(errors="replace")
    text += "\n" + (logs / ("tests-%s.out" % tool)).read_text(errors="replace")
    blocks = failure_blocks(text)
    sites = fixer_sites(logs, tool)
    tree_root, original_root = trees / ("tests-" + tool), trees / "original"
    not_run = []
    out.write("\n%s: %d test(s) lost after %s\n" % (package, len(lost), tool))
    for test in lost:
        if test not in blocks:
            not_run.append(test)
            continue
        kind, body = blocks[test]
        out.write("- %s %s: %s\n" % (kind, test, last_exception(body)))
        rows = frames(body, tree_root, original_root, sites)
        for relative, number, after, before, fixers in rows:
            out.write("    %s:%d  [%s]\n      after:  %s\n" % (relative, number, ", ".join(fixers) or "no fixer site", after))
            if before is not None and before != after:
                out.write("      before: %s\n" % before)
        for relative in sorted({row[0] for row in rows}):
            counts = Counter(name for name, _, _ in sites.get(relative, []))
            if counts:  # the rewrite at fault is often elsewhere in a file the test went through
                out.write("    fixers with sites in %s: %s\n" % (relative, ", ".join("%s (%d)" % item for item in sorted(counts.items()))))
    if not_run:
        out.write("- not run after, or failing without a block of their own (%d): %s%s\n" % (
            len(not_run), "; ".join(not_run[:10]), "; and %d more" % (len(not_run) - 10) if len(not_run) > 10 else ""))
        others = Counter((kind, last_exception(body)) for name, (kind, body) in blocks.items() if name not in lost)
        for (kind, line), count in others.most_common(10):
            out.write("    %d x %s %s\n" % (count, kind, line))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="?", default=str(WORK / "results-wider.json"))
    parser.add_argument("--tool", default="py3bridge")
    parser.add_argument("--packages", help="comma-separated names (default: every package that lost tests)")
    args = parser.parse_args(argv)
    data = json.loads(Path(args.results).read_text())
    wanted = {n.strip().lower() for n in (args.packages or "").split(",") if n.strip()}
    total = 0
    for package in data["packages"]:
        if wanted and package["name"].lower() not in wanted:
            continue
        lost = ((package.get("tests_lost_py27") or {}).get(args.tool) or {})
        names = lost.get("ids") or []
        if lost.get("count") and not names:
            sys.stdout.write("\n%s: %d lost, counted by passes (%s): no ids to explain\n" % (
                package["name"], lost["count"], lost.get("how", "")))
        if names:
            explain(package["name"], args.tool, names, sys.stdout)
        total += lost.get("count") or 0
    sys.stdout.write("\n%d test(s) lost in all after %s\n" % (total, args.tool))
    return 0


if __name__ == "__main__":
    sys.exit(main())
