"""The syntax stage on a real Python 2 package from PyPI, judged by the package's own tests on 2.7."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workers import sdist
from workers.engine.verify import compile_errors

REPO = Path(__file__).resolve().parent.parent
SDIST_CACHE = Path.home() / ".cache" / "py3bridge" / "sdists"
PACKAGE = "python-dateutil==1.5"
_RESULT_LINE = re.compile(r"^(\w+) \(([\w.]+)\) \.\.\. (ok|FAIL|ERROR|skipped.*)$", re.MULTILINE)


@pytest.fixture(scope="module")
def pristine():
    """The unpacked sdist, downloaded once and kept between runs."""
    target = SDIST_CACHE / PACKAGE
    if not (target / "setup.py").exists():
        shutil.rmtree(target, ignore_errors=True)
        sdist.fetch(PACKAGE, target)
    return target


def passing_tests(python, checkout):
    proc = subprocess.run([python, "test.py", "-v"], cwd=checkout, capture_output=True, text=True, timeout=600)
    results = {"%s.%s" % (cls, name): outcome for name, cls, outcome in _RESULT_LINE.findall(proc.stderr)}
    assert results, proc.stderr[-2000:]
    return {test for test, outcome in results.items() if outcome == "ok"}


def bot(*args):
    proc = subprocess.run([sys.executable, "-m", "bot", *map(str, args)], capture_output=True, text=True, cwd=REPO)
    return proc.returncode, proc.stdout, proc.stderr


def test_syntax_stage_on_dateutil(pristine, tmp_path, interpreters):
    python2, python3 = interpreters
    checkout = tmp_path / "checkout"
    shutil.copytree(pristine, checkout)
    files = sorted(checkout.rglob("*.py"))
    _, compiled_on_27_before = compile_errors(python2, files)
    passing_before = passing_tests(python2.path, checkout)

    code, out, err = bot("apply", checkout, "--stage", "syntax", "--json", "--no-cache")
    assert code == 0, err
    assert json.loads(out)["changed"] >= 7

    _, errors_27 = compile_errors(python2, files)
    _, errors_3 = compile_errors(python3, files)
    assert [f for f, was, now in zip(files, compiled_on_27_before, errors_27) if was is None and now] == []
    assert [(f, e) for f, e in zip(files, errors_3) if e] == []
    assert passing_tests(python2.path, checkout) == passing_before
    assert len(passing_before) == 478

    snapshot = {f: f.read_bytes() for f in files}
    code, out, _ = bot("apply", checkout, "--stage", "syntax", "--json", "--no-cache")
    assert code == 0 and json.loads(out)["files"] == []
    assert {f: f.read_bytes() for f in files} == snapshot
