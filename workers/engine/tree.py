"""Finding the Python files of a checkout, in a stable order."""
import os
from pathlib import Path

_SKIPPED_DIRS = {"__pycache__", "node_modules", "site-packages"}


def _skipped(dirpath, name):
    if name.startswith(".") or name in _SKIPPED_DIRS or name.endswith(".egg-info"):
        return True
    return os.path.exists(os.path.join(dirpath, name, "pyvenv.cfg"))  # a virtual environment


def python_files(root):
    """Relative POSIX paths of the .py files under root, sorted; hidden folders and venvs skipped."""
    root = Path(root)
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not _skipped(dirpath, d))
        for name in filenames:
            if name.endswith(".py") and not name.startswith("."):
                found.append(Path(dirpath, name).relative_to(root).as_posix())
    return sorted(found)
