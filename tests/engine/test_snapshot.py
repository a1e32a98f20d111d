"""A re-plan takes the digests of files whose stat is unchanged and reads only the others
(workers/engine/snapshot.py), as git's index does, racily clean files included."""
import json
import os
import time

import pytest

from tests.engine.checkouts import uncached_plan, write
from workers.engine import snapshot
from workers.engine.cache import ScanCache, content_digest
from workers.engine.planner import make_plan
from workers.files import safe_files

FILES = {"pkg/__init__.py": "", "pkg/a.py": "print 'a'\n", "pkg/b.py": "d.has_key(1)\n", "c.py": "x = 1\n"}


@pytest.fixture
def reads(monkeypatch):
    """The paths the plans read, in order."""
    seen = []
    real = safe_files.CheckoutReader.read_bytes
    monkeypatch.setattr(safe_files.CheckoutReader, "read_bytes", lambda self, path: seen.append(path) or real(self, path))
    return seen


def plan(root, cache):
    return json.dumps(make_plan(root, cache_dir=cache).to_json())


def settled(root, files):
    """Write the files, then wait until their timestamps are older than the racy margin."""
    write(root, files)
    time.sleep(snapshot._RACY_NS / 1e9 + 0.05)


def test_a_replan_reads_only_the_files_whose_stat_changed(tmp_path, reads):
    root, cache = tmp_path / "src", tmp_path / "cache"
    settled(root, FILES)
    plan(root, cache)
    assert sorted(reads) == sorted(FILES)
    del reads[:]
    write(root, {"pkg/a.py": "print 'a', 'b'\n"})
    replanned = plan(root, cache)
    assert reads == ["pkg/a.py"]
    assert replanned == uncached_plan(root)


def test_same_size_and_mtime_but_new_content_is_read_again(tmp_path, reads):
    """The ctime, which no tool can set back, tells the file was written."""
    root, cache = tmp_path / "src", tmp_path / "cache"
    settled(root, FILES)
    plan(root, cache)
    before = os.stat(root / "pkg/b.py")
    write(root, {"pkg/b.py": "d.has_key(2)\n"})
    os.utime(root / "pkg/b.py", ns=(before.st_atime_ns, before.st_mtime_ns))
    del reads[:]
    replanned = plan(root, cache)
    assert reads == ["pkg/b.py"]
    assert replanned == uncached_plan(root)


def test_files_written_just_before_a_plan_are_read_again_by_the_next_then_trusted(tmp_path, reads):
    root, cache = tmp_path / "src", tmp_path / "cache"
    write(root, FILES)
    plan(root, cache)  # the files' timestamps are within the racy margin of this plan's start
    del reads[:]
    time.sleep(snapshot._RACY_NS / 1e9 + 0.05)
    plan(root, cache)
    assert sorted(reads) == sorted(FILES)
    del reads[:]
    plan(root, cache)
    assert reads == []


def test_whole_second_timestamps_need_two_seconds_to_be_trusted():
    taken = 1000 * 10 ** 9
    fine, whole = 998_900_000_000, 999 * 10 ** 9
    assert snapshot._trusted([1, fine, fine], taken)
    assert not snapshot._trusted([1, whole, whole], taken)
    assert snapshot._trusted([1, whole - 2 * 10 ** 9, whole - 2 * 10 ** 9], taken)
    assert not snapshot._trusted([1, fine, taken - 10 ** 6], taken)  # the newer of mtime and ctime counts


def test_a_file_changed_after_its_stat_was_trusted_is_an_error_not_a_wrong_digest(tmp_path):
    root, cache_dir = tmp_path / "src", tmp_path / "cache"
    settled(root, FILES)
    plan(root, cache_dir)
    cache = ScanCache(cache_dir)
    with safe_files.CheckoutReader(root) as reader:
        files = snapshot.take(root, sorted(FILES), reader, cache)
        assert files.digests["c.py"] == content_digest(b"x = 1\n")
        write(root, {"c.py": "x = 2\n"})
        with pytest.raises(snapshot.ChangedWhilePlanning, match="c.py changed while it was being planned"):
            files.data("c.py")
    cache.close()


def test_a_file_swapped_for_a_symlink_is_never_read_even_with_a_kept_stat(tmp_path, reads):
    root, cache = tmp_path / "src", tmp_path / "cache"
    settled(root, FILES)
    (tmp_path / "secret.py").write_text("TOKEN = 'x'\n")
    plan(root, cache)
    os.unlink(root / "c.py")
    os.symlink(tmp_path / "secret.py", root / "c.py")
    del reads[:]
    replanned = make_plan(root, cache_dir=cache)
    assert "c.py" not in [scan.path for scan in replanned.scans]
    assert ("c.py", safe_files.SYMLINK) in replanned.skipped
    assert "c.py" not in reads
