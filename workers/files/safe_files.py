"""Reading and writing a checkout's files without following symlinks out of it.

A repository's files are untrusted input. A symlink in a checkout can point anywhere on the
machine (`setup.py -> /etc/passwd`, `lib -> /home/bot`), so the rule is the simplest safe one:
a path is used only when every component below the checkout root is a real directory and the
last one a regular file. Symlinked files are never read or written, symlinked directories never
entered, and a relative path that is absolute or climbs out with `..` is refused. Paths are
opened component by component with O_NOFOLLOW, so a symlink swapped in after a check is refused
too. Writes are atomic: a temporary file in the same directory, fsync, the old mode kept,
os.replace, then the directory fsynced.
"""
import os
import secrets
import stat

MISSING = "does not exist"
SYMLINK = "is a symlink (not followed)"
SYMLINKED_DIR = "is a symlinked directory (not followed)"
NOT_REGULAR = "is not a regular file"
ESCAPES = "is outside the checkout"
ABSOLUTE = "is an absolute path (outside the checkout)"


class UnsafePath(OSError):
    """The path is refused (symlink, outside the checkout, not a regular file); .reason says why."""

    def __init__(self, path, reason):
        super().__init__("%s %s" % (path, reason))
        self.path, self.reason = path, reason


def parts_of(relative):
    """The components of a relative POSIX path inside the checkout; raises UnsafePath."""
    text = str(relative).replace("\\", "/")
    if text.startswith("/") or (len(text) > 1 and text[1] == ":"):  # POSIX and Windows absolute paths
        raise UnsafePath(text, ABSOLUTE)
    split = text.split("/")
    if "" not in split and "." not in split and ".." not in split:  # already normal: most paths
        return split
    parts = []
    for part in split:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                raise UnsafePath(text, ESCAPES)
            parts.pop()
        else:
            parts.append(part)
    if not parts:
        raise UnsafePath(text, NOT_REGULAR)
    return parts


def normalise(relative):
    """The relative path with `.` and inner `..` resolved; raises UnsafePath when it leaves the root."""
    return "/".join(parts_of(relative))


def problem(root, relative):
    """"" when root/relative is a regular file reached through real directories; else why not
    (MISSING when nothing is there)."""
    try:
        parts = parts_of(relative)
    except UnsafePath as err:
        return err.reason
    current = os.fspath(root)
    for index, part in enumerate(parts):
        current = os.path.join(current, part)
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return MISSING
        except OSError as err:
            return "cannot be read: %s" % (err.strerror or err)
        last = index == len(parts) - 1
        if stat.S_ISLNK(info.st_mode):
            return SYMLINK if last else "is inside %s, which %s" % ("/".join(parts[: index + 1]), SYMLINKED_DIR)
        if last and not stat.S_ISREG(info.st_mode):
            return NOT_REGULAR
        if not last and not stat.S_ISDIR(info.st_mode):
            return MISSING
    return ""


def is_safe_file(root, relative):
    return problem(root, relative) == ""


def _open_root(root):
    return os.open(os.fspath(root), os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)


def _open_parent(root, parts):
    """A file descriptor of the folder holding parts[-1], opened without following symlinks."""
    fd = _open_root(root)
    try:
        for index in range(len(parts) - 1):
            child = _open_folder(fd, parts, index)
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open_folder(parent_fd, parts, index):
    """A file descriptor of the folder parts[index], in the folder parent_fd, never a symlink."""
    part = parts[index]
    try:
        return os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=parent_fd)
    except OSError as err:
        if _is_link(parent_fd, part):
            raise UnsafePath("/".join(parts), "is inside %s, which %s" % (
                "/".join(parts[: index + 1]), SYMLINKED_DIR)) from None
        raise err


def _is_link(dir_fd, name):
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=dir_fd).st_mode)
    except OSError:
        return False


