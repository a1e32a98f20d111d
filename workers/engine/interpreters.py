"""The real Python interpreters py3bridge checks code with.

Configured by PY3BRIDGE_PYTHON2 and PY3BRIDGE_PYTHON3 (paths to executables). Without them,
Python 2.7 is looked for in pyenv's versions and then on PATH, and Python 3 is the interpreter
running py3bridge. A missing interpreter is an error that says where we looked: never a silent skip.
"""
import glob
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field


class InterpreterMissing(Exception):
    pass


@dataclass(frozen=True)
class Interpreter:
    label: str  # "2.7", "3" ...: what reports call it
    path: str
    why: str = field(default="", compare=False)  # why the tests run on it (workers/testrun/pythons.py)


def _pyenv_root():
    if os.environ.get("PYENV_ROOT"):
        return os.environ["PYENV_ROOT"]
    pyenv = shutil.which("pyenv")
    if pyenv:
        try:
            return subprocess.run([pyenv, "root"], capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            pass
    return os.path.expanduser("~/.pyenv")


def _version_key(path):
    version = path.split(os.sep)[-3]
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def find_python2():
    configured = os.environ.get("PY3BRIDGE_PYTHON2")
    if configured:
        if not os.access(configured, os.X_OK):
            raise InterpreterMissing("PY3BRIDGE_PYTHON2=%s is not an executable file" % configured)
        return Interpreter("2.7", configured)
    root = _pyenv_root()
    candidates = sorted(glob.glob(os.path.join(root, "versions", "2.7*", "bin", "python2.7")), key=_version_key)
    if candidates:
        return Interpreter("2.7", candidates[-1])
    on_path = shutil.which("python2.7")
    if on_path:
        return Interpreter("2.7", on_path)
    raise InterpreterMissing(
        "Python 2.7 not found: set PY3BRIDGE_PYTHON2 to a python2.7 executable "
        "(looked in %s/versions/2.7*/bin and on PATH)" % root
    )


def find_python3():
    configured = os.environ.get("PY3BRIDGE_PYTHON3")
    if configured:
        if not os.access(configured, os.X_OK):
            raise InterpreterMissing("PY3BRIDGE_PYTHON3=%s is not an executable file" % configured)
        return Interpreter("3", configured)
    return Interpreter("3", sys.executable)


def verification_interpreters():
    return [find_python2(), find_python3()]


def find_version(version):
    """An interpreter of version "X.Y" (pyenv's newest X.Y.*, else pythonX.Y on PATH).

    When none exists the path is left as `pythonX.Y`: running it fails, and that failure is what
    a test summary then reports for this interpreter.
    """
    candidates = sorted(glob.glob(os.path.join(_pyenv_root(), "versions", version + "*", "bin", "python" + version)),
                        key=_version_key)
    if candidates:
        return Interpreter(version, candidates[-1])
    return Interpreter(version, shutil.which("python" + version) or "python" + version)
