"""Download a package's source distribution from PyPI and unpack it: real Python 2 code to work on.

Uses the Python 2.7 interpreter's pip (an old setup.py must be run by the Python it was written
for to yield metadata). `python -m workers.sdist NAME==VERSION DEST` unpacks into DEST.
"""
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

from workers.engine.interpreters import find_python2


class DownloadFailed(Exception):
    pass


def download(requirement, folder):
    """Path of the downloaded sdist archive for `requirement` (e.g. "python-dateutil==1.5")."""
    python2 = find_python2()
    cmd = [python2.path, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
           "--disable-pip-version-check", "-d", str(folder), requirement]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    archives = [p for p in Path(folder).iterdir() if p.name.endswith((".tar.gz", ".tgz", ".zip", ".tar.bz2"))]
    if proc.returncode != 0 or len(archives) != 1:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-5:])
        raise DownloadFailed("pip download %s failed: %s" % (requirement, tail))
    return archives[0]


def unpack(archive, dest):
    """Unpack an sdist into dest (its single top-level folder's contents go directly into dest)."""
    dest = Path(dest)
    with tempfile.TemporaryDirectory() as tmp:
        if archive.name.endswith(".zip"):
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(tmp)
        else:
            with tarfile.open(archive) as tf:
                tf.extractall(tmp, filter="data")
        # __MACOSX holds a Mac archiver's resource forks, not part of the package
        entries = [entry for entry in Path(tmp).iterdir() if entry.name != "__MACOSX"]
        top = entries[0] if len(entries) == 1 and entries[0].is_dir() else Path(tmp)
        dest.mkdir(parents=True, exist_ok=True)
        for entry in top.iterdir():
            if entry.name != "__MACOSX":
                entry.rename(dest / entry.name)
    return dest


def fetch(requirement, dest):
    with tempfile.TemporaryDirectory() as tmp:
        return unpack(download(requirement, tmp), dest)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m workers.sdist NAME==VERSION DEST")
    try:
        print("unpacked %s into %s" % (sys.argv[1], fetch(sys.argv[1], sys.argv[2])))
    except DownloadFailed as err:
        sys.exit("error: %s" % err)
