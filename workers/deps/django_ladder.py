"""The Django upgrade ladder: from a pinned Django older than 1.11, one LTS step at a time to 1.11,
the last Django that runs on Python 2.7 and 3 (1.4 → 1.8 → 1.11).

The first release at or above an old pin that runs on both (1.5 for a 1.4 pin) is not where a
Django project should go: every release between two LTS removes what the previous ones deprecated,
and jumping straight to 1.11 from 1.4 means fixing six releases' removals in one pull request.
So a Django pin climbs the LTS rungs that run on 2.7 and 3 (1.8, then 1.11), one upgrade PR per
rung, each to the newest patch release of that rung on the index. Each step lists the big removals
of the releases it crosses (a short static table, not Django's whole deprecation timeline) and,
when the deprecation warnings of a test run are known (RepoState.deprecations, from
workers/testrun/deprecations.py), the repository's own sites those removals hit.

Everything here works on plain data (versions as text, readiness rows and batch records as they
are stored), so the planner, the PR text, the dashboard and the deps CLI share one answer.
"""
from packaging.version import InvalidVersion, Version

from workers.deps.index import release_support, versions

PACKAGE = "django"
RUNGS = ("1.8", "1.11")  # Django LTS releases that run on 2.7 and 3, oldest first
LAST = "1.11"  # the last Django for Python 2.7 and 3
TIMELINE = "https://docs.djangoproject.com/en/dev/internals/deprecation/"

# Removed in Django X.Y: (what, use instead, lower-case substrings of the deprecation warning's
# message that point at it). The big ones a 2.x-era project is likely to use; not exhaustive.
REMOVED_IN = {
    "1.4": [
        ("`DATABASE_ENGINE`/`DATABASE_NAME`/... settings", "`DATABASES`", ("database_engine", "database_name")),
        ("`django.core.mail.SMTPConnection`", "`get_connection()`", ("smtpconnection",)),
    ],
    "1.5": [
        ("function-based generic views (`django.views.generic.simple`, `list_detail`, `date_based`, "
         "`create_update`)", "class-based generic views",
         ("django.views.generic.simple", "list_detail", "date_based", "create_update", "function-based generic")),
        ("`ADMIN_MEDIA_PREFIX`", "`STATIC_URL`", ("admin_media_prefix",)),
        ("`{% url view.name %}` with an unquoted view name", "`{% url 'view.name' %}`",
         ("url template tag", "url from future")),
    ],
    "1.6": [
        ("`django.conf.urls.defaults`", "`django.conf.urls`", ("django.conf.urls.defaults",)),
        ("`request.raw_post_data`", "`request.body`", ("raw_post_data",)),
        ("`django.contrib.localflavor`", "the `django-localflavor` package", ("localflavor",)),
        ("`django.contrib.markup`", "a Markdown/Textile library", ("django.contrib.markup",)),
        ("`django.contrib.databrowse`", "the `django-databrowse` package", ("databrowse",)),
    ],
    "1.7": [
        ("`django.utils.simplejson`", "`json`", ("simplejson",)),
        ("`HttpResponse(mimetype=...)`", "`content_type=`", ("mimetype",)),
        ("`user.get_profile()` and `AUTH_PROFILE_MODULE`", "a custom user model or a one-to-one field",
         ("get_profile", "auth_profile_module")),
        ("`select_related(depth=...)`", "named relations", ('"depth" keyword',)),
        ("South migrations (Django 1.7 has its own)", "`makemigrations`", ()),
    ],
    "1.8": [
        ("transaction decorators `commit_on_success`, `commit_manually`, `TransactionMiddleware`",
         "`transaction.atomic` and `ATOMIC_REQUESTS`",
         ("commit_on_success", "commit_manually", "transactionmiddleware", "autocommit")),
        ("`get_query_set()` on managers", "`get_queryset()`", ("get_query_set", "get_prefetch_query_set")),
        ("`django.contrib.comments`", "the `django-contrib-comments` package", ("django.contrib.comments",)),
        ("`django.test.simple` / `DjangoTestSuiteRunner`", "`DiscoverRunner`",
         ("django.test.simple", "djangotestsuiterunner")),
        ("`CACHE_MIDDLEWARE_ANONYMOUS_ONLY`", "`vary_on_cookie`", ("cache_middleware_anonymous_only",)),
    ],
    "1.9": [
        ("`request.REQUEST`", "`request.GET` / `request.POST`", ("request.request",)),
        ("`django.utils.importlib`", "`importlib`", ("django.utils.importlib",)),
        ("`SortedDict`", "`collections.OrderedDict`", ("sorteddict",)),
        ("`django.utils.unittest`", "`unittest`", ("django.utils.unittest",)),
        ("`get_cache()`", "`django.core.cache.caches`", ("get_cache",)),
        ("`django.contrib.contenttypes.generic`", "`django.contrib.contenttypes.fields`", ("contenttypes.generic",)),
        ("`syncdb`", "`migrate`", ("syncdb",)),
        ("`MergeDict`, `memoize`, `import_by_path`", "`dict.update()`, `lru_cache`, `import_string`",
         ("mergedict", "memoize", "import_by_path")),
    ],
    "1.10": [
        ("`patterns()` in URLconfs", "a plain list of `url()`", ("patterns(",)),
        ("string view names in `url()` (`url(r'^$', 'app.views.index')`)", "the view callable",
         ("string view", "dotted python path")),
        ("`TEMPLATE_*` settings", "`TEMPLATES`",
         ("template_dirs", "template_loaders", "template_context_processors", "template_debug", "template_string_if")),
        ("`context_instance=` and `dictionary=` of `render_to_response()`/`render_to_string()`", "`context=`",
         ("context_instance", "dictionary argument")),
        ("`SubfieldBase`", "`from_db_value()`", ("subfieldbase",)),
        ("`django.core.context_processors`", "`django.template.context_processors`",
         ("django.core.context_processors",)),
    ],
    "1.11": [],
}


