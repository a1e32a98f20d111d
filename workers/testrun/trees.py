"""The 'before' tree of a test session: a git revision exported, or a copy taken before applying."""
import shutil
import subprocess
from pathlib import Path

from workers.testrun.sandbox import give_to_sandbox

_NOT_COPIED = shutil.ignore_patterns(".git", ".hg", ".venv", "venv", ".tox", "__pycache__", "*.pyc")


class TreeError(Exception):
    pass


def export_revision(checkout, ref, dest):
    """Write the files of `ref` (a commit, branch or tag of the checkout's git repository) into dest."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(checkout), "archive", "--format=tar", ref], capture_output=True)
    if archive.returncode != 0:
        raise TreeError("cannot read revision %r: %s" % (ref, archive.stderr.decode(errors="replace").strip().splitlines()[-1:]))
    unpack = subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, capture_output=True)
    if unpack.returncode != 0:
        raise TreeError("cannot unpack revision %r: %s" % (ref, unpack.stderr.decode(errors="replace").strip()))
    return dest


def snapshot(checkout, dest):
    """A copy of the working tree as it is now (without VCS data or virtual environments)."""
    shutil.copytree(checkout, dest, ignore=_NOT_COPIED, symlinks=True)
    return Path(dest)


def private_copy(tree, dest):
    """A copy of a tree for the sandbox to run in and change: no .git, owned by the steps' uid.

    Repository code never runs in the worker's own checkout, whose .git the worker's git reads.
    """
    copy = snapshot(tree, dest)
    give_to_sandbox(copy)
    return copy
