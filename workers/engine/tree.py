"""Finding the Python files of a checkout, in a stable order."""
import fnmatch
import os

from workers.files import safe_files

_SKIPPED_DIRS = {"__pycache__", "node_modules", "site-packages"}


def _skipped(name):
    return name.startswith(".") or name in _SKIPPED_DIRS or name.endswith(".egg-info")


def _is_venv(path, entries=None):
    """Whether the folder at path is a virtual environment (holds a pyvenv.cfg). `entries`: its
    listing, when it was listed already (no stat then, unless a pyvenv.cfg entry is there)."""
    if entries is not None and not any(entry.name == "pyvenv.cfg" for entry in entries):
        return False
    return os.path.exists(os.path.join(path, "pyvenv.cfg"))


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
    found, skipped = [], []
    folders = [(os.fspath(root), "")]  # (folder, its path relative to root, "/"-separated)
    while folders:
        folder, relative = folders.pop()
        entries = _entries(folder)
        if relative and _is_venv(folder, entries):  # looked for in the listing: no stat per folder
            continue
        for entry in entries:
            path = relative + entry.name if not relative else relative + "/" + entry.name
            if _is_dir(entry):
                if _skipped(entry.name) or entry.is_symlink() and _is_venv(entry.path):
                    continue
                if not entry.is_symlink():
                    folders.append((entry.path, path))
                elif not excluded(path, exclude) and not excluded(path + "/", exclude):
                    skipped.append((path, safe_files.SYMLINKED_DIR))
            elif entry.name.endswith(".py") and not entry.name.startswith(".") and not excluded(path, exclude):
                reason = _file_problem(entry)
                if reason:
                    skipped.append((path, reason))
                else:
                    found.append(path)
    return sorted(found), sorted(skipped)


def _entries(folder):
    """The folder's entries; none when it cannot be listed (as os.walk skips it)."""
    try:
        with os.scandir(folder) as listing:
            return list(listing)
    except OSError:
        return []


def _is_dir(entry):
    """Whether os.walk would list the entry among the folders (symlinks to folders too)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _file_problem(entry):
    """Why a .py entry is never read ("" for a regular file); from the listing, as lstat() would say."""
    try:
        if entry.is_symlink():
            return safe_files.SYMLINK
        return "" if entry.is_file(follow_symlinks=False) else safe_files.NOT_REGULAR
    except OSError as err:
        return "cannot be read: %s" % (err.strerror or err)
