"""Virtual environments for the repository under test, cached per installation by interpreter and
dependency files.

virtualenv builds the 2.7 environments (venv does not exist on 2.7), venv the Python 3 ones, both
inside the sandbox, where every environment lives at /env and the tree under test at /src. The
cache key covers the interpreter, its version, our tool pins, the install command and the bytes
of every dependency file, so the second run of the same repository starts in seconds. Environments
belong to one cache scope (an installation; "local" on the command line): no other scope ever
sees them, and once built they are mounted read-only, so no later step can change them. A failed
install is reported with the tail of pip's output and never cached.
"""
import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from workers.engine.cache import default_dir
from workers.testrun import hooks
from workers.testrun.index_proxy import IndexProxy
from workers.testrun.sandbox import (HOME, SYSTEM_PATHS, ResourceLimits, Mount, SandboxUnavailable, SANDBOX_PATH,
                                     check_available, give_to_sandbox, run_step, scrubbed_environment, take_back)
from workers.testrun.trees import private_copy

ENV_DIR = "/env"
SRC_DIR = "/src"
SCRATCH_DIR = "/scratch"

# What py3bridge installs into an environment, by the interpreter's (major, minor): the newest
# release of each tool that still runs there. Coverage 5.5 is the last on 2.7 and 3.5, 6.2 on 3.6,
# 7.2.7 on 3.7, 7.6.1 on 3.8; pytest 4.6 on 2.7, 6.1 on 3.5, 7.0 on 3.6, 7.4 on 3.7; nose 1.3.7
# stops importing on 3.10 (collections.Callable), where pynose (the same `nose` package) takes over.
TOOLS = {(2, 7): ["coverage==5.5"], (3, 5): ["coverage==5.5"], (3, 6): ["coverage==6.2"],
         (3, 7): ["coverage==7.2.7"], (3, 8): ["coverage==7.6.1"], (3, 9): ["coverage==7.6.10"]}
RUNNER_PACKAGES = {
    "pytest": {(2, 7): "pytest==4.6.11", (3, 5): "pytest==6.1.2", (3, 6): "pytest==7.0.1", (3, 7): "pytest==7.4.4",
               (3, 8): "pytest==8.3.4"},
    "nose": {(2, 7): "nose==1.3.7", (3, 10): "pynose==1.5.3"},
}


def tools_for(version, runner_name=""):
    """The packages py3bridge installs into an environment for Python `version` ("3.7.16", "3.7", 2, 3)."""
    wanted = _major_minor(version)

    def pick(table):
        known = sorted(k for k in table if k <= wanted)
        return table[known[-1]] if known else table[min(table)]

    packages = list(pick(TOOLS))
    if runner_name in RUNNER_PACKAGES:
        packages.append(pick(RUNNER_PACKAGES[runner_name]))
    return packages


def _major_minor(version):
    if isinstance(version, int):
        return (2, 7) if version == 2 else (3, 99)
    parts = str(version).split(".")
    return int(parts[0]), int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else (7 if parts[0] == "2" else 99)
DEPENDENCY_FILES = ("setup.py", "setup.cfg", "pyproject.toml", "Pipfile", "Pipfile.lock")
INSTALL_LIMITS = ResourceLimits(timeout=1800, processes=512)


@dataclass
class TestEnv:
    interpreter: object
    version: str
    path: Path  # on the host; /env inside the sandbox
    reused: bool
    problem: str = ""  # why the environment is unusable (missing interpreter, failed install, no sandbox)
    install_output: str = ""
    prefixes: tuple = ()  # the interpreter's installation folders, mounted read-only in every step

    @property
    def ok(self):
        return not self.problem

    @property
    def relinks_egg_info(self):
        """Whether the install left an egg-info in the tree (a `setup.py develop`), to regenerate per run."""
        return (self.path / ".relink-egg-info").exists()


_INFO = {}  # interpreter path -> (version, prefixes), once it has been seen to run
_INFO_SCRIPT = ("import os, sys; print('%d.%d.%d' % sys.version_info[:3]); "
                "print('\\n'.join(set(os.path.realpath(p) for p in (sys.prefix, sys.exec_prefix, "
                "getattr(sys, 'base_prefix', sys.prefix), os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))))))")


