"""Files py3bridge adds to each test environment, so measuring needs no change to the test command.

- a .pth line that starts coverage in every Python process when COVERAGE_PROCESS_START is set
  (coverage's documented way to measure subprocesses, here: whatever command runs the tests);
- a sitecustomize that sends warnings to PY3BRIDGE_WARNINGS_FILE instead of stderr, so counting
  Python 3 warnings never garbles the runner's output;
- on 2.7, `python` becomes a small wrapper that adds -3 when PY3BRIDGE_PY3K is set.
"""
import os
from pathlib import Path

COVERAGE_PTH = 'import os; os.environ.get("COVERAGE_PROCESS_START") and __import__("coverage").process_startup()\n'

SITECUSTOMIZE = '''\
import os as _os
_path = _os.environ.get("PY3BRIDGE_WARNINGS_FILE")
if _path:
    import warnings as _warnings

    def _record(message, category, filename, lineno, file=None, line=None):
        with open(_path, "a") as out:
            out.write("%s:%s: %s: %s\\n" % (filename, lineno, category.__name__, str(message).replace("\\n", " ")))

    _warnings.showwarning = _record
'''

PY3K_WRAPPER = '''#!/bin/sh
here=$(dirname "$0")
if [ -n "$PY3BRIDGE_PY3K" ]; then exec "$here/python-real" -3 "$@"; fi
exec "$here/python-real" "$@"
'''


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
        python = Path(env_path) / "bin" / "python"
        real = Path(env_path) / "bin" / "python-real"
        os.rename(python, real)
        python.write_text(PY3K_WRAPPER)
        python.chmod(0o755)
