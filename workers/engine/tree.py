"""Finding the Python files of a checkout, in a stable order."""
import fnmatch
import os
from pathlib import Path

_SKIPPED_DIRS = {"__pycache__", "node_modules", "site-packages"}


def _skipped(dirpath, name):
    if name.startswith(".") or name in _SKIPPED_DIRS or name.endswith(".egg-info"):
        return True
    return os.path.exists(os.path.join(dirpath, name, "pyvenv.cfg"))  # a virtual environment


def excluded(path, patterns):
    """Whether a relative path matches one of the glob patterns (`docs/*`, `*/migrations/*`)."""
    return any(fnmatch.fnmatch(path, pattern) for pattern in patterns)


def python_files(root, exclude=()):
    """Relative POSIX paths of the .py files under root, sorted; hidden folders, venvs and
    paths matching an `exclude` glob skipped."""
    root = Path(root)
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not _skipped(dirpath, d))
        for name in filenames:
            if name.endswith(".py") and not name.startswith("."):
                path = Path(dirpath, name).relative_to(root).as_posix()
                if not excluded(path, exclude):
                    found.append(path)
    return sorted(found)
