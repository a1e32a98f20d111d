"""The readiness table: per dependency, its pin, whether that release runs on 2.7 and 3, and the
smallest upgrade that runs on both (the lowest release at or above the pin).

A range (`Django>=1.3`, `~=1.8`, `<2`) or no version at all asks a different question: does ANY
release it allows run on both, and which one to pin? The newest allowed release is checked
first (runs on both: ready); else the newest allowed release that runs on both is named, with the
requirement that pins the range to it (`Django>=1.3,<2.0`); only when the range allows none is a
release above it, or a replacement, looked for. An environment marker (`python_version < "3"`)
limits the Pythons a row must run on to those the marker installs it on (2.7, and the Python 3
versions the repository tests on when the caller knows them: workers/deps/markers.py).
"""
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from workers.deps import django_ladder, markers
from workers.deps.index import IndexClient, IndexUnavailable, UnknownPackage, release_support, versions
from workers.deps.replacements import replacement_for
from workers.deps.requirements import read_dependencies

READY, UPGRADE, REPLACE, UNKNOWN, UNREACHABLE = "ready", "upgrade", "replace", "unknown package", "index unreachable"
# No release is known to run on both, but the index did not serve what would settle some of them
# (per-version documents a mirror does not have): "replace" would be a guess.
UNDETERMINED = "unknown"


@dataclass
class Readiness:
    dependency: object
    status: str
    current_py2: object = None
    current_py3: object = None
    first_both: str = None
    problem: str = ""
    replacement: tuple = None
    newest_allowed: str = None  # for a range: the newest release it allows (what the 2.7/3 columns are about)
    suggested: str = ""  # for a range: the requirement that pins it to first_both, e.g. "Django>=1.3,<2.0"
    note: str = ""  # one sentence more (marker scope, standard-library alternative, Django's ladder)
    # Django older than 1.11: the LTS steps still to climb, [{"series": "1.8", "version": "1.8.19"}, ...]
    # (django_ladder); an upgrade PR goes to the first of them, not to first_both.
    ladder: list = None
    scope: tuple = (True, True)  # (installed on 2.7, installed on a tested Python 3): from the marker

    def to_json(self):
        d = self.dependency
        data = {"name": d.name, "specifier": d.specifier, "pinned": d.pinned_version, "source": d.source,
                "line": d.line, "status": self.status, "supports_py27": self.current_py2,
                "supports_py3": self.current_py3, "first_version_supporting_both": self.first_both}
        if self.problem:
            data["problem"] = self.problem
        if self.replacement:
            data["replacement"] = {"name": self.replacement[0], "note": self.replacement[1]}
        data["marker"] = d.marker
        data["applies_to"] = [label for label, applies in zip(("2.7", "3"), self.scope) if applies]
        data["newest_allowed"] = self.newest_allowed
        data["suggested_requirement"] = self.suggested or None
        data["note"] = self.note
        data["ladder"] = self.ladder or []
        data["section"] = d.section
        data["editable"] = d.editable and d.line > 0
        return data


def applies_to(dependency, python3=None):
    """(on 2.7, on a tested Python 3): whether the dependency's marker installs it there."""
    return markers.applies_to(dependency.marker, python3)


def _enough(scope, found):
    """Whether a release's support covers every Python the dependency is installed on."""
    on2, on3 = scope
    return (not on2 or found.py2 is True) and (not on3 or found.py3 is True)


def assess(dependency, client, python3=None):
    """The dependency's Readiness; `python3`: the Python 3 versions its markers are evaluated for."""
    scope = applies_to(dependency, python3)
    try:
        project = client.project(dependency.name)
    except UnknownPackage as err:
        return Readiness(dependency, UNKNOWN, problem=str(err), scope=scope)
    except IndexUnavailable as err:
        return Readiness(dependency, UNREACHABLE, problem=str(err), scope=scope)
    try:
        result = _assess_project(dependency, client, project, scope)
    except IndexUnavailable as err:
        result = Readiness(dependency, UNREACHABLE, problem=str(err))
    result.scope = scope
    return result


