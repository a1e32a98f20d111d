"""What to run: the repository's own settings (.py3bridge.toml) over detected defaults.

    [tests]
    command = "python test.py -v"   # run with sh in the checkout; `python`, `pip` are the env's
    install = "pip install -r requirements.txt"
    timeout = 1800                  # seconds per test run
    smoke = ["python manage.py check"]
    python3 = ["3.7"]               # the Python 3 version(s) to test on (3.5 and up); default: chosen
                                    # from the pinned Django (workers/testrun/pythons.py), else py3bridge's

A timeout must be a number of seconds above 0 and at most the server's PY3BRIDGE_MAX_STEP_SECONDS
(default 3600): the repository's code is untrusted and does not choose how long it runs.
"""
import configparser
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

CONFIG_FILE = ".py3bridge.toml"
DEFAULT_TIMEOUT = 1800.0
# Set by the worker in load()'s overrides (never read from the repository): the seconds left of
# the sync's time budget. The step timeout is the configured one cut to it.
BUDGET_KEY = "remaining_budget_seconds"


class ConfigError(Exception):
    pass


@dataclass(frozen=True)
class Runner:
    name: str  # pytest, nose, django, runtests, setup_py, unittest, custom
    command: str
    writes_junit: bool = False
    source: str = ""  # what it was detected from, e.g. "manage.py (settings mysite.settings)"

    def single_test(self, test_id):
        """Command running one test alone (for the flaky-test rerun), or None."""
        if self.name == "pytest":
            return "python -m pytest -p no:cacheprovider %s" % _shell_quote(test_id)
        if self.name == "nose":
            module, _, rest = test_id.rpartition(".")
            module, _, cls = module.rpartition(".") if "." in module else (module, "", "")
            return "python -m nose -v %s" % _shell_quote("%s:%s.%s" % (module, cls, rest) if cls else test_id)
        if self.name == "django":
            return "python manage.py test -v 2 %s" % _shell_quote(test_id)
        if self.name == "unittest":
            return "python -m unittest -v %s" % _shell_quote(test_id)
        return None


@dataclass(frozen=True)
class TestConfig:
    runner: Runner
    install: str
    editable: bool  # re-link the checkout into the cached env on every run
    timeout: float = 1800.0
    smoke: tuple = field(default_factory=tuple)
    python3: tuple = ()  # configured Python 3 versions ("3.7"); empty: chosen (workers/testrun/pythons.py)
    budget: float = None  # seconds left of the sync's budget for the whole session (every step), or None


def step_timeout(value, cap=None):
    """`value` as the seconds one test step may run; ValueError saying why it cannot be: not a
    number, not finite, not above 0, or above `cap` (default: PY3BRIDGE_MAX_STEP_SECONDS)."""
    from common.settings import max_step_seconds

    cap = max_step_seconds() if cap is None else cap
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError("must be a number of seconds")
    try:
        seconds = float(value)
    except OverflowError:
        seconds = math.inf
    if math.isnan(seconds) or seconds <= 0:
        raise ValueError("must be a number of seconds above 0, not %r" % value)
    if seconds > cap:
        raise ValueError("must be at most %g seconds, this server's limit (PY3BRIDGE_MAX_STEP_SECONDS); got %s"
                         % (cap, "infinity" if math.isinf(seconds) else "%g" % seconds))
    return seconds


def _shell_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def requirement_files(checkout):
    """requirements*.txt, test-requirements*.txt (and the like) and requirements/*.txt."""
    checkout = Path(checkout)
    found = sorted(checkout.glob("*requirements*.txt")) + sorted(checkout.glob("requirements/*.txt"))
    return [p.relative_to(checkout).as_posix() for p in found if not p.is_symlink()]


def _has_section(path, names):
    if not path.exists():
        return False
    text = path.read_text(errors="replace")
    return any("[%s]" % name in text for name in names)


