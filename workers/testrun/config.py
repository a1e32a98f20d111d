"""What to run: the repository's own settings (.py3bridge.toml) over detected defaults.

    [tests]
    command = "python test.py -v"   # run with sh in the checkout; `python`, `pip` are the env's
    install = "pip install -r requirements.txt"
    timeout = 1800                  # seconds per test run
    smoke = ["python manage.py check"]

A timeout must be a number of seconds above 0 and at most the server's PY3BRIDGE_MAX_STEP_SECONDS
(default 3600): the repository's code is untrusted and does not choose how long it runs.
"""
import math
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
    name: str  # pytest, nose, django, unittest, custom
    command: str
    writes_junit: bool = False

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
    checkout = Path(checkout)
    found = sorted(checkout.glob("requirements*.txt")) + sorted(checkout.glob("requirements/*.txt"))
    return [p.relative_to(checkout).as_posix() for p in found]


def _has_section(path, names):
    if not path.exists():
        return False
    text = path.read_text(errors="replace")
    return any("[%s]" % name in text for name in names)


def detect_runner(checkout):
    checkout = Path(checkout)
    junit = '"$PY3BRIDGE_JUNIT"'
    if (checkout / "manage.py").exists():
        return Runner("django", "python manage.py test -v 2")
    pytest_markers = (checkout / "pytest.ini").exists() or (checkout / "conftest.py").exists() or _has_section(
        checkout / "setup.cfg", ["tool:pytest"]) or _has_section(checkout / "tox.ini", ["pytest"]) or _has_section(
        checkout / "pyproject.toml", ["tool.pytest.ini_options"])
    if pytest_markers:
        return Runner("pytest", "python -m pytest -v -p no:cacheprovider --continue-on-collection-errors --junitxml=%s" % junit, True)
    if _has_section(checkout / "setup.cfg", ["nosetests"]):
        return Runner("nose", "python -m nose -v --with-xunit --xunit-file=%s" % junit, True)
    setup_py = checkout / "setup.py"
    if setup_py.exists() and "test_suite" in setup_py.read_text(errors="replace"):
        return Runner("setup_py", "python setup.py test")
    return Runner("unittest", "python -m unittest discover -v")


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
        runner = Runner("custom", command, "PY3BRIDGE_JUNIT" in command)
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
    return TestConfig(runner, install, editable, timeout, tuple(smoke))
