"""The syntax stage on a real Python 2 package from PyPI, judged by the package's own tests on 2.7."""
import json
import subprocess
import sys
from pathlib import Path

from workers.engine.verify import compile_errors

from .sdists import copy_of, passing_by_hand

REPO = Path(__file__).resolve().parent.parent


def bot(*args):
    proc = subprocess.run([sys.executable, "-m", "bot", *map(str, args)], capture_output=True, text=True, cwd=REPO)
    return proc.returncode, proc.stdout, proc.stderr


def test_syntax_stage_on_dateutil(tmp_path, interpreters):
    python2, python3 = interpreters
    checkout = copy_of("python-dateutil==1.5", tmp_path / "checkout")
    files = sorted(checkout.rglob("*.py"))
    _, compiled_on_27_before = compile_errors(python2, files)
    passing_before = passing_by_hand(python2.path, checkout)

    code, out, err = bot("apply", checkout, "--stage", "syntax", "--json", "--no-cache")
    assert code == 0, err
    assert json.loads(out)["changed"] >= 7

    _, errors_27 = compile_errors(python2, files)
    _, errors_3 = compile_errors(python3, files)
    assert [f for f, was, now in zip(files, compiled_on_27_before, errors_27) if was is None and now] == []
    assert [(f, e) for f, e in zip(files, errors_3) if e] == []
    assert passing_by_hand(python2.path, checkout) == passing_before
    assert len(passing_before) == 478

    snapshot = {f: f.read_bytes() for f in files}
    code, out, _ = bot("apply", checkout, "--stage", "syntax", "--json", "--no-cache")
    assert code == 0 and json.loads(out)["files"] == []
    assert {f: f.read_bytes() for f in files} == snapshot