def detect_runner(checkout):
    """The command a maintainer runs the suite with, and where we saw it (Runner.source).

    In order: Django's root manage.py (with its settings module), tox's commands, a runtests.py
    (at the root, else inside a package: run with the checkout on PYTHONPATH), pytest's and nose's
    configuration, setup.py's test_suite, a manage.py further down, unittest discovery."""
    checkout = Path(checkout)
    junit = '"$PY3BRIDGE_JUNIT"'
    manage = checkout / "manage.py"
    if _regular(manage):
        return Runner("django", "python manage.py test -v 2", source=_django_source("manage.py", manage))
    from_tox = _tox_runner(checkout)
    if from_tox:
        return from_tox
    runtests = _runtests_script(checkout)
    if runtests:
        if "/" not in runtests:
            return Runner("runtests", "python %s" % runtests, source="%s (a runtests script)" % runtests)
        return Runner("runtests", "PYTHONPATH=.${PYTHONPATH:+:$PYTHONPATH} python %s" % runtests,
                      source="%s (a runtests script inside a package; run with the checkout on PYTHONPATH)" % runtests)
    pytest_markers = [name for name, found in (
        ("pytest.ini", (checkout / "pytest.ini").exists()), ("conftest.py", (checkout / "conftest.py").exists()),
        ("setup.cfg [tool:pytest]", _has_section(checkout / "setup.cfg", ["tool:pytest"])),
        ("tox.ini [pytest]", _has_section(checkout / "tox.ini", ["pytest"])),
        ("pyproject.toml [tool.pytest.ini_options]", _has_section(checkout / "pyproject.toml", ["tool.pytest.ini_options"])))
        if found]
    if pytest_markers:
        return Runner("pytest", PYTEST_COMMAND % junit, True, source=pytest_markers[0])
    if _has_section(checkout / "setup.cfg", ["nosetests"]):
        return Runner("nose", NOSE_COMMAND % junit, True, source="setup.cfg [nosetests]")
    setup_py = checkout / "setup.py"
    if _regular(setup_py) and "test_suite" in setup_py.read_text(errors="replace"):
        return Runner("setup_py", "python setup.py test", source="setup.py test_suite")
    nested = _nested_manage(checkout)
    if nested:
        folder = nested.rpartition("/")[0]
        return Runner("django", "cd %s && python manage.py test -v 2" % _shell_quote(folder),
                      source=_django_source(nested, checkout / nested))
    return Runner("unittest", "python -m unittest discover -v", source="no runner configuration found")


PYTEST_COMMAND = "python -m pytest -v -p no:cacheprovider --continue-on-collection-errors --junitxml=%s"
NOSE_COMMAND = "python -m nose -v --with-xunit --xunit-file=%s"
_SKIP_DIRS = {".git", ".tox", ".venv", "venv", "env", "node_modules", "build", "dist", "docs", "site-packages"}
_SETTINGS = re.compile(r"""DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']|DJANGO_SETTINGS_MODULE["']\]\s*=\s*["']([\w.]+)["']""")


def _regular(path):
    return path.is_file() and not path.is_symlink()


def _django_source(relative, path):
    match = _SETTINGS.search(path.read_text(errors="replace")) if _regular(path) else None
    settings = (match.group(1) or match.group(2)) if match else None
    return "%s (settings %s)" % (relative, settings) if settings else relative


def _walk(checkout, name, depth=4):
    """Relative paths of regular files called `name`, shallowest first, never through symlinks."""
    found = []
    for path in sorted(checkout.rglob(name)):
        relative = path.relative_to(checkout)
        if len(relative.parts) > depth or any(part in _SKIP_DIRS or part.startswith(".") for part in relative.parts[:-1]):
            continue
        if any((checkout / Path(*relative.parts[:i])).is_symlink() for i in range(1, len(relative.parts) + 1)):
            continue
        if path.is_file():
            found.append(relative.as_posix())
    return sorted(found, key=lambda p: (p.count("/"), p))


def _runtests_script(checkout):
    for relative in _walk(checkout, "runtests.py"):
        text = (checkout / relative).read_text(errors="replace")
        if "__main__" in text or "/" not in relative:
            return relative
    return None


def _nested_manage(checkout):
    for relative in _walk(checkout, "manage.py"):
        if "/" in relative and "execute_from_command_line" in (checkout / relative).read_text(errors="replace"):
            return relative
    return None


def _tox_runner(checkout):
    """The first test command of tox.ini's [testenv] (or [testenv:...]), as we can run it."""
    path = checkout / "tox.ini"
    if not _regular(path):
        return None
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(path.read_text(errors="replace"))
    except configparser.Error:
        return None
    sections = [s for s in parser.sections() if s == "testenv"] + [s for s in parser.sections() if s.startswith("testenv:")]
    for section in sections:
        for raw in parser.get(section, "commands", fallback="").splitlines():
            command = _tox_command(raw)
            if command:
                return _runner_for_command(command, "tox.ini [%s] commands: %s" % (section, raw.strip()))
    return None


def _tox_command(raw):
    line = raw.strip()
    line = re.sub(r"^[\w,.-]+:\s+", "", line)  # a factor condition such as `py27: `
    if not line or line.startswith(("-", "#")) or re.search(r"\{\[|\{env:|\{tox", line):
        return None
    line = line.replace("{envpython}", "python").replace("{envbindir}/", "").replace("{toxinidir}", ".")
    line = re.sub(r"\{posargs(:[^}]*)?\}", lambda m: (m.group(1) or ":")[1:], line).strip()
    words = line.split()
    if not words or "{" in line or words[0] in ("pip", "python -m pip") or words[:3] == ["python", "-m", "pip"]:
        return None
    if words[0] in ("flake8", "pylint", "isort", "black", "mypy", "sphinx-build", "check-manifest"):
        return None
    return line


