"""Compiling files with real interpreters: one subprocess per interpreter for any number of files."""
import json
import os
import subprocess
import sys
import warnings

# Runs under Python 2.7 and Python 3 alike. dont_inherit keeps this script's own future flags out.
_COMPILE_ALL = r"""
import json, sys
paths = json.loads(sys.stdin.read())
results = []
for path in paths:
    try:
        with open(path, "rb") as f:
            compile(f.read(), path, "exec", 0, True)
        results.append(None)
    except SyntaxError as err:
        results.append("%s: %s (line %s)" % (type(err).__name__, err.msg, err.lineno))
    except Exception as err:
        results.append("%s: %s" % (type(err).__name__, err))
sys.stdout.write(json.dumps({"version": "%d.%d.%d" % tuple(sys.version_info[:3]), "errors": results}))
"""


class VerifierFailed(Exception):
    pass


def runs_here(interpreter):
    """Whether `interpreter` is the Python running py3bridge: it can compile in this process."""
    return os.path.realpath(interpreter.path) == os.path.realpath(sys.executable)


def version_here():
    return "%d.%d.%d" % tuple(sys.version_info[:3])


def compile_error_here(data):
    """What compile_errors says of one file's bytes, from the Python running py3bridge."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # as -W ignore
            compile(data, "<candidate>", "exec", 0, True)
    except SyntaxError as err:
        return "%s: %s (line %s)" % (type(err).__name__, err.msg, err.lineno)
    except Exception as err:
        return "%s: %s" % (type(err).__name__, err)
    return None


def compile_errors(interpreter, paths):
    """(version, [None or error text per path]) from compiling each path with the interpreter."""
    paths = [os.path.abspath(str(path)) for path in paths]
    try:
        # Run from "/": with -c the working folder is on sys.path, and a checkout's own json.py
        # must not be what this script imports.
        proc = subprocess.run(
            [interpreter.path, "-E", "-s", "-W", "ignore", "-c", _COMPILE_ALL],
            input=json.dumps(paths),
            cwd="/",
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as err:
        raise VerifierFailed("cannot run Python %s at %s: %s" % (interpreter.label, interpreter.path, err)) from None
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        raise VerifierFailed("Python %s at %s failed: %s" % (interpreter.label, interpreter.path, tail[0]))
    report = json.loads(proc.stdout)
    return report["version"], report["errors"]
