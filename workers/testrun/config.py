"""What to run: the repository's own settings (.py3bridge.toml) over detected defaults.

    [tests]
    command = "python test.py -v"   # run with sh in the checkout; `python`, `pip` are the env's
    install = "pip install -r requirements.txt"
    timeout = 1800                  # seconds per test run
    smoke = ["python manage.py check"]
"""
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

CONFIG_FILE = ".py3bridge.toml"


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
    try:
        timeout = float(settings.get("timeout", 1800))
    except (TypeError, ValueError):
        raise ConfigError("%s: [tests] timeout must be a number of seconds" % CONFIG_FILE) from None
    return TestConfig(runner, install, editable, timeout, tuple(smoke))
