"""Which Python 3 the repository's tests run on, and why.

Configured: `.py3bridge.toml` [tests] python3 = ["3.7"] or `.github/py3bridge.yml` interpreters
(["2.7", "3.7"]). Otherwise, for a Django project, the newest Python 3 its Django runs on: the
Django the dependency files and the install command allow (the newest series that also runs on
2.7 when the range allows several, since the code must keep running on both), looked up in
DJANGO_PYTHONS. Otherwise py3bridge's own Python 3 (PY3BRIDGE_PYTHON3, else the running one).

DJANGO_PYTHONS is Django's own table ("What Python version can I use with Django?", the FAQ in
docs.djangoproject.com/en/stable/faq/install/), with one practical change: the 1.8-1.10 series
are marked up to 3.7 (officially 3.5), because they install and pass their own and their apps'
suites on 3.6 and 3.7; on 3.8 and later, Django before 2.2 breaks (collections ABCs, sqlite).
"""
import re
from dataclasses import dataclass, replace

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from workers.engine.interpreters import find_python2, find_python3, find_version

# series -> (newest release of the series, newest Python 3 it runs on, runs on 2.7)
DJANGO_PYTHONS = {
    "1.3": ("1.3.7", None, True), "1.4": ("1.4.22", None, True),
    "1.5": ("1.5.12", "3.3", True), "1.6": ("1.6.11", "3.3", True), "1.7": ("1.7.11", "3.4", True),
    "1.8": ("1.8.19", "3.7", True), "1.9": ("1.9.13", "3.7", True), "1.10": ("1.10.8", "3.7", True),
    "1.11": ("1.11.29", "3.7", True),
    "2.0": ("2.0.13", "3.7", False), "2.1": ("2.1.15", "3.7", False), "2.2": ("2.2.28", "3.9", False),
    "3.0": ("3.0.14", "3.9", False), "3.1": ("3.1.14", "3.9", False), "3.2": ("3.2.25", "3.10", False),
    "4.0": ("4.0.10", "3.10", False), "4.1": ("4.1.13", "3.11", False), "4.2": ("4.2.16", "3.12", False),
    "5.0": ("5.0.9", "3.12", False), "5.1": ("5.1.4", "3.13", False),
}
MIN_PYTHON3 = (3, 5)
_INSTALL_DJANGO = re.compile(r"""(?<![\w.-])["']?(django\s*(?:===?|~=|!=|<=?|>=?)\s*[\w.*]+(?:\s*,\s*(?:===?|~=|!=|<=?|>=?)\s*[\w.*]+)*)""",
                             re.IGNORECASE)


@dataclass
class Choice:
    interpreters: list  # [Interpreter]: 2.7 first
    why: str  # one sentence for the summary: which Python 3 and why
    django: str = ""  # the Django series the choice was made for ("1.8"), or ""


def _key(version):
    return tuple(int(p) for p in version.split("."))


def django_specifiers(checkout, install_command=""):
    """(combined SpecifierSet, [where each part came from]) for Django, or (None, [])."""
    from workers.deps.requirements import read_dependencies

    parts, sources = [], []
    for dependency in read_dependencies(checkout):
        if dependency.key == "django":
            parts.append(dependency.specifier)
            sources.append("%s: Django%s" % (dependency.source, dependency.specifier))
    for match in _INSTALL_DJANGO.finditer(install_command or ""):
        text = match.group(1)
        parts.append(re.sub(r"(?i)^django\s*", "", text))
        sources.append("install command: %s" % text)
    if not sources:
        return None, []
    try:
        return SpecifierSet(",".join(p for p in parts if p)), sources
    except InvalidSpecifier:
        return None, sources


