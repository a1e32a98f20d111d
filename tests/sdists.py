"""Real Python 2 packages from PyPI for the tests, downloaded once and kept under ~/.cache/py3bridge."""
import fcntl
import re
import shutil
import subprocess
from pathlib import Path

from workers import sdist

SDIST_CACHE = Path.home() / ".cache" / "py3bridge" / "sdists"
_RESULT_LINE = re.compile(r"^(\w+) \(([\w.]+)\) \.\.\. (ok|FAIL|ERROR|skipped.*)$", re.MULTILINE)


def pristine(requirement):
    target = SDIST_CACHE / requirement
    SDIST_CACHE.mkdir(parents=True, exist_ok=True)
    with open(str(target) + ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # test processes running in parallel download it once
        if not (target / "setup.py").exists():
            shutil.rmtree(target, ignore_errors=True)
            sdist.fetch(requirement, target)
    return target


def copy_of(requirement, dest):
    shutil.copytree(pristine(requirement), dest)
    return Path(dest)


def passing_by_hand(python, checkout, args=("test.py", "-v")):
    """Ids of the tests a plain verbose unittest run passes (what a person running the suite sees)."""
    proc = subprocess.run([python, *args], cwd=checkout, capture_output=True, text=True, timeout=900)
    results = {"%s.%s" % (cls, name): outcome for name, cls, outcome in _RESULT_LINE.findall(proc.stderr)}
    assert results, proc.stderr[-2000:]
    return {test for test, outcome in results.items() if outcome == "ok"}
