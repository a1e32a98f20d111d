"""Whether a change keeps py3bridge's outputs: one stage applied at two revisions, file by file.

    .venv/bin/python bench/same_outputs.py --base REV [--rev REV] [--stage python3-only|all]
        [--corpus visible|wider|all] [--django] [--packages NAME,...]

Each package's sdist is unpacked (downloads cached in bench/.work/downloads). For `--stage all`
that is the input; for `--stage python3-only` (the default) the input is the sdist after
`apply --stage all` at the base revision (cached per base commit in
bench/.work/same/inputs/<commit>/<package>). Both revisions, run from snapshots of their commits
(the work tree when `--rev` is not given), apply the stage to their own copy of the input with
`--no-cache --json`. The trees must be byte-identical and the JSON equal, apart from each file's
"reason" text (an error message may name the copy's folder). `--django` adds Django 1.4.22 (1,875
files); the wider corpus is bench/wider_corpus.json's 50 packages.

Prints one line per package and, for one that differs, its files; keeps `trees.diff` and both
JSONs in bench/.work/same/diffs/<package>/. Exit status 1 when any package differs or could not
be compared (pip cannot download vobject 0.8.1c's sdist here: its egg_info step fails). About 8
minutes for `--corpus all --django` on this 2-core machine.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

import corpus_bench  # bench/ is on sys.path when run as a script; this puts the repository there too
from corpus_bench import DJANGO, REPO, WORK, bot_snapshot, byte_compile, copy_tree, fetch_tree
from workers.engine.interpreters import find_python2
from workers.sdist import DownloadFailed

SAME = WORK / "same"
SIDES = ("base", "rev")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", required=True, help="the revision whose outputs are the reference")
    parser.add_argument("--rev", help="the revision under test (default: the work tree)")
    parser.add_argument("--stage", default="python3-only", choices=("python3-only", "all", "syntax", "semantic"))
    parser.add_argument("--corpus", default="all", help="visible, wider or all (default: all)")
    parser.add_argument("--django", action="store_true", help="add Django 1.4.22")
    parser.add_argument("--packages", help="only these packages (comma-separated)")
    return parser.parse_args(argv)


def requirements(args):
    """[(name, requirement)] of the packages to compare."""
    packages = corpus_bench.select_packages(corpus_bench.load_corpora(args.corpus), args.packages)
    chosen = [(p["name"], "%s==%s" % (p["name"], p["version"])) for p in packages]
    return chosen + ([("Django", DJANGO)] if args.django else [])


def apply(bot_dir, tree, stage):
    """(exit status, stdout) of `python -m bot apply TREE --stage STAGE --no-cache --json`."""
    env = dict(os.environ, PY3BRIDGE_PYTHON2=find_python2().path)
    env.pop("PYTHONPATH", None)
    proc = subprocess.run([sys.executable, "-m", "bot", "apply", str(tree), "--stage", stage, "--no-cache", "--json"],
                          cwd=bot_dir, env=env, capture_output=True, text=True)
    return proc.returncode, proc.stdout


def input_tree(name, requirement, stage, base_dir, base_sha):
    """The tree the stage starts from: the sdist, or for python3-only the sdist after --stage all
    at the base revision."""
    original = SAME / "sdists" / name
    if not original.is_dir():
        fetch_tree(requirement, original)
    if stage != "python3-only":
        return original
    converted = SAME / "inputs" / base_sha / name
    if not converted.is_dir():
        partial = copy_tree(original, converted.with_name(name + ".partial"))
        status, _ = apply(base_dir, partial, "all")
        if status not in (0, 1):
            sys.exit("same_outputs: apply --stage all at the base revision failed on %s (exit %d)" % (name, status))
        partial.rename(converted)
    return converted


def normalised(stdout, tree):
    """The JSON with the copy's folder and each file's reason left out, or the raw text if it is not JSON."""
    try:
        data = json.loads(stdout.replace(str(tree), "<TREE>"))
    except ValueError:
        return stdout
    for entry in data.get("files", []):
        entry.pop("reason", None)
    return json.dumps(data, sort_keys=True, indent=1)


def compare(name, source, dirs, stage):
    """(same?, {side: wall seconds}) for one package; keeps the differences when there are any."""
    outputs, walls = {}, {}
    for side in SIDES:
        tree = copy_tree(source, SAME / "runs" / side)
        start = time.monotonic()
        status, stdout = apply(dirs[side], tree, stage)
        walls[side] = time.monotonic() - start
        outputs[side] = (status, normalised(stdout, tree))
    diff = subprocess.run(["diff", "-r", "-u", "-N", "base", "rev"], cwd=SAME / "runs", capture_output=True, text=True)
    same = not diff.stdout and outputs["base"] == outputs["rev"]
    if not same:
        kept = SAME / "diffs" / name
        shutil.rmtree(kept, ignore_errors=True)
        kept.mkdir(parents=True)
        (kept / "trees.diff").write_text(diff.stdout)
        for side in SIDES:
            (kept / (side + ".json")).write_text(outputs[side][1])
        files = [line.rsplit(" ", 2)[1][len("base/"):] for line in diff.stdout.splitlines() if line.startswith("diff -r")]
        print("    files: %s; exit %d/%d; kept in %s" % (", ".join(files) or "(JSON only)", outputs["base"][0],
                                                          outputs["rev"][0], kept), flush=True)
    return same, walls


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    base_dir, base_sha = bot_snapshot(args.base)
    rev_dir, rev_sha = bot_snapshot(args.rev) if args.rev else (REPO, None)
    for folder in (base_dir, rev_dir):
        byte_compile(folder)
    dirs = {"base": base_dir, "rev": rev_dir}
    print("base %s, rev %s, stage %s" % (base_sha[:12], rev_sha[:12] if rev_sha else "the work tree", args.stage),
          flush=True)
    differing, not_compared, totals = [], [], {side: 0.0 for side in SIDES}
    for name, requirement in requirements(args):
        try:
            source = input_tree(name, requirement, args.stage, base_dir, base_sha)
        except DownloadFailed as err:
            print("%-20s NOT COMPARED: %s" % (name, str(err).splitlines()[0]), flush=True)
            not_compared.append(name)
            continue
        same, walls = compare(name, source, dirs, args.stage)
        print("%-20s %s   (%.1f s / %.1f s)" % (name, "same" if same else "DIFFERS", walls["base"], walls["rev"]), flush=True)
        for side in SIDES:
            totals[side] += walls[side]
        if not same:
            differing.append(name)
    print("apply wall, base %.1f s, rev %.1f s" % (totals["base"], totals["rev"]))
    print("all same" if not differing else "DIFFER (%d): %s" % (len(differing), " ".join(differing)))
    if not_compared:
        print("NOT COMPARED (%d, no sdist): %s" % (len(not_compared), " ".join(not_compared)))
    return 1 if differing or not_compared else 0


if __name__ == "__main__":
    sys.exit(main())