def django_series(specifier):
    """The Django series to test with: the newest the specifier allows that runs on 2.7 as well,
    else the newest it allows at all; None when it allows none we know."""
    allowed = [series for series, (newest, _, _) in DJANGO_PYTHONS.items()
               if any(specifier.contains(v) for v in _series_releases(series, newest))]
    if not allowed:
        return None
    both = [s for s in allowed if DJANGO_PYTHONS[s][1] and DJANGO_PYTHONS[s][2]]
    return max(both or allowed, key=_key)


def _series_releases(series, newest):
    return ["%s.%d" % (series, n) for n in range(int(newest.rsplit(".", 1)[1]) + 1)] + [series]


def _available(version):
    interpreter = find_version(version)
    return interpreter if "/" in interpreter.path else None


def choose(checkout, config, configured=()):
    """Choice: the interpreters to test on (2.7 first) and why this Python 3. The Python 3
    interpreters carry the reason in their `why`, which the test summary prints.

    `configured`: .github/py3bridge.yml `interpreters` (exactly those run, as before)."""
    choice = _choose(checkout, config, configured)
    choice.interpreters = [replace(i, why=choice.why) if not i.label.startswith("2") else i
                           for i in choice.interpreters]
    return choice


def _choose(checkout, config, configured):
    if configured:
        return Choice([find_version(v) for v in configured],
                      "Python %s: set by .github/py3bridge.yml interpreters." % ", ".join(configured))
    python2 = find_python2()
    if config.python3:
        return Choice([python2] + [find_version(v) for v in config.python3],
                      "Python %s: set by [tests] python3." % ", ".join(config.python3))
    specifier, sources = django_specifiers(checkout, config.install)
    if sources:
        series = django_series(specifier) if specifier is not None else None
        if series and DJANGO_PYTHONS[series][1]:
            newest = DJANGO_PYTHONS[series][1]
            versions = [v for v in _known_versions() if MIN_PYTHON3 <= _key(v) <= _key(newest)]
            for version in sorted(versions, key=_key, reverse=True):
                interpreter = _available(version)
                if interpreter:
                    why = ("Python %s: the newest Python 3 here that Django %s runs on (Django %s: up to Python %s%s; "
                           "allowed by %s)." % (version, series, series, newest,
                                                ", in practice" if series in ("1.8", "1.9", "1.10") else "",
                                                "; ".join(sources)))
                    if _unbounded(specifier, series):
                        why += (" The range also allows later Django releases, which pip installs on Python 3 "
                                "only: pin Django<%s to test one Django on both." % _next_series(series))
                    return Choice([python2, interpreter], why, series)
            fallback = find_python3()
            return Choice([python2, fallback], "Python %s: no interpreter here for Django %s (up to Python %s); "
                          "py3bridge's own Python 3 instead." % (_version_of(fallback), series, newest), series)
        if series:
            return Choice([python2, find_python3()], "Python %s: Django %s (%s) runs on no Python 3; py3bridge's own "
                          "Python 3 runs the tests anyway." % (_version_of(find_python3()), series, "; ".join(sources)),
                          series)
    python3 = find_python3()
    return Choice([python2, python3], "Python %s: py3bridge's own Python 3 (no Django pin and no [tests] python3 "
                  "setting)." % _version_of(python3))


def _known_versions():
    return ["3.%d" % minor for minor in range(5, 14)]


def _version_of(interpreter):
    import sys

    if interpreter.path == sys.executable:
        return "%d.%d" % sys.version_info[:2]
    match = re.search(r"python(3\.\d+)$", interpreter.path) or re.search(r"/(3\.\d+)[.\d]*/", interpreter.path)
    return match.group(1) if match else interpreter.label


def _next_series(series):
    ordered = sorted(DJANGO_PYTHONS, key=_key)
    index = ordered.index(series)
    return ordered[index + 1] if index + 1 < len(ordered) else "%s.99" % series


def _unbounded(specifier, series):
    later = [s for s in DJANGO_PYTHONS if _key(s) > _key(series)]
    return any(specifier.contains(DJANGO_PYTHONS[s][0]) for s in later)
