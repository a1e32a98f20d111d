"""The digests of a checkout's Python files, read again only when their stat says they changed.

A re-plan needs every file's digest (the cache keys of its facts and scan) but the bytes of the
edited files only: reading and hashing all of Django's 1,875 files to find 20 edited ones was a
tenth of a warm re-plan. As git's index does, each plan keeps every file's size, mtime, ctime,
inode and device with its digest (one row per checkout folder in the scan cache), and the next
plan takes the digest of a regular file whose stat is the same. A file whose timestamps are too
close to the moment the plan that kept them started could have been written again within one
tick of the filesystem's clock, keeping its stat: it is read again (git's "racily clean" files).
Files are stat'ed and read through safe_files.CheckoutReader, never through a symlink.
"""
import stat as stat_codes
import time

from workers.engine.cache import checkout_key, content_digest
from workers.files import safe_files

_SECOND = 10 ** 9
# How much older than the keeping plan's start a file's timestamps must be to be trusted: Linux
# stamps files from a clock up to one tick (at most 10 ms) behind; filesystems stamping whole
# seconds (ext3, HFS+, FAT: 2 s) round down further.
_RACY_NS, _RACY_WHOLE_SECONDS_NS = _SECOND // 10, 2 * _SECOND


class ChangedWhilePlanning(OSError):
    """A file read late (its stat was unchanged) no longer has the digest the plan used."""


class CheckoutSnapshot:
    """`digests` ({path: content digest}) of the files read or known unchanged, `unreadable`
    ({path: why}) and `not_read` ([(path, why)]: swapped for a symlink or the like since the
    listing). `data(path)` gives a file's bytes, read now if the plan took its digest from its stat."""

    def __init__(self, reader, stored, slot):
        self._reader, self._stored, self._slot = reader, stored, slot
        self._taken = time.time_ns()
        self._read_any = False
        self.bytes_read = 0  # by add(): the files whose stat changed, which a plan may have to scan
        self._kept = {}  # {path: [size, mtime_ns, ctime_ns, inode, device, digest]} for the next plan
        self._data = {}
        self.digests, self.unreadable, self.not_read = {}, {}, []

    def add(self, path):
        try:
            status = self._reader.stat(path)
            known = self._stored["files"].get(path)
            if known and known[:5] == _fields(status) and _trusted(known, self._stored["taken"]) \
                    and stat_codes.S_ISREG(status.st_mode):
                self._keep(path, known[:5], known[5])
                return
            self._read_any = True
            data = self._reader.read_bytes(path)
        except safe_files.UnsafePath as err:
            self.not_read.append((path, err.reason))
            return
        except OSError as err:
            self.unreadable[path] = "cannot be read: %s" % (err.strerror or err)
            return
        self._data[path] = data
        self.bytes_read += len(data)
        self._keep(path, _fields(status), content_digest(data))

    def _keep(self, path, fields, digest):
        self.digests[path] = digest
        self._kept[path] = fields + [digest]

    def data(self, path):
        if path not in self._data:
            data = self._reader.read_bytes(path)
            if content_digest(data) != self.digests[path]:
                raise ChangedWhilePlanning("%s changed while it was being planned: plan again" % path)
            self._data[path] = data
        return self._data[path]

    def to_store(self):
        """[(cache key, value)]: what the next plan compares its stats with, unless nothing was read
        (a file read again with the same stat is trusted from now on)."""
        if not self._read_any and self._kept == self._stored["files"]:
            return []
        return [(self._slot, {"taken": self._taken, "files": self._kept})]


def take(root, paths, reader, cache):
    """The CheckoutSnapshot of `paths` under root, read with `reader` (a CheckoutReader)."""
    slot = checkout_key("stats", root)
    stored = cache.get_many([slot]).get(slot) or {"taken": 0, "files": {}}
    snapshot = CheckoutSnapshot(reader, stored, slot)
    for path in paths:
        snapshot.add(path)
    return snapshot


def _fields(status):
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev]


def _trusted(known, taken):
    """Whether a kept stat is older than the plan that kept it by more than the filesystem's tick."""
    newest = max(known[1], known[2])
    whole_seconds = known[1] % _SECOND == 0 and known[2] % _SECOND == 0
    return newest < taken - (_RACY_WHOLE_SECONDS_NS if whole_seconds else _RACY_NS)
