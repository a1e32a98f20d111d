"""Deprecation warnings a test run raised, read from the file the environment's sitecustomize
writes (hooks.SITECUSTOMIZE; the runs use `-W always`, so nothing is filtered away).

Counted per run: DeprecationWarning and PendingDeprecationWarning (with their subclasses),
Django's RemovedInDjangoNNWarning (with the Django version that removes the feature), and every
warning whose site is the repository's own code, as `file:line`. A warning is counted once per
(site, category, message), however many times and in however many processes it fired.
"""
import re
from dataclasses import dataclass, field

_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<category>[A-Za-z_]\w*)(?:\((?P<base>\w+)\))?: (?P<message>.*)$")
_DJANGO = re.compile(r"^RemovedInDjango(\d)(\d+)Warning$")
DEPRECATIONS = ("DeprecationWarning", "PendingDeprecationWarning")
LIST_LIMIT = 200


@dataclass(frozen=True)
class Warning_:
    path: str  # relative to the checkout for the repository's own code, else as recorded
    line: int
    category: str
    base: str  # DeprecationWarning / PendingDeprecationWarning for their subclasses, else ""
    message: str
    own: bool  # the site is in the repository's code

    @property
    def deprecation(self):
        return self.category in DEPRECATIONS or self.base in DEPRECATIONS

    @property
    def django_removal(self):
        """"1.9", "1.10", "2.0" ... for RemovedInDjangoNNWarning, else ""."""
        match = _DJANGO.match(self.category)
        return "%s.%s" % (match.group(1), match.group(2)) if match else ""

    @property
    def site(self):
        return "%s:%d" % (self.path, self.line)

    def to_json(self):
        data = {"site": self.site, "category": self.category, "message": self.message[:300]}
        if self.django_removal:
            data["removed_in_django"] = self.django_removal
        return data


@dataclass
class WarningCounts:
    deprecations: int = 0  # DeprecationWarning + PendingDeprecationWarning and subclasses
    django: dict = field(default_factory=dict)  # "1.9" -> count of RemovedInDjango19Warning
    own: list = field(default_factory=list)  # [Warning_] whose site is the repository's code
    total: int = 0

    def to_json(self):
        return {"total": self.total, "deprecations": self.deprecations,
                "django_removals": dict(sorted(self.django.items(), key=lambda kv: _version_key(kv[0]))),
                "own_code": [w.to_json() for w in self.own[:LIST_LIMIT]], "own_code_count": len(self.own)}


def _version_key(version):
    return tuple(int(p) for p in version.split(".") if p.isdigit())


def parse(text, src_dir="/src"):
    """[Warning_] from the warnings file's text, each (site, category, message) once."""
    found, seen = [], set()
    root = src_dir.rstrip("/") + "/"
    for raw in (text or "").splitlines():
        match = _LINE.match(raw)
        if not match:
            continue
        path = match.group("path")
        own = path.startswith(root)
        if own:
            path = path[len(root):]
        item = Warning_(path, int(match.group("line")), match.group("category"), match.group("base") or "",
                        match.group("message").strip(), own)
        key = (item.path, item.line, item.category, item.message)
        if key not in seen:
            seen.add(key)
            found.append(item)
    return found


def count(warnings):
    counts = WarningCounts(total=len(warnings))
    for item in warnings:
        if item.deprecation:
            counts.deprecations += 1
        if item.django_removal:
            counts.django[item.django_removal] = counts.django.get(item.django_removal, 0) + 1
        if item.own and (item.deprecation or item.django_removal):
            counts.own.append(item)
    counts.own.sort(key=lambda w: (w.path, w.line, w.category))
    return counts


def by_django_version(own_json):
    """{removed-in version or "": [warning json]} from to_json()'s own_code list, oldest removal first."""
    groups = {}
    for item in own_json:
        groups.setdefault(item.get("removed_in_django", ""), []).append(item)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == "", _version_key(kv[0]) if kv[0] else ())))


def markdown_lines(name, before, after, limit=30):
    """Summary lines for one interpreter: counts before → after and the repository's own sites."""
    if after is None:
        return []

    def pair(key):
        value = lambda d: d[key] if d else None  # noqa: E731
        return ("%d → %d" % (value(before), value(after))) if before else "%d" % value(after)

    removals = after["django_removals"]
    django = ", ".join("%d removed in Django %s" % (n, version) for version, n in removals.items())
    lines = ["**%s deprecations** (`-W always`): %s DeprecationWarning/PendingDeprecationWarning%s; "
             "%s in the repository's own code." % (name, pair("deprecations"), (" (%s)" % django) if django else "",
                                                   pair("own_code_count"))]
    shown = 0
    for version, items in by_django_version(after["own_code"]).items():
        label = ("removed in Django %s" % version) if version else "other deprecations"
        for item in items:
            if shown >= limit:
                break
            lines.append("- `%s` %s (%s): %s" % (item["site"], item["category"], label, item["message"][:160]))
            shown += 1
    if after["own_code_count"] > shown:
        lines.append("- … and %d more" % (after["own_code_count"] - shown))
    return lines


def dashboard_record(reports):
    """What the dashboard keeps of a PR's test run: the deprecations of each after-run, the
    repository's own sites merged (the same site on 2.7 and 3 listed once); None without any."""
    own, totals, removals, versions = {}, 0, {}, []
    for report in reports:
        after = getattr(report, "after", None)
        counts = getattr(after, "warnings", None) if after is not None else None
        if not counts:
            continue
        versions.append(report.version or report.label)
        totals = max(totals, counts["deprecations"])
        for version, n in counts["django_removals"].items():
            removals[version] = max(removals.get(version, 0), n)
        for item in counts["own_code"]:
            own.setdefault((item["site"], item["category"]), item)
    if not versions:
        return None
    return {"pythons": versions, "deprecations": totals, "django_removals": removals,
            "own_code": sorted(own.values(), key=lambda w: (w["site"], w["category"]))}


def dashboard_lines(record, limit=40):
    """The dashboard's "Deprecations" section: the repository's own sites, grouped by the Django
    version that removes the feature (then the other deprecations)."""
    if not record or not record.get("own_code"):
        return []
    lines = ["### Deprecations in your code", "",
             "From the latest PR's tests with `-W always` (Python %s): %d DeprecationWarning/"
             "PendingDeprecationWarning in all; these are raised by your own code. Fix the earliest "
             "Django removal first: it is the next Django upgrade's blocker." % (
                 ", ".join(record.get("pythons", [])), record.get("deprecations", 0)), ""]
    shown = 0
    for version, items in by_django_version(record["own_code"]).items():
        lines.append("**%s**" % ("Removed in Django %s" % version if version else "Other deprecations"))
        for item in items:
            if shown >= limit:
                break
            lines.append("- `%s` %s: %s" % (item["site"], item["category"], item["message"][:160].replace("|", "\\|")))
            shown += 1
        lines.append("")
    if len(record["own_code"]) > shown:
        lines += ["… and %d more." % (len(record["own_code"]) - shown), ""]
    return lines