def is_django(name):
    return (name or "").lower().replace("_", "-") == PACKAGE


def _key(series):
    return tuple(int(part) for part in series.split("."))


def series(version):
    """"1.4" for "1.4.22", None when the text is no version."""
    try:
        release = Version(version).release
    except (InvalidVersion, TypeError):
        return None
    return "%d.%d" % (release[0], release[1] if len(release) > 1 else 0)


def rungs_above(version):
    """The LTS rungs still to climb from this Django version: 1.4 → [1.8, 1.11], 1.8 → [1.11],
    1.11 and later → []."""
    current = series(version)
    if current is None:
        return []
    return [rung for rung in RUNGS if _key(rung) > _key(current)]


def ladder_steps(client, name, project, current):
    """[{"series", "version"}]: per rung above `current`, the newest release of that rung on the
    index that is not known to miss 2.7 or 3 (a rung the index lacks is left out)."""
    released = versions(project)
    steps = []
    for rung in rungs_above(current):
        for version in reversed([v for v in released if series(v) == rung]):
            found = release_support(client, name, version, project)
            if found.py2 is not False and found.py3 is not False:
                steps.append({"series": rung, "version": version})
                break
    return steps


def note(current, steps):
    """The readiness row's note: the ladder from the current version."""
    if not steps:
        return ""
    climb = " → ".join([series(current) or current] + ["%(series)s (%(version)s)" % step for step in steps])
    return "Django upgrade ladder: %s, one LTS step per PR; %s is the last Django for 2.7 and 3" % (climb, LAST)


def removals(from_version, to_version):
    """[(removed in, what, use instead, patterns)] for the releases a step from one version to
    another crosses: removed after from_version's series, up to and including to_version's."""
    low, high = series(from_version), series(to_version)
    if low is None or high is None:
        return []
    return [(release, what, instead, patterns) for release in sorted(REMOVED_IN, key=_key)
            if _key(low) < _key(release) <= _key(high) for what, instead, patterns in REMOVED_IN[release]]


def step_sites(from_version, to_version, own_code):
    """The repository's own deprecation sites a step hits: warnings whose `removed_in_django` is
    one of the releases it crosses, and plain deprecations whose message names one of its removals.
    `own_code` is a deprecations record's list ({"site", "category", "message", "removed_in_django"?});
    each site once, in order."""
    low, high = series(from_version), series(to_version)
    if low is None or high is None:
        return []
    crossed = removals(from_version, to_version)
    found, seen = [], set()
    for item in own_code or []:
        if not isinstance(item, dict) or item.get("site") in seen:
            continue
        removed = item.get("removed_in_django") or ""
        if removed:
            hit = series(removed) is not None and _key(low) < _key(series(removed)) <= _key(high)
        else:
            message = (item.get("message") or "").lower()
            hit = any(pattern in message for _, _, _, patterns in crossed for pattern in patterns)
        if hit:
            seen.add(item.get("site"))
            found.append({"site": item.get("site"), "category": item.get("category", ""),
                          "message": (item.get("message") or "")[:200]})
    return sorted(found, key=lambda item: item["site"])


def step_record(row, state_batches):
    """The ladder step a readiness row's next upgrade PR is ({"step", "of", "series", "target"}),
    numbered from where the climb started: after a merged step, the next one continues its count."""
    steps = row.get("ladder") or []
    if not steps:
        return {}
    done = 0
    for batch in state_batches:
        ladder = getattr(batch, "ladder", None) or {}
        if ladder and batch.package.lower() == row["name"].lower() and batch.to_version == row["pinned"] \
                and batch.state == "merged":
            done = ladder.get("step", 0)
    return {"step": done + 1, "of": done + len(steps), "series": steps[0]["series"], "target": steps[-1]["series"]}


EXPLANATION = (
    "Changes the pinned Django in one requirements file to the next LTS release on the way to 1.11, the last "
    "Django that runs on both Python 2.7 and Python 3: the newest patch release of that LTS whose files and "
    "metadata say it runs on both. Not the first release on both, nor straight to 1.11: each LTS step removes "
    "what the releases before it deprecated, and one step per pull request keeps what you have to fix small.")