def interpreter_info(interpreter):
    """(version, prefixes, "") or (None, (), why it does not run). Asked once per interpreter and process."""
    if interpreter.path in _INFO:
        return _INFO[interpreter.path] + ("",)
    try:
        proc = subprocess.run([interpreter.path, "-c", _INFO_SCRIPT], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as err:
        return None, (), str(err)
    if proc.returncode != 0:
        return None, (), proc.stderr.strip()[-300:]
    version, *prefixes = proc.stdout.split()
    _INFO[interpreter.path] = (version, tuple(sorted(prefixes)))
    return _INFO[interpreter.path] + ("",)


def interpreter_version(interpreter):
    """(version, "") or (None, why it does not run)."""
    version, _, error = interpreter_info(interpreter)
    return version, error


def prefix_mounts(prefixes):
    """Read-only mounts for interpreter folders the system paths do not already cover."""
    covered = tuple(path.rstrip("/") + "/" for path in SYSTEM_PATHS)
    return [Mount(Path(p), p) for p in prefixes if not (p.rstrip("/") + "/").startswith(covered)]


def dependency_fingerprint(checkout, files):
    digest = hashlib.sha256()
    for name in sorted(set(files) | set(DEPENDENCY_FILES)):
        path = Path(checkout) / name
        if path.is_file() and not path.is_symlink():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def env_key(interpreter, version, config, checkout, requirement_files):
    # Without an install step the dependency files do not shape the environment.
    fingerprint = dependency_fingerprint(checkout, requirement_files) if config.install else ""
    parts = [interpreter.path, version, config.install, " ".join(tools_for(version, config.runner.name)), fingerprint,
             hooks.FINGERPRINT, " ".join(added_dependencies(checkout))]
    return "py%s-%s" % (version, hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16])




def envs_root(scope="local"):
    return default_dir() / "envs" / re.sub(r"[^A-Za-z0-9_.-]", "_", scope)


def ensure_env(interpreter, config, checkout, requirement_files, scope="local", deadline=None):
    """A ready environment for this interpreter and repository: reused from the scope's cache or built now
    (its install steps end by `deadline`, a time.monotonic(), when given)."""
    version, prefixes, error = interpreter_info(interpreter)
    if version is None:
        return TestEnv(interpreter, "", Path(), False, "Python %s at %s cannot run: %s" % (
            interpreter.label, interpreter.path, error))
    path = envs_root(scope) / env_key(interpreter, version, config, checkout, requirement_files)
    try:
        check_available()
    except SandboxUnavailable as err:
        return TestEnv(interpreter, version, path, False, "repository code not run: %s" % err, prefixes=prefixes)
    with _exclusive(path):  # two workers needing the same environment build it once
        if (path / ".ready").exists():
            return TestEnv(interpreter, version, path, True, prefixes=prefixes)
        env = TestEnv(interpreter, version, path, False, prefixes=prefixes)
        _build_into(env, config, checkout, deadline)
        return env


