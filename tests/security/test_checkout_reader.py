"""safe_files.CheckoutReader (the plan reads every file of the checkout with it) keeps folders open
between files, and makes every check read_bytes() makes: no symlinked file or folder, no path out
of the checkout, whatever the order of the paths."""
import os

from workers.files import safe_files


def outcome(read, path):
    try:
        return read(path)
    except safe_files.UnsafePath as err:
        return "unsafe: " + err.reason
    except OSError as err:
        return "error: %s" % err.strerror


def test_reads_what_read_bytes_reads_and_refuses_what_it_refuses(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    for path in ("a/b/c.py", "a/b/d/e.py", "a/b.py", "a/b0/f.py", "g.py", "a/b/d/h.py"):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(path)
    outside.mkdir()
    (outside / "secret.py").write_text("secret")
    os.symlink(outside, root / "a" / "linked")
    os.symlink(outside / "secret.py", root / "a" / "b" / "link.py")
    os.mkfifo(root / "a" / "fifo.py")
    paths = ["a/b.py", "a/b/c.py", "a/b/d/e.py", "a/b/d/h.py", "a/b/link.py", "a/b0/f.py", "a/fifo.py",
             "a/linked/secret.py", "a/missing/x.py", "g.py", "../outside/secret.py", "a/b/../../g.py"]
    expected = {path: outcome(lambda p: safe_files.read_bytes(root, p), path) for path in paths}
    assert expected["a/b/d/e.py"] == b"a/b/d/e.py"
    assert expected["a/linked/secret.py"].startswith("unsafe: is inside a/linked")
    assert expected["a/b/link.py"] == "unsafe: " + safe_files.SYMLINK
    for order in (paths, sorted(paths), list(reversed(paths))):
        with safe_files.CheckoutReader(root) as reader:
            assert {path: outcome(reader.read_bytes, path) for path in order} == expected


def test_folders_are_closed_after_the_block(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c.py").write_text("x = 1\n")
    before = len(os.listdir("/proc/self/fd"))
    with safe_files.CheckoutReader(tmp_path) as reader:
        assert reader.read_bytes("a/b/c.py") == b"x = 1\n"
        assert len(os.listdir("/proc/self/fd")) == before + 3  # the root, a and a/b
    assert len(os.listdir("/proc/self/fd")) == before


def test_a_folder_that_cannot_be_opened_fails_its_files_only(tmp_path):
    # a file where the folder should be: what a permission error would do, also when run as root
    for path in ("a/x.py", "c.py"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path)
    (tmp_path / "b").write_text("not a folder")
    with safe_files.CheckoutReader(tmp_path) as reader:
        got = [outcome(reader.read_bytes, path) for path in ("a/x.py", "b/y.py", "c.py")]
    assert got == [b"a/x.py", "error: Not a directory", b"c.py"]