def _assess_project(dependency, client, project, scope):
    result = _assess_versions(dependency, client, project, scope)
    on2, on3 = scope
    if not (on2 and on3):
        where = "2.7" if on2 else "Python 3"
        result.note = "its marker (%s) installs it on %s only" % (dependency.marker, where) if (on2 or on3) else \
            "its marker (%s) installs it on neither 2.7 nor Python 3" % dependency.marker
    if django_ladder.is_django(dependency.name) and on2 and on3:
        current = dependency.pinned_version or result.newest_allowed
        result.ladder = django_ladder.ladder_steps(client, dependency.name, project, current)
        result.note = "; ".join(filter(None, [result.note, django_ladder.note(current, result.ladder)]))
    replacement = replacement_for(dependency.name)
    if result.status != REPLACE and replacement and replacement[0] == "(standard library)":
        extra = replacement[1]
        result.note = "; ".join(filter(None, [result.note, extra]))
    return result


def _assess_versions(dependency, client, project, scope):
    released = versions(project)
    current = dependency.pinned_version
    if current is None:
        return _assess_range(dependency, client, project, released, scope)
    result = Readiness(dependency, REPLACE)
    undecided = []  # releases the index did not serve enough about
    if current in project.get("releases", {}):
        now = release_support(client, dependency.name, current, project)
        result.current_py2, result.current_py3 = now.py2, now.py3
        if _enough(scope, now):
            result.status = READY
            return result
        if not now.complete:
            undecided.append(current)
    try:
        floor = Version(current) if current else None
    except InvalidVersion:  # an arbitrary `===` pin: every release is a candidate
        floor = None
    for version in released:
        if floor is not None and Version(version) < floor:
            continue
        found = release_support(client, dependency.name, version, project)
        if _enough(scope, found):
            result.status, result.first_both = UPGRADE, version
            return result
        if not found.complete and version not in undecided:
            undecided.append(version)
    return _undecided_or_replace(dependency, result, undecided)


def _assess_range(dependency, client, project, released, scope):
    """A range or no version: the newest allowed release if it runs on both, else the newest
    allowed one that does (with the requirement pinning the range to it), else the first
    release above the range that does, else unknown / replace."""
    specifier = dependency.specifier_set()
    allowed = [v for v in released if _allows(specifier, v)] if dependency.specifier else list(released)
    result = Readiness(dependency, REPLACE, newest_allowed=allowed[-1] if allowed else None)
    undecided = []
    for index, version in enumerate(reversed(allowed)):
        found = release_support(client, dependency.name, version, project)
        if index == 0:
            result.current_py2, result.current_py3 = found.py2, found.py3
        if _enough(scope, found):
            if index == 0:
                result.status = READY
                return result
            result.status, result.first_both = UPGRADE, version
            later = [v for v in released if Version(v) > Version(version)]
            bound = "<%s" % later[0] if later else "==%s" % version
            result.suggested = "%s%s" % (dependency.name, ",".join(filter(None, [str(specifier), bound])))
            return result
        if not found.complete and version not in undecided:
            undecided.append(version)
    top = Version(allowed[-1]) if allowed else None
    for version in released:
        if top is not None and Version(version) <= top:
            continue
        found = release_support(client, dependency.name, version, project)
        if _enough(scope, found):
            result.status, result.first_both = UPGRADE, version
            result.suggested = "%s==%s" % (dependency.name, version)
            result.note = "no release %s allows runs on both: widen it" % (dependency.specifier or "")
            return result
        if not found.complete and version not in undecided:
            undecided.append(version)
    return _undecided_or_replace(dependency, result, undecided)


def _allows(specifier, version):
    try:
        return specifier.contains(version)
    except InvalidVersion:
        return False


def _undecided_or_replace(dependency, result, undecided):
    if undecided:
        result.status = UNDETERMINED
        result.problem = ("the index serves no per-version document for %s %s; the project document's files "
                          "do not say whether %s run%s on Python 2.7 and 3" % (
                              dependency.name, ", ".join(undecided), "it" if len(undecided) == 1 else "they",
                              "s" if len(undecided) == 1 else ""))
        return result
    result.replacement = replacement_for(dependency.name)
    return result


def readiness_table(root, client=None, skipped=None, python3=None, not_editable=None):
    """A Readiness per declared dependency; dependency files not read (symlinks, includes outside
    the checkout) are appended to `skipped` as (path, reason) when it is a list, and requirement
    lists that are computed (not literals we can edit) to `not_editable` as (path, line, reason).
    `python3`: the Python 3 versions the repository tests on ("3.7"), for markers; default any."""
    client = client or IndexClient()
    return [assess(dependency, client, python3) for dependency in read_dependencies(root, skipped, not_editable)]
