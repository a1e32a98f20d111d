"""The readiness table: per dependency, its pin, whether that release runs on 2.7 and 3, and the
smallest upgrade that runs on both (the lowest release at or above the pin)."""
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

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

    def to_json(self):
        d = self.dependency
        data = {"name": d.name, "specifier": d.specifier, "pinned": d.pinned_version, "source": d.source,
                "line": d.line, "status": self.status, "supports_py27": self.current_py2,
                "supports_py3": self.current_py3, "first_version_supporting_both": self.first_both}
        if self.problem:
            data["problem"] = self.problem
        if self.replacement:
            data["replacement"] = {"name": self.replacement[0], "note": self.replacement[1]}
        return data


def assess(dependency, client):
    try:
        project = client.project(dependency.name)
    except UnknownPackage as err:
        return Readiness(dependency, UNKNOWN, problem=str(err))
    except IndexUnavailable as err:
        return Readiness(dependency, UNREACHABLE, problem=str(err))
    try:
        return _assess_project(dependency, client, project)
    except IndexUnavailable as err:
        return Readiness(dependency, UNREACHABLE, problem=str(err))


def _assess_project(dependency, client, project):
    released = versions(project)
    current = dependency.pinned_version
    if current is None:
        allowed = [v for v in released if v in dependency.specifier_set()] if dependency.specifier else released
        current = allowed[-1] if allowed else None
    result = Readiness(dependency, REPLACE)
    undecided = []  # releases the index did not serve enough about
    if current in project.get("releases", {}):
        now = release_support(client, dependency.name, current, project)
        result.current_py2, result.current_py3 = now.py2, now.py3
        if now.both:
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
        if found.both:
            result.status, result.first_both = UPGRADE, version
            return result
        if not found.complete and version not in undecided:
            undecided.append(version)
    if undecided:
        result.status = UNDETERMINED
        result.problem = ("the index serves no per-version document for %s %s; the project document's files "
                          "do not say whether %s run%s on Python 2.7 and 3" % (
                              dependency.name, ", ".join(undecided), "it" if len(undecided) == 1 else "they",
                              "s" if len(undecided) == 1 else ""))
        return result
    result.replacement = replacement_for(dependency.name)
    return result


def readiness_table(root, client=None, skipped=None):
    """A Readiness per declared dependency; dependency files not read (symlinks, includes outside
    the checkout) are appended to `skipped` as (path, reason) when it is a list."""
    client = client or IndexClient()
    return [assess(dependency, client) for dependency in read_dependencies(root, skipped)]
