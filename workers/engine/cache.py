"""Per-file scan results cached by content hash, so re-planning only re-reads changed files.

The key includes a fingerprint of the source of the engine, the fixers, the codemods and the analysis
they share (and the fissix and Python versions), so changing any of them invalidates what it should. Stored in SQLite under
$PY3BRIDGE_CACHE_DIR (default ~/.cache/py3bridge).
"""
import hashlib
import json
import os
import sqlite3
import sys
from pathlib import Path

import fissix

_WORKERS = Path(__file__).parent.parent
_ENGINE_DIRS = [_WORKERS / folder for folder in ("engine", "fixers", "codemods", "rewriting", "files")]


def content_digest(data):
    return hashlib.sha256(data).hexdigest()


def checkout_key(kind, root):
    """The key of what a plan keeps per checkout folder, one row each (`kind`: "stats", "contexts")."""
    return "%s:%s" % (kind, hashlib.sha256(str(root).encode()).hexdigest()[:32])


def engine_fingerprint():
    digest = hashlib.sha256()
    digest.update(("%s|%s" % (sys.version, getattr(fissix, "__version__", "?"))).encode())
    for folder in _ENGINE_DIRS:
        for path in sorted(folder.glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def default_dir():
    configured = os.environ.get("PY3BRIDGE_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "py3bridge"


class ScanCache:
    def __init__(self, directory=None):
        directory = Path(directory) if directory else default_dir()
        directory.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(directory / "scan.sqlite3"), timeout=30)
        self.db.execute("CREATE TABLE IF NOT EXISTS scans (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self.prefix = engine_fingerprint() + ":"

    def get_many(self, digests):
        return {digest: json.loads(value) for digest, value in self.get_many_raw(digests).items()}

    def get_many_raw(self, digests):
        """{digest: the stored value as JSON text}, for a caller that decodes only what it uses."""
        found = {}
        keys = [self.prefix + d for d in set(digests)]
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            query = "SELECT key, value FROM scans WHERE key IN (%s)" % ",".join("?" * len(chunk))
            for key, value in self.db.execute(query, chunk):
                found[key[len(self.prefix):]] = value
        return found

    def put_many(self, items):
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO scans (key, value) VALUES (?, ?)",
                [(self.prefix + digest, json.dumps(value)) for digest, value in items],
            )

    def close(self):
        self.db.close()


class NoCache:
    def get_many(self, digests):
        return {}

    def get_many_raw(self, digests):
        return {}

    def put_many(self, items):
        pass

    def close(self):
        pass
