"""Finding the Python files of a checkout, in a stable order."""
import fnmatch
import os
import stat
from pathlib import Path

from workers.files import safe_files

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
    return python_files_and_skipped(root, exclude)[0]


def python_files_and_skipped(root, exclude=()):
    """(paths, skipped): the .py files as python_files() lists them, and [(path, reason)] for
    what is never read: symlinked .py files, symlinked folders (never entered), .py entries that
    are not regular files. Sorted by path."""
    root = Path(root)
    found, skipped = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        kept = []
        for name in sorted(d for d in dirnames if not _skipped(dirpath, d)):
            path = Path(dirpath, name).relative_to(root).as_posix()
            if os.path.islink(os.path.join(dirpath, name)):
                if not excluded(path, exclude) and not excluded(path + "/", exclude):
                    skipped.append((path, safe_files.SYMLINKED_DIR))
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            if name.endswith(".py") and not name.startswith("."):
                path = Path(dirpath, name).relative_to(root).as_posix()
                if excluded(path, exclude):
                    continue
                reason = _file_problem(os.path.join(dirpath, name))
                if reason:
                    skipped.append((path, reason))
                else:
                    found.append(path)
    return sorted(found), sorted(skipped)


def _file_problem(path):
    try:
        mode = os.lstat(path).st_mode
    except OSError as err:
        return "cannot be read: %s" % (err.strerror or err)
    if stat.S_ISLNK(mode):
        return safe_files.SYMLINK
    return "" if stat.S_ISREG(mode) else safe_files.NOT_REGULAR
