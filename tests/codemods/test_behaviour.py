"""The python3-only stage keeps behaviour: each program in programs/ (2+3 code, as the earlier
stages leave it) prints the same on a real Python 3 before and after every codemod of the stage."""
import shutil
import subprocess
from pathlib import Path

import pytest
import six

from workers import fixers as registry
from workers.engine.apply import transform_text
from workers.engine.interpreters import find_python3
from workers.rewriting.codemod import PYTHON3_ONLY

PROGRAMS_DIR = Path(__file__).parent / "programs"
CODEMODS = [fixer for fixer in registry.in_stage(PYTHON3_ONLY) if not fixer.reports_only]


@pytest.fixture(scope="module")
def six_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("six")
    shutil.copy(six.__file__, folder / "six.py")
    return folder


def run(code, six_path, tmp_path):
    script = tmp_path / "program.py"
    script.write_text(code)
    proc = subprocess.run([find_python3().path, str(script)], capture_output=True, text=True, timeout=60,
                          env={"PYTHONPATH": str(six_path), "PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize("path", sorted(PROGRAMS_DIR.glob("*.py")), ids=lambda p: p.stem)
def test_program_prints_the_same_after_the_stage(path, six_path, tmp_path):
    before = path.read_text()
    after, sites = transform_text(before, CODEMODS)
    assert sites, "the program exercises no codemod"
    expected = run(before, six_path, tmp_path)
    assert expected.strip()
    assert run(after, six_path, tmp_path) == expected
    assert transform_text(after, CODEMODS)[0] == after  # a second run changes nothing
