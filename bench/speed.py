"""How fast py3bridge converts, against python-modernize 0.8 on the same trees in the same run.

    .venv/bin/python bench/speed.py [--packages NAME,...] [--skip-django] [--save-baseline]
        [--py3bridge-rev REV | --py3bridge-dir PATH] [--reference PATH]

- cold apply: on a fresh copy of each of the ten visible corpus packages (../shared/corpus.json),
  `python -m bot apply TREE --stage all --no-cache` and `python-modernize -w -n .`, alternated
  package by package (which tool goes first alternates too);
- Django 1.4.22: COLD_PAIRS times, `python -m bot plan` on a fresh copy with an empty cache folder
  (cold, both stages) and `python-modernize -w -n .` on another fresh copy, next to each other
  (which goes first alternates); the table gives the pair with the median ratio and lists them
  all. Then WARM_RUNS warm re-plans of the last cold plan's copy, each after appending a comment
  line to the same 20 files again: the table gives their median and lists them all. One sample is
  at the mercy of this machine's speed, which moves by a quarter from one minute to the next;
- peak RSS: the largest sum of RSS over py3bridge's process tree in any of its runs;
- outputs identical: every file of every converted tree against the trees `apply` makes when run
  from `--reference PATH` (a copy of the repository without the change under test), or else against
  the digests saved by `--save-baseline`.

Prints one table with the 1-minute load average at start and end; results in
bench/.work/speed/results.json. Reuses corpus_bench's downloads and python-modernize venv.
"""
import argparse
import functools
import json
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_bench import (DJANGO, DJANGO_EDITS, REPO, WORK, Tools, bot_snapshot, copy_tree, edit_files,  # noqa: E402
                          fetch_tree, load_corpora, select_packages, snapshot)
from workers.engine.tree import python_files  # noqa: E402

SPEED = WORK / "speed"
BASELINE = SPEED / "baseline.json"
TARGETS = {"apply_vs_modernize": 1.0, "cold_plan_vs_modernize": 0.3, "warm_s": 0.5, "peak_mb": 500}
WARM_RUNS = 5
COLD_PAIRS = 3


def original_tree(requirement, name):
    """The unpacked sdist, unpacked once into bench/.work/speed/original/NAME."""
    folder = SPEED / "original" / name
    if not folder.is_dir():
        fetch_tree(requirement, folder)
    return folder


def apply_py3bridge(tools, original, name):
    tree = copy_tree(original, SPEED / "py3bridge" / name)
    return tools.bot(["apply", tree, "--stage", "all", "--no-cache"], SPEED / "logs" / name / "apply"), tree


def apply_modernize(tools, original, name):
    tree = copy_tree(original, SPEED / "modernize" / name)
    return tools.run_modernize(tree, SPEED / "logs" / name / "modernize")


def cold_applies(tools, packages):
    """{name: (py3bridge Run, modernize Run, py3bridge's output tree)}, the tools alternated."""
    runs = {}
    for index, package in enumerate(packages):
        name = package["name"]
        original = original_tree("%s==%s" % (name, package["version"]), name)
        print("%s: applying ..." % name, flush=True)
        if index % 2:
            modernize = apply_modernize(tools, original, name)
            bridge, tree = apply_py3bridge(tools, original, name)
        else:
            bridge, tree = apply_py3bridge(tools, original, name)
            modernize = apply_modernize(tools, original, name)
        runs[name] = (bridge, modernize, tree)
    return runs