def _open_file(dir_fd, name, relative, flags):
    try:
        fd = os.open(name, flags | os.O_NOFOLLOW | os.O_CLOEXEC | getattr(os, "O_NONBLOCK", 0), dir_fd=dir_fd)
    except OSError:
        if _is_link(dir_fd, name):
            raise UnsafePath(relative, SYMLINK) from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UnsafePath(relative, NOT_REGULAR)
    return fd


def read_bytes(root, relative):
    """The bytes of root/relative; raises UnsafePath (symlink, outside, not a file) or OSError."""
    parts = parts_of(relative)
    dir_fd = _open_parent(root, parts)
    try:
        fd = _open_file(dir_fd, parts[-1], "/".join(parts), os.O_RDONLY)
    finally:
        os.close(dir_fd)
    with os.fdopen(fd, "rb") as f:
        return f.read()


class CheckoutReader:
    """read_bytes() for many files of one checkout, with the same checks, opening each folder once
    when the paths come in sorted order (a folder's files and subfolders are then consecutive): the
    folders of the last file read stay open, a chain from the root. Use it in a `with` block."""

    def __init__(self, root):
        self._root = root
        self._names = []  # the open folders below the root, outermost first
        self._fds = []  # the root's descriptor, then one per name

    def read_bytes(self, relative):
        """The bytes of root/relative; raises UnsafePath (symlink, outside, not a file) or OSError."""
        parts = parts_of(relative)
        fd = _open_file(self._folder(parts), parts[-1], "/".join(parts), os.O_RDONLY)
        with os.fdopen(fd, "rb") as f:
            return f.read()

    def stat(self, relative):
        """os.stat_result of root/relative itself (a symlink is not followed), its folders opened as
        read_bytes() opens them; raises UnsafePath or OSError."""
        parts = parts_of(relative)
        return os.stat(parts[-1], dir_fd=self._folder(parts), follow_symlinks=False)

    def _folder(self, parts):
        if not self._fds:
            self._fds.append(_open_root(self._root))
        kept = 0
        while kept < min(len(self._names), len(parts) - 1) and self._names[kept] == parts[kept]:
            kept += 1
        self._close_below(kept)
        for index in range(kept, len(parts) - 1):
            self._fds.append(_open_folder(self._fds[-1], parts, index))
            self._names.append(parts[index])
        return self._fds[-1]

    def _close_below(self, depth):
        """Close the open folders deeper than `depth` names below the root."""
        while len(self._names) > depth:
            self._names.pop()
            os.close(self._fds.pop())

    def close(self):
        self._close_below(0)
        while self._fds:
            os.close(self._fds.pop())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def write_bytes(root, relative, data, expected=None):
    """Replace root/relative (an existing regular file) with data, atomically, keeping its mode.

    With `expected`, the file must still hold exactly those bytes, else UnsafePath is raised
    ("changed on disk") and nothing is written."""
    parts = parts_of(relative)
    relative = "/".join(parts)
    name = parts[-1]
    dir_fd = _open_parent(root, parts)
    try:
        fd = _open_file(dir_fd, name, relative, os.O_RDONLY)
        with os.fdopen(fd, "rb") as current:
            mode = os.fstat(current.fileno()).st_mode & 0o7777
            if expected is not None and current.read() != expected:
                raise UnsafePath(relative, "changed on disk while it was being edited; left as it is")
        tmp_name = ".%s.%s.py3bridge" % (name, secrets.token_hex(6))
        tmp_fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600,
                         dir_fd=dir_fd)
        try:
            with os.fdopen(tmp_fd, "wb") as tmp:
                tmp.write(data)
                tmp.flush()
                os.fchmod(tmp.fileno(), mode)
                os.fsync(tmp.fileno())
            os.replace(tmp_name, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            try:
                os.unlink(tmp_name, dir_fd=dir_fd)
            except OSError:
                pass
            raise
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
    finally:
        os.close(dir_fd)


def decode_text(data):
    """(text, codec) for a text file that is not Python source (requirements, setup.cfg,
    Pipfile): UTF-8 when the bytes are UTF-8, else latin-1. Either way text.encode(codec) gives
    back exactly the same bytes, so an edit of one line leaves every other byte as it was."""
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
