"""Which files of a checkout are Python files to plan (workers/engine/tree.py)."""
import os

from tests.engine.checkouts import write
from workers.engine.tree import python_files, python_files_and_skipped


def write_each(root, paths):
    write(root, {path: "x = 1\n" for path in paths})


def test_virtual_environments_hidden_folders_and_caches_are_skipped(tmp_path):
    write_each(tmp_path, ["pkg/a.py", "env/pyvenv.cfg", "env/lib/site.py", "deep/venv/pyvenv.cfg", "deep/venv/b.py",
                     "deep/c.py", ".tox/d.py", "pkg/__pycache__/e.py", "pkg.egg-info/f.py", "node_modules/g.py"])
    assert python_files(tmp_path) == ["deep/c.py", "pkg/a.py"]


def test_a_checkout_that_is_itself_a_virtual_environment_is_still_read(tmp_path):
    write_each(tmp_path, ["pyvenv.cfg", "a.py"])
    assert python_files(tmp_path) == ["a.py"]


def test_a_symlinked_virtual_environment_is_skipped_silently_other_symlinked_folders_reported(tmp_path):
    write_each(tmp_path / "outside", ["venv/pyvenv.cfg", "venv/a.py", "lib/b.py"])
    write_each(tmp_path / "checkout", ["c.py"])
    os.symlink(tmp_path / "outside" / "venv", tmp_path / "checkout" / "venv")
    os.symlink(tmp_path / "outside" / "lib", tmp_path / "checkout" / "lib")
    found, skipped = python_files_and_skipped(tmp_path / "checkout")
    assert found == ["c.py"]
    assert [path for path, _ in skipped] == ["lib"]