def django_runs(tools):
    """([(cold plan, python-modernize)], [warm re-plans]) Runs on Django 1.4.22."""
    print("Django: planning ...", flush=True)
    original = original_tree(DJANGO, "Django")
    cache, logs = SPEED / "django-cache", SPEED / "logs" / "Django"
    env = dict(tools.bot_env, PY3BRIDGE_CACHE_DIR=str(cache))
    pairs = []
    for number in range(1, COLD_PAIRS + 1):
        tree = copy_tree(original, SPEED / "py3bridge" / "Django")
        shutil.rmtree(cache, ignore_errors=True)
        plan = functools.partial(tools.bot, ["plan", tree], logs / ("plan-cold-%d" % number), env)
        modernize = functools.partial(tools.run_modernize, copy_tree(original, SPEED / "modernize" / "Django"),
                                      logs / ("modernize-%d" % number))
        if number % 2:
            pairs.append((plan(), modernize()))
        else:
            peer = modernize()
            pairs.append((plan(), peer))
    warms = []
    for number in range(1, WARM_RUNS + 1):
        edit_files(tree, python_files(tree), DJANGO_EDITS)
        warms.append(tools.bot(["plan", tree], logs / ("plan-warm-%d" % number), env))
    return pairs, warms


def median_run(runs):
    return sorted(runs, key=lambda run: run.wall_s)[len(runs) // 2]


def median_pair(pairs):
    """The (py3bridge, peer) pair whose ratio is the median."""
    return sorted(pairs, key=lambda pair: pair[0].wall_s / pair[1].wall_s)[len(pairs) // 2]


def reference_outputs(reference, packages):
    """({package: {path: digest}}, total wall) of `apply` run from another copy of the repository."""
    tools, outputs, wall = Tools(Path(reference)), {}, 0.0
    for package in packages:
        name = package["name"]
        print("%s: applying with the reference ..." % name, flush=True)
        tree = copy_tree(SPEED / "original" / name, SPEED / "reference" / name)
        wall += tools.bot(["apply", tree, "--stage", "all", "--no-cache"], SPEED / "logs" / name / "reference").wall_s
        outputs[name] = snapshot(tree)
    return outputs, wall


def differing_files(runs, saved=None):
    """[(package, path)] whose py3bridge output differs from `saved` ({package: {path: digest}}, by
    default the saved baseline); None without one."""
    if saved is None and not BASELINE.is_file():
        return None
    saved = saved if saved is not None else json.loads(BASELINE.read_text())
    differ = []
    for name, (_, _, tree) in runs.items():
        now, then = snapshot(tree), saved.get(name)
        if then is None:
            differ.append((name, "(not in the baseline)"))
            continue
        differ += [(name, path) for path in sorted(set(now) | set(then)) if now.get(path) != then.get(path)]
    return differ


def save_baseline(runs):
    saved = json.loads(BASELINE.read_text()) if BASELINE.is_file() else {}
    for name, (_, _, tree) in runs.items():
        saved[name] = snapshot(tree)
        copy_tree(tree, SPEED / "baseline" / name)  # kept for diffing when a later run differs
    BASELINE.write_text(json.dumps(saved, indent=1, sort_keys=True))


def _verdict(passed):
    return "PASS" if passed else "FAIL"


def table(runs, django, differ, loads):
    bridge = sum(r[0].wall_s for r in runs.values())
    modernize = sum(r[1].wall_s for r in runs.values())
    bridge_runs = [r[0] for r in runs.values()] + ([pair[0] for pair in django[0]] + django[1] if django else [])
    peak = max(run.tree_rss_mb for run in bridge_runs)
    failed = ["%s (exit %d)" % (name, r[0].returncode) for name, r in runs.items() if r[0].returncode not in (0, 1)]
    rows = [("measure", "py3bridge", "python-modernize", "ratio", "target", "")]
    ratio = bridge / modernize
    rows.append(("apply --stage all --no-cache, %d packages" % len(runs), "%.1f s" % bridge, "%.1f s" % modernize,
                 "%.2fx" % ratio, "<= %.1fx" % TARGETS["apply_vs_modernize"],
                 _verdict(ratio <= TARGETS["apply_vs_modernize"] and not failed)))
    if django:
        pairs, warms = django
        (cold, peer), warm = median_pair(pairs), median_run(warms)
        ratio = cold.wall_s / peer.wall_s
        rows.append(("Django 1.4.22 cold plan (both stages, median)", "%.1f s" % cold.wall_s,
                     "%.1f s (full run)" % peer.wall_s,
                     "%.2fx" % ratio, "<= %.1fx" % TARGETS["cold_plan_vs_modernize"],
                     _verdict(ratio <= TARGETS["cold_plan_vs_modernize"])))
        rows.append(("Django warm re-plan, %d files edited (median)" % DJANGO_EDITS, "%.2f s" % warm.wall_s, "", "",
                     "< %.1f s" % TARGETS["warm_s"], _verdict(warm.wall_s < TARGETS["warm_s"])))
    rows.append(("peak RSS, whole process tree", "%.0f MB" % peak, "%.0f MB" % max(r[1].tree_rss_mb for r in runs.values()),
                 "", "< %d MB" % TARGETS["peak_mb"], _verdict(peak < TARGETS["peak_mb"])))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    lines.append("")
    lines += ["%-20s %6.1f s %6.1f s  %5.2fx" % (name, r[0].wall_s, r[1].wall_s, r[0].wall_s / r[1].wall_s)
              for name, r in runs.items()]
    if django:
        lines.append("Django cold plans against python-modernize, in order: %s" % ", ".join(
            "%.1f / %.1f s (%.3fx)" % (plan.wall_s, peer.wall_s, plan.wall_s / peer.wall_s) for plan, peer in django[0]))
        lines.append("Django warm re-plans, in order: %s" % ", ".join("%.2f s" % run.wall_s for run in django[1]))
    lines.append("1-minute load average: %.2f at start, %.2f at end; %d cores" % (loads[0], loads[1], os.cpu_count()))
    if failed:
        lines.append("py3bridge apply crashed: %s" % ", ".join(failed))
    if differ is None:
        lines.append("outputs identical: unknown (no baseline: run once with --save-baseline)")
    else:
        lines.append("outputs identical: %s" % ("yes" if not differ else "no (%d files: %s)" % (
            len(differ), ", ".join("%s/%s" % item for item in differ[:10]))))
    return "\n".join(lines)


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packages", help="comma-separated names from the visible corpus (default: all ten)")
    parser.add_argument("--skip-django", action="store_true")
    parser.add_argument("--save-baseline", action="store_true",
                        help="record py3bridge's output trees as the reference for 'outputs identical'")
    parser.add_argument("--py3bridge-rev", help="run py3bridge as committed at this revision instead of the work tree")
    parser.add_argument("--reference", help="a copy of the repository without the change under test: its apply "
                                            "output is what py3bridge's must equal (instead of the saved baseline)")
    parser.add_argument("--py3bridge-dir", help="run py3bridge from this copy of the repository (e.g. the work tree "
                                                "without the change under test, with --save-baseline)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    packages = select_packages(load_corpora("visible"), args.packages)
    SPEED.mkdir(parents=True, exist_ok=True)
    tools = Tools(bot_snapshot(args.py3bridge_rev)[0] if args.py3bridge_rev else Path(args.py3bridge_dir or REPO))
    load_start = os.getloadavg()[0]
    runs = cold_applies(tools, packages)
    django = None if args.skip_django else django_runs(tools)
    loads = (load_start, os.getloadavg()[0])
    if args.save_baseline:
        save_baseline(runs)
    reference = reference_outputs(args.reference, packages) if args.reference else None
    differ = differing_files(runs, reference[0] if reference else None)
    print("\n" + table(runs, django, differ, loads))
    if reference:
        print("the reference's apply, same packages, after the runs above: %.1f s" % reference[1])
    results = {"load_1min": loads, "packages": {name: {"py3bridge": r[0].to_json(), "modernize": r[1].to_json()}
                                                for name, r in runs.items()},
               "django": [run.to_json() for run in median_pair(django[0]) + (median_run(django[1]),)] if django else None,
               "django_cold_pairs": [[run.to_json() for run in pair] for pair in django[0]] if django else None,
               "django_warm_runs": [run.to_json() for run in django[1]] if django else None,
               "outputs_differ": differ, "time": time.strftime("%Y-%m-%d %H:%M:%S")}
    (SPEED / "results.json").write_text(json.dumps(results, indent=1))
    return 0 if differ == [] else 1


if __name__ == "__main__":
    sys.exit(main())
