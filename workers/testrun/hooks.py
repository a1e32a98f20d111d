"""Files py3bridge adds to each test environment, so measuring needs no change to the test command.

- a .pth line that starts coverage in every Python process when COVERAGE_PROCESS_START is set
  (coverage's documented way to measure subprocesses, here: whatever command runs the tests);
- a sitecustomize that sends warnings to PY3BRIDGE_WARNINGS_FILE instead of stderr, so counting
  Python 3 warnings and deprecations (the runs use `-W always`) never garbles the runner's output:
  `/abs/path.py:LINE: Category: message`, Category followed by `(DeprecationWarning)` or
  `(PendingDeprecationWarning)` for their subclasses (Django's RemovedInDjangoNNWarning), each
  (site, category, message) once per process;
- on 2.7, `python` becomes a small wrapper that adds -3 when PY3BRIDGE_PY3K is set.
- on 2.7, a .pth line that starts the bytes/text evidence recorder (evidence_recorder.py, copied in
  as py3bridge_evidence.py) when PY3BRIDGE_EVIDENCE_FILE is set: only evidence runs set it.
"""
import os
from pathlib import Path

COVERAGE_PTH = 'import os; os.environ.get("COVERAGE_PROCESS_START") and __import__("coverage").process_startup()\n'

SITECUSTOMIZE = '''\
import os as _os
_path = _os.environ.get("PY3BRIDGE_WARNINGS_FILE")
if _path:
    import warnings as _warnings

    _seen = set()

    def _record(message, category, filename, lineno, file=None, line=None):
        # One line per (site, category, message) and process: `-W always` must not flood the file.
        key = (filename, lineno, category, str(message))
        if key in _seen:
            return
        _seen.add(key)
        kind = category.__name__
        for base in (DeprecationWarning, PendingDeprecationWarning):
            if issubclass(category, base) and category is not base:
                kind = "%s(%s)" % (kind, base.__name__)
                break
        try:
            where = _os.path.abspath(filename)
        except Exception:
            where = filename
        try:
            text = str(message)
        except Exception:
            text = repr(message)
        with open(_path, "a") as out:
            out.write("%s:%s: %s: %s\\n" % (where, lineno, kind, text.replace("\\n", " ")))

    _warnings.showwarning = _record
'''

PY3K_WRAPPER = '''#!/bin/sh
here=$(dirname "$0")
if [ -n "$PY3BRIDGE_PY3K" ]; then exec "$here/python-real" -3 "$@"; fi
exec "$here/python-real" "$@"
'''


EVIDENCE_PTH = 'import os; os.environ.get("PY3BRIDGE_EVIDENCE_FILE") and __import__("py3bridge_evidence").start()\n'
EVIDENCE_RECORDER = (Path(__file__).parent / "evidence_recorder.py").read_text()

# Part of every environment's cache key: a change to these files builds new environments.
FINGERPRINT = __import__("hashlib").sha256(
    (COVERAGE_PTH + SITECUSTOMIZE + PY3K_WRAPPER + EVIDENCE_PTH + EVIDENCE_RECORDER).encode()).hexdigest()[:12]


def site_packages(env_path):
    """The environment's site-packages, found from its layout: its own python is never run outside the sandbox."""
    found = sorted(Path(env_path).glob("lib/python*/site-packages"))
    if len(found) != 1:
        raise RuntimeError("cannot find the site-packages of %s" % env_path)
    return found[0]


def install(env_path, major):
    """Called on a fresh environment, before any step of the repository's has run in it."""
    target = site_packages(env_path)
    (target / "py3bridge_coverage.pth").write_text(COVERAGE_PTH)
    (target / "sitecustomize.py").write_text(SITECUSTOMIZE)
    if major == 2:
        (target / "py3bridge_evidence.pth").write_text(EVIDENCE_PTH)
        (target / "py3bridge_evidence.py").write_text(EVIDENCE_RECORDER)
        python = Path(env_path) / "bin" / "python"
        real = Path(env_path) / "bin" / "python-real"
        os.rename(python, real)
        python.write_text(PY3K_WRAPPER)
        python.chmod(0o755)
