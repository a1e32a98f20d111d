"""A package's own test suite on Python 3, after a conversion.

Each package gets a venv (cached under bench/.work/py3-envs) built from the Python 3 named by its
corpus.json `py3_python` (a pyenv version: "3.9" means the newest 3.9.x pyenv has). Into it go the
corpus's `py3_pre` first, then its `py3_deps` with six and future (code converted by py3bridge or
python-modernize imports six; futurize's output imports future). When there are `py3_pre`
packages, `py3_deps` are installed with --no-build-isolation so their builds use them (fudge
builds only against the setuptools pinned there).

The suite is run as on 2.7 (bench_suites.run_suite: the same command, from the tree's root, with
the venv's bin first on PATH), and read the same way; a suite that cannot start gives its last
line (the crash) instead of counts. Packages py3bridge declared for Python 3 only (`apply --json`'s
`dependencies_added`, e.g. the sgmllib3k backport) are installed for its tree's run, in a venv of
their own. There is no per-test-name hook in these venvs: Python 3 results are compared by counts.
"""
import json
import shutil
import subprocess
from pathlib import Path

from bench_suites import FUTURE, SIX, EnvFailed, _pip


def py3_interpreter(version):
    """The newest pyenv Python for a "3.X" version (its bin/python path)."""
    proc = subprocess.run(["pyenv", "versions", "--bare"], capture_output=True, text=True)
    installed = [v.strip() for v in proc.stdout.splitlines() if v.strip().startswith(version + ".")]
    installed = [v for v in installed if v[len(version) + 1:].isdigit()]
    if not installed:
        raise EnvFailed("pyenv has no Python %s" % version)
    newest = max(installed, key=lambda v: int(v.split(".")[2]))
    prefix = subprocess.run(["pyenv", "prefix", newest], capture_output=True, text=True, check=True).stdout.strip()
    return Path(prefix, "bin", "python")


def _env_spec(package, python, extras=()):
    deps = list(package["py3_deps"]) + sorted(extras)
    for extra in (SIX, FUTURE):
        if not any(dep.lower().startswith(extra.split("==")[0] + "==") for dep in deps):
            deps.append(extra)
    return {"python": str(python), "pre": list(package["py3_pre"]), "deps": deps}


def ensure_env(work, package, extras=()):
    """A cached Python 3 venv for the package; raises EnvFailed when it cannot be built. `extras`:
    packages a tool declared for Python 3 (a backport such as sgmllib3k), in a venv of their own so
    the other tools' runs do not get them."""
    python = py3_interpreter(package["py3_python"])
    name = "%s-%s" % (package["name"], package["version"]) + "".join("+" + extra for extra in sorted(extras))
    folder = Path(work, "py3-envs", name)
    marker, spec = folder / ".bench-env.json", _env_spec(package, python, extras)
    if marker.is_file() and json.loads(marker.read_text()) == spec:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    proc = subprocess.run([str(python), "-m", "venv", str(folder)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise EnvFailed("venv %s failed: %s" % (folder, proc.stderr.strip()[-300:]))
    env_python = folder / "bin" / "python"
    if spec["pre"]:
        _pip(env_python, ["install"] + spec["pre"])
    _pip(env_python, ["install"] + (["--no-build-isolation"] if spec["pre"] else []) + spec["deps"])
    marker.write_text(json.dumps(spec))
    return folder