def title(batch):
    return "py3: %s %s → %s (step %d of %d towards %s, the last Django for 2.7 and 3)" % (
        batch.package, batch.from_version, batch.to_version, batch.ladder["step"], batch.ladder["of"],
        batch.ladder["target"])


def _removal_text(what, instead):
    return "%s (use %s)" % (what, instead)


def pr_lines(batch):
    """The PR body's section for a ladder step: the rung, what it removes, the code it hits."""
    ladder = batch.ladder
    lines = ["", "## Django upgrade ladder", "",
             "Step %d of %d towards Django %s, the last Django for Python 2.7 and 3: Django %s → %s." % (
                 ladder["step"], ladder["of"], ladder["target"], batch.from_version, batch.to_version),
             ""]
    crossed = removals(batch.from_version, batch.to_version)
    if crossed:
        lines += ["**What this step removes that your code may use** (the big ones; the whole list is Django's "
                  "[deprecation timeline](%s)):" % TIMELINE, ""]
        lines += ["- Django %s: %s" % (release, _removal_text(what, instead)) for release, what, instead, _ in crossed]
        lines.append("")
    sites = ladder.get("sites")
    if sites:
        lines += ["**Your code that this step breaks**, from the deprecation warnings of the tests (`-W always`):", ""]
        lines += ["- `%s` %s: %s" % (item["site"], item["category"], item["message"][:160]) for item in sites[:50]]
        if len(sites) > 50:
            lines.append("- … and %d more" % (len(sites) - 50))
    elif ladder.get("sites") is not None:
        lines.append("The tests raised no deprecation warning in your code for what this step removes.")
    return lines


def _status(batch):
    if batch.state == "open":
        return "open: #%d" % batch.pr
    text = {"merged": "merged ✅", "skipped": "skipped", "failed": "failed", "opening": "being opened"}.get(
        batch.state, batch.state)
    return text + (" (#%d)" % batch.pr if batch.pr else "")


def _sites_cell(sites, record_known, limit=5):
    if not record_known:
        return "no test run recorded yet"
    if not sites:
        return "none seen in the tests"
    shown = ", ".join("`%s`" % item["site"] for item in sites[:limit])
    return "%d: %s%s" % (len(sites), shown, ", …" if len(sites) > limit else "")


def dashboard_lines(rows, batches, deprecations):
    """The dashboard's "Django upgrade ladder" section: per pinned Django with rungs left (or with
    ladder PRs already made), each step with what it removes and the repository's sites it hits."""
    record = deprecations or {}
    own = record.get("own_code") or []
    lines = []
    for row in rows or []:
        if not is_django(row.get("name")):
            continue
        current = row.get("pinned") or row.get("newest_allowed")
        steps = row.get("ladder") or []
        made = [b for b in batches if getattr(b, "ladder", None) and b.package.lower() == row["name"].lower()]
        if not steps and not made:
            continue
        if not lines:
            lines = ["### Django upgrade ladder", "",
                     "Django %s is the last release for Python 2.7 and 3. py3bridge climbs there one LTS release per "
                     "pull request; each step lists the big removals of the releases it crosses (Django's "
                     "[deprecation timeline](%s) has them all) and the sites in your code the tests' deprecation "
                     "warnings point at." % (LAST, TIMELINE), ""]
        where = "`%s%s` (%s)" % (row["name"], row.get("specifier") or "", row.get("source", ""))
        if not steps:
            lines += ["%s: on %s, the last Django for 2.7 and 3 ✅" % (where, LAST), ""]
        elif not row.get("upgradable"):
            lines += ["%s: py3bridge opens upgrade PRs only for `==` pins in requirements files; climb this one "
                      "by hand, a step at a time." % where, ""]
        else:
            lines += [where, ""]
        lines += ["| step | Django | status | removes (that your code may use) | your code |", "|---|---|---|---|---|"]
        for batch in made:
            lines.append("| %d | %s → %s | %s | %s | %s |" % (
                batch.ladder.get("step", 0), batch.from_version, batch.to_version, _status(batch),
                _removed_cell(batch.from_version, batch.to_version),
                _sites_cell(batch.ladder.get("sites") or [], batch.ladder.get("sites") is not None)))
        in_flight = any(b.state in ("open", "opening") for b in made)
        start = max([b.ladder.get("step", 0) for b in made if b.to_version == current and b.state == "merged"] or [0])
        previous = current
        for number, step in enumerate(steps, start + 1):
            if any(b.to_version == step["version"] for b in made):
                previous = step["version"]
                continue  # its PR is in the rows above
            if not row.get("upgradable"):
                status = "by hand"
            elif number == start + 1 and not in_flight:
                status = "next"
            else:
                status = "after step %d" % (number - 1)
            lines.append("| %d | %s → %s | %s | %s | %s |" % (
                number, previous, step["version"], status, _removed_cell(previous, step["version"]),
                _sites_cell(step_sites(previous, step["version"], own), bool(record))))
            previous = step["version"]
        lines.append("")
    return lines


def _removed_cell(from_version, to_version):
    crossed = removals(from_version, to_version)
    return ", ".join(what for _, what, _, _ in crossed).replace("|", "\\|") or "nothing big"