@contextlib.contextmanager
def _exclusive(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(str(path) + ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _build_into(env, config, checkout, deadline):
    path = env.path
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    problem, output = _build(env, config, checkout, replace(INSTALL_LIMITS, deadline=deadline))
    if problem:
        shutil.rmtree(path, ignore_errors=True)
        env.problem, env.install_output = problem, output
        return
    (path / ".ready").write_text(env.version)
    take_back(path)


def _build(env, config, checkout, limits):
    major = int(env.version.split(".")[0])
    with tempfile.TemporaryDirectory(prefix="py3bridge-build-") as scratch:
        tree = private_copy(checkout, Path(scratch) / "src")
        give_to_sandbox(env.path)
        created = _create(env, major, tree, limits)
        if not created.ok:
            return "could not create the environment", created.output
        hooks.install(env.path, major)
        give_to_sandbox(env.path)
        steps = ["python -m pip install --quiet --disable-pip-version-check %s" % " ".join(
            tools_for(env.version, config.runner.name))]
        if config.install:
            steps.append(config.install)
        # What py3bridge's own changes import (six) is there whatever the install command installs.
        steps += [_ensure_installed(name, requirement) for name, requirement in ADDED_DEPENDENCIES
                  if name in added_dependencies(tree)]
        with IndexProxy() as proxy:
            for step in steps:
                result = run_in_env(env, step, tree, limits, proxy=proxy, writable_env=True)
                if not result.ok:
                    refused = "; the sandbox refused: %s" % "; ".join(proxy.refusals[:3]) if proxy.refusals else ""
                    return "install failed: `%s` (%s)" % (step, result.problem() or "exit %d" % result.exit_code), \
                        result.output + refused
        if any(tree.glob("*.egg-info")) or any(tree.glob("src/*.egg-info")):
            (env.path / ".relink-egg-info").write_text("")
    return "", ""


# (module, requirement) py3bridge's rewrites may import: installed after the repository's own
# install step when the tree imports the module and the environment does not have it yet.
ADDED_DEPENDENCIES = (("six", "six>=1.16.0"),)
_IMPORTS = {name: re.compile(r"^\s*(?:import\s+%s\b|from\s+%s(?:\.[\w.]+)?\s+import\b)" % (name, name), re.MULTILINE)
            for name, _ in ADDED_DEPENDENCIES}


def added_dependencies(tree):
    """Names from ADDED_DEPENDENCIES that some Python file of the tree imports."""
    from workers.engine.tree import python_files

    found = set()
    try:
        files = python_files(Path(tree))
    except OSError:
        return []
    for relative in files:
        path = Path(tree) / relative
        if path.is_symlink() or not path.is_file():
            continue
        try:
            text = path.read_text(errors="replace")
        except OSError:
            continue
        found.update(name for name, pattern in _IMPORTS.items() if name not in found and pattern.search(text))
        if len(found) == len(_IMPORTS):
            break
    return sorted(found)


def _ensure_installed(module, requirement):
    return "python -c 'import %s' 2>/dev/null || python -m pip install --quiet --disable-pip-version-check '%s'" % (
        module, requirement)


def _create(env, major, tree, limits):
    """Create the empty environment at /env, inside the sandbox (its paths must be the sandbox's)."""
    mounts = prefix_mounts(env.prefixes) + [Mount(env.path, ENV_DIR, True), Mount(tree, SRC_DIR, True)]
    if major == 2:
        # virtualenv runs from py3bridge's own Python, which the step then sees read-only.
        ours = sorted({str(Path(p).resolve()) for p in (sys.prefix, sys.base_prefix)})
        mounts += prefix_mounts(ours)
        command = [sys.executable, "-m", "virtualenv", "--quiet", "--no-download", "-p", env.interpreter.path, ENV_DIR]
    else:
        command = [env.interpreter.path, "-m", "venv", ENV_DIR]
    with _home() as home:
        return run_step(command, mounts + [Mount(home, HOME, True)], SRC_DIR, scrubbed_environment(), limits)


class _home(tempfile.TemporaryDirectory):
    """A private HOME for one step."""

    def __init__(self):
        super().__init__(prefix="py3bridge-home-")

    def __enter__(self):
        give_to_sandbox(self.name)
        return Path(self.name)


def run_in_env(env, command, tree, limits, proxy=None, extra_env=None, writable_env=False, scratch=None):
    """Run a shell command in the sandbox: the tree at /src (the working folder), the environment at
    /env (first on PATH), `scratch` at /scratch; network only through `proxy`, to the package index."""
    mounts = prefix_mounts(env.prefixes) + [Mount(env.path, ENV_DIR, writable_env), Mount(tree, SRC_DIR, True)]
    if scratch is not None:
        mounts.append(Mount(scratch, SCRATCH_DIR, True))
    variables = scrubbed_environment(extra_env)
    variables.update(PATH="%s/bin:%s" % (ENV_DIR, SANDBOX_PATH), VIRTUAL_ENV=ENV_DIR,
                     PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    with _home() as home:
        return run_step(["sh", "-c", command], mounts + [Mount(home, HOME, True)], SRC_DIR, variables, limits,
                        proxy_socket=proxy.socket_path if proxy else None)


def read_step_file(path, limit=64 * 1024 ** 2):
    """Text of a file a step wrote, or None: never through a symlink, never a special file, at most `limit` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None
        return f.read(limit).decode("utf-8", "replace")


def tail(text, lines=20):
    return "\n".join(text.strip().splitlines()[-lines:])
