"""Virtual environments for the repository under test, cached by interpreter and dependency files.

virtualenv builds the 2.7 environments (venv does not exist on 2.7), venv the Python 3 ones. The
cache key covers the interpreter, its version, our tool pins, the install command and the bytes
of every dependency file, so the second run of the same repository starts in seconds. A failed
install is reported with the tail of pip's output and never cached.
"""
import hashlib
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from workers.engine.cache import default_dir
from workers.testrun import hooks
from workers.testrun.sandbox import Limits, run_step, scrubbed_environment

# Coverage 5.5 is the last release that runs on 2.7; pytest 4.6 likewise.
TOOLS = {2: ["coverage==5.5"], 3: ["coverage==7.6.10"]}
RUNNER_PACKAGES = {"pytest": {2: "pytest==4.6.11", 3: "pytest==8.3.4"}, "nose": {2: "nose==1.3.7", 3: "nose==1.3.7"}}
DEPENDENCY_FILES = ("setup.py", "setup.cfg", "pyproject.toml", "Pipfile", "Pipfile.lock")
INSTALL_LIMITS = Limits(timeout=1800, processes=512)


@dataclass
class TestEnv:
    interpreter: object
    version: str
    path: Path
    reused: bool
    problem: str = ""  # why the environment is unusable (missing interpreter, failed install)
    install_output: str = ""

    @property
    def bin(self):
        return self.path / "bin"

    @property
    def ok(self):
        return not self.problem


_VERSIONS = {}  # interpreter path -> version, once it has been seen to run


def interpreter_version(interpreter):
    """(version, "") or (None, why it does not run). Asked once per interpreter and process."""
    if interpreter.path in _VERSIONS:
        return _VERSIONS[interpreter.path], ""
    try:
        proc = subprocess.run([interpreter.path, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as err:
        return None, str(err)
    if proc.returncode != 0:
        return None, proc.stderr.strip()[-300:]
    _VERSIONS[interpreter.path] = proc.stdout.strip()
    return _VERSIONS[interpreter.path], ""


def dependency_fingerprint(checkout, files):
    digest = hashlib.sha256()
    for name in sorted(set(files) | set(DEPENDENCY_FILES)):
        path = Path(checkout) / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def env_key(interpreter, version, config, checkout, requirement_files):
    major = int(version.split(".")[0])
    # Without an install step the dependency files do not shape the environment.
    fingerprint = dependency_fingerprint(checkout, requirement_files) if config.install else ""
    parts = [interpreter.path, version, config.install, " ".join(_tools(major, config.runner.name)), fingerprint]
    return "py%s-%s" % (version, hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16])


def _tools(major, runner_name):
    packages = list(TOOLS[2 if major == 2 else 3])
    if runner_name in RUNNER_PACKAGES:
        packages.append(RUNNER_PACKAGES[runner_name][2 if major == 2 else 3])
    return packages


def envs_root():
    return default_dir() / "envs"


def ensure_env(interpreter, config, checkout, requirement_files):
    """A ready environment for this interpreter and repository: reused from the cache or built now."""
    version, error = interpreter_version(interpreter)
    if version is None:
        return TestEnv(interpreter, "", Path(), False, "Python %s at %s cannot run: %s" % (
            interpreter.label, interpreter.path, error))
    path = envs_root() / env_key(interpreter, version, config, checkout, requirement_files)
    if (path / ".ready").exists():
        return TestEnv(interpreter, version, path, True)
    shutil.rmtree(path, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    env = TestEnv(interpreter, version, path, False)
    problem, output = _build(env, config, checkout)
    if problem:
        shutil.rmtree(path, ignore_errors=True)
        env.problem, env.install_output = problem, output
        return env
    (path / ".ready").write_text(version)
    return env


def _build(env, config, checkout):
    major = int(env.version.split(".")[0])
    if major == 2:
        create = [sys.executable, "-m", "virtualenv", "--quiet", "--no-download", "-p", env.interpreter.path, str(env.path)]
    else:
        create = [env.interpreter.path, "-m", "venv", str(env.path)]
    proc = subprocess.run(create, capture_output=True, text=True)
    if proc.returncode != 0:
        return "could not create the environment", (proc.stderr or proc.stdout)
    steps = ["python -m pip install --quiet --disable-pip-version-check %s" % " ".join(_tools(major, config.runner.name))]
    if config.install:
        steps.append(config.install)
    for step in steps:
        result = run_in_env(env, step, checkout, INSTALL_LIMITS, network=True)
        if not result.ok:
            return "install failed: `%s` (%s)" % (step, result.problem() or "exit %d" % result.exit_code), result.output
    hooks.install(env, major)
    return "", ""


def run_in_env(env, command, cwd, limits, network, extra_env=None):
    """Run a shell command in cwd with the environment's bin first on PATH, sandboxed."""
    with tempfile.TemporaryDirectory(prefix="py3bridge-home-") as home:
        variables = scrubbed_environment(home, extra_env)
        variables["PATH"] = "%s:%s" % (env.bin, variables.get("PATH", "/usr/bin:/bin"))
        variables["VIRTUAL_ENV"] = str(env.path)
        variables.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
        return run_step(["sh", "-c", command], cwd, variables, limits, network=network)


def tail(text, lines=20):
    return "\n".join(text.strip().splitlines()[-lines:])