def _runner_for_command(command, source):
    words = command.split()
    if words[0] in ("pytest", "py.test") or words[:3] == ["python", "-m", "pytest"]:
        rest = words[1:] if words[0] != "python" else words[3:]
        return Runner("pytest", (PYTEST_COMMAND % '"$PY3BRIDGE_JUNIT"') + "".join(" " + w for w in rest), True, source)
    if words[0] == "nosetests" or words[:3] == ["python", "-m", "nose"]:
        rest = words[1:] if words[0] != "python" else words[3:]
        return Runner("nose", (NOSE_COMMAND % '"$PY3BRIDGE_JUNIT"') + "".join(" " + w for w in rest), True, source)
    if words[:2] == ["python", "manage.py"]:
        return Runner("django", command, source=source)
    if words[:3] == ["python", "setup.py", "test"]:
        return Runner("setup_py", command, source=source)
    if len(words) >= 2 and words[0] == "python" and words[1].endswith("runtests.py"):
        return Runner("runtests", command, source=source)
    return Runner("custom", command, "PY3BRIDGE_JUNIT" in command, source)


def default_install(checkout):
    files = requirement_files(checkout)
    if files:
        return " && ".join("pip install -r %s" % _shell_quote(f) for f in files), False
    if (Path(checkout) / "setup.py").exists() or (Path(checkout) / "pyproject.toml").exists():
        return "pip install -e .", True
    return "", False


def load(checkout, overrides=None):
    """The checkout's test settings: .py3bridge.toml's [tests], then `overrides` (e.g. from the app's YAML)."""
    checkout = Path(checkout)
    settings = {}
    path = checkout / CONFIG_FILE
    if path.exists():
        try:
            settings = tomllib.loads(path.read_text()).get("tests", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise ConfigError("%s: %s" % (CONFIG_FILE, err)) from None
    settings = dict(settings, **(overrides or {}))
    runner = detect_runner(checkout)
    if "command" in settings:
        command = str(settings["command"])
        runner = Runner("custom", command, "PY3BRIDGE_JUNIT" in command, source=_configured_in(path, overrides, "command"))
    install, editable = default_install(checkout)
    if "install" in settings:
        install, editable = str(settings["install"]), "-e ." in str(settings["install"])
    smoke = settings.get("smoke", [])
    if not isinstance(smoke, list) or not all(isinstance(s, str) for s in smoke):
        raise ConfigError("%s: [tests] smoke must be a list of commands" % CONFIG_FILE)
    from common.settings import max_step_seconds

    cap = max_step_seconds()
    if "timeout" in settings:
        try:
            timeout = step_timeout(settings["timeout"], cap)
        except ValueError as err:
            raise ConfigError("%s: [tests] timeout %s" % (CONFIG_FILE, err)) from None
    else:
        timeout = min(DEFAULT_TIMEOUT, cap)
    budget = (overrides or {}).get(BUDGET_KEY)
    if budget is not None:
        timeout = max(1.0, min(timeout, float(budget)))
    python3 = settings.get("python3", [])
    if isinstance(python3, str):
        python3 = [python3]
    if not isinstance(python3, list) or not all(isinstance(v, str) for v in python3):
        raise ConfigError("%s: [tests] python3 must be a list of versions such as [\"3.7\"]" % CONFIG_FILE)
    for version in python3:
        problem = python3_version_problem(version)
        if problem:
            raise ConfigError("%s: [tests] python3: %s" % (CONFIG_FILE, problem))
    return TestConfig(runner, install, editable, timeout, tuple(smoke), tuple(python3),
                      float(budget) if budget is not None else None)


def tested_python3(checkout, overrides=None):
    """The Python 3 versions [tests] python3 names ("3.7",), () when unset or the file is invalid
    (the dashboard reports that): dependency markers are evaluated for these."""
    try:
        return load(checkout, overrides).python3
    except (ConfigError, OSError):
        return ()


def python3_version_problem(version):
    """Why `version` cannot be a Python 3 to test on ("3.5" and up), or ""."""
    match = re.fullmatch(r"3\.(\d+)", version)
    if not match:
        return "%r is not a Python 3 version like \"3.7\"" % version
    if int(match.group(1)) < 5:
        return "%r: Python 3 versions before 3.5 are not supported (3.5 and up)" % version
    return ""


def _configured_in(path, overrides, key):
    return ".github/py3bridge.yml tests.%s" % key if key in (overrides or {}) else "%s [tests] %s" % (CONFIG_FILE, key)
