"""The repository's own settings: .github/py3bridge.yml.

    tests:
      command: python test.py -v
      install: pip install -r requirements.txt
      timeout: 1800
      smoke: [python manage.py check]
    fixers:
      disabled: [long_literals]
    exclude: ["docs/*", "vendor/*"]
    batch:
      max_files: 20
      max_lines: 250
    max_open_prs: 2
    python2: dropped                # turns on the python3-only stage (removing the 2+3 scaffolding)
    interpreters: ["2.7", "3.11"]   # the Pythons the tests run on (default: 2.7 and tests.python3,
                                    # else the newest Python 3 its Django runs on, else py3bridge's 3)
    # or only the Python 3 side: tests: {python3: ["3.7"]} (as [tests] python3 in .py3bridge.toml)

An invalid file is reported with its line and the problem; the app then opens no new PRs.
tests.timeout is a whole number of seconds, at most the server's PY3BRIDGE_MAX_STEP_SECONDS.
"""
import re
from dataclasses import dataclass, field

from workers import fixers as registry
from workers.engine.planner import DEFAULT_MAX_FILES, DEFAULT_MAX_LINES, BatchLimits

PATH = ".github/py3bridge.yml"
_KNOWN = {"tests": {"command", "install", "timeout", "smoke", "python3"}, "fixers": {"disabled"}, "exclude": None,
          "batch": {"max_files", "max_lines"}, "max_open_prs": None, "interpreters": None, "python2": None}
PYTHON2_VALUES = ("supported", "dropped")


class ConfigInvalid(Exception):
    pass


@dataclass(frozen=True)
class RepoConfig:
    tests: dict = field(default_factory=dict)
    disabled_fixers: tuple = ()
    exclude: tuple = ()
    limits: BatchLimits = BatchLimits(DEFAULT_MAX_FILES, DEFAULT_MAX_LINES)
    max_open_prs: int = 2
    interpreters: tuple = ()  # versions such as "2.7", "3.9"; empty: the verification interpreters
    python2_dropped: bool = False  # `python2: dropped`: the python3-only stage may run


def _where(node):
    return "%s line %d" % (PATH, node.start_mark.line + 1)


def _mapping(node):
    if node.id != "mapping":
        raise ConfigInvalid("%s: expected a mapping" % _where(node))
    return {key.value: (key, value) for key, value in node.value}


def _int(node, minimum=1):
    if node.id != "scalar":
        raise ConfigInvalid("%s: expected a whole number" % _where(node))
    try:
        value = int(node.value)
    except (TypeError, ValueError):
        raise ConfigInvalid("%s: %r is not a whole number" % (_where(node), node.value)) from None
    if value < minimum:
        raise ConfigInvalid("%s: must be at least %d" % (_where(node), minimum))
    return value


def _string_list(node):
    if node.id != "sequence" or not all(n.id == "scalar" for n in node.value):
        raise ConfigInvalid("%s: expected a list of strings" % _where(node))
    return tuple(n.value for n in node.value)


def parse(text, max_step_seconds=None):
    """RepoConfig from the file's text; raises ConfigInvalid("<path> line N: problem").
    max_step_seconds: the cap on tests.timeout (default: PY3BRIDGE_MAX_STEP_SECONDS)."""
    import yaml  # here: most checkouts have no config file, and importing yaml takes 10 ms of each plan

    try:
        root = yaml.compose(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = " line %d" % (mark.line + 1) if mark else ""
        raise ConfigInvalid("%s%s: %s" % (PATH, line, getattr(err, "problem", None) or err)) from None
    if root is None:
        return RepoConfig()
    top = _mapping(root)
    for name, (key, value) in top.items():
        if name not in _KNOWN:
            raise ConfigInvalid("%s: unknown setting %r (known: %s)" % (_where(key), name, ", ".join(sorted(_KNOWN))))
        if _KNOWN[name]:
            for sub, (sub_key, _) in _mapping(value).items():
                if sub not in _KNOWN[name]:
                    raise ConfigInvalid("%s: unknown setting %s.%s" % (_where(sub_key), name, sub))
    return RepoConfig(
        tests=_tests(top.get("tests"), max_step_seconds),
        disabled_fixers=_fixers(top.get("fixers")),
        exclude=_string_list(top["exclude"][1]) if "exclude" in top else (),
        limits=_limits(top.get("batch")),
        max_open_prs=_int(top["max_open_prs"][1]) if "max_open_prs" in top else 2,
        interpreters=_versions(top["interpreters"][1]) if "interpreters" in top else (),
        python2_dropped=_python2(top["python2"][1]) == "dropped" if "python2" in top else False,
    )


def _python2(node):
    if node.id != "scalar" or node.value not in PYTHON2_VALUES:
        raise ConfigInvalid("%s: python2 is %s" % (_where(node), " or ".join(PYTHON2_VALUES)))
    return node.value


def _versions(node):
    versions = _string_list(node)
    for version in versions:
        if not re.fullmatch(r"[23]\.\d+", version):
            raise ConfigInvalid("%s: %r is not a Python version like \"2.7\" or \"3.11\"" % (_where(node), version))
        if version.startswith("2.") and version != "2.7":
            raise ConfigInvalid("%s: %r: the Python 2 side is 2.7" % (_where(node), version))
        if version.startswith("3.") and int(version.split(".")[1]) < 5:
            raise ConfigInvalid("%s: %r: Python 3 versions before 3.5 are not supported (3.5 and up)" % (
                _where(node), version))
    return versions


def _timeout(node, cap):
    from common.settings import max_step_seconds

    seconds = _int(node)
    cap = max_step_seconds() if cap is None else cap
    if seconds > cap:
        raise ConfigInvalid("%s: tests.timeout must be at most %g seconds, this server's limit "
                            "(PY3BRIDGE_MAX_STEP_SECONDS); got %d" % (_where(node), cap, seconds))
    return seconds


def _tests(entry, max_step_seconds=None):
    if not entry:
        return {}
    items = _mapping(entry[1])
    tests = {}
    for name in ("command", "install"):
        if name in items:
            tests[name] = items[name][1].value
    if "timeout" in items:
        tests["timeout"] = _timeout(items["timeout"][1], max_step_seconds)
    if "smoke" in items:
        tests["smoke"] = list(_string_list(items["smoke"][1]))
    if "python3" in items:
        versions = _versions(items["python3"][1])
        if any(not v.startswith("3.") for v in versions):
            raise ConfigInvalid("%s: tests.python3 lists Python 3 versions such as \"3.7\"" % _where(items["python3"][1]))
        tests["python3"] = list(versions)
    return tests


def _fixers(entry):
    if not entry or "disabled" not in _mapping(entry[1]):
        return ()
    node = _mapping(entry[1])["disabled"][1]
    names = _string_list(node)
    unknown = [n for n in names if n not in registry.BY_NAME]
    if unknown:
        raise ConfigInvalid("%s: unknown fixer(s) %s" % (_where(node), ", ".join(unknown)))
    return names


def _limits(entry):
    if not entry:
        return BatchLimits()
    items = _mapping(entry[1])
    return BatchLimits(
        _int(items["max_files"][1]) if "max_files" in items else DEFAULT_MAX_FILES,
        _int(items["max_lines"][1]) if "max_lines" in items else DEFAULT_MAX_LINES,
    )
