"""RQ jobs: plain functions taking ids and names. Everything that writes to GitHub or git is here.

Jobs are idempotent. A batch is recorded as "opening" (with its branch) before anything is pushed;
a job retried after a crash finds that record, looks the branch's PR up on GitHub and finishes the
work instead of opening a second PR.
"""
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from github import GithubException, UnknownObjectException

from common import deliveries
from common.settings import from_environment
from workers import dashboard, fixers as registry, pull_request
from workers import repo_config, state as repo_state
from workers.deps import upgrade as upgrades
from workers.deps.index import IndexClient, RedisCache
from workers.deps.readiness import readiness_table
from workers.engine.apply import apply_fixers
from workers.engine.interpreters import find_version, verification_interpreters
from workers.engine.planner import cut_batches, make_plan
from workers.forge.github_client import AppClient, find_pull_by_branch
from workers.forge.gitrepo import BranchMoved, clone
from workers.state import FAILED, MERGED, OPEN, OPENING, SKIPPED, BatchRecord
from workers.testrun import config as test_config
from workers.testrun.session import run_session
from workers.testrun.summary import blockers_record
from workers.testrun.summary import to_json as tests_to_json
from workers.testrun.trees import snapshot

_CLIENTS = {}


class Context:
    def __init__(self, settings):
        self.settings = settings
        self.redis = deliveries.connect(settings.redis_url)
        key = (settings.app_id, settings.github_api_url)
        self.client = _CLIENTS.setdefault(key, AppClient(settings))

    def app_slug(self):
        """The app's slug as GitHub knows it (a renamed app keeps working); cached an hour."""
        cached = self.redis.get("py3bridge:app-slug")
        if cached:
            return cached.decode()
        slug = self.client.app_slug()
        self.redis.set("py3bridge:app-slug", slug, ex=3600)
        return slug

    @property
    def author(self):
        return ("py3bridge[bot]", "%s+py3bridge[bot]@users.noreply.github.com" % self.settings.app_id)


@contextmanager
def _timed(timings, phase):
    started = time.monotonic()
    try:
        yield
    finally:
        timings[phase] = round(timings.get(phase, 0.0) + time.monotonic() - started, 3)


def handle_delivery(delivery_id, jobs):
    """Run a delivery's jobs; mark it done only when all succeeded, so a redelivery can retry."""
    context = Context(from_environment())
    try:
        for name, kwargs in jobs:
            _job(name)(context, **kwargs)
    except Exception:
        deliveries.release(context.redis, delivery_id)
        raise
    deliveries.mark_done(context.redis, delivery_id)


def sync_repository(context, installation_id, full_name, extra=0):
    """Re-plan the repository, open PRs up to the limit (`extra` more, even if paused: the `next`
    command), refresh the dashboard. The sync has a time budget (PY3BRIDGE_SYNC_BUDGET_SECONDS):
    each PR's test runs get at most what is left of it, and once it is spent no further PR is
    opened (the remaining batches wait for the next sync)."""
    from dataclasses import replace

    with repo_state.repository_lock(context.redis, full_name):
        deadline = time.monotonic() + context.settings.sync_budget_seconds
        state = repo_state.load(context.redis, full_name)
        state.installation_id = installation_id
        timings = {}  # seconds per phase since the last PR was opened: github / plan / tests
        with _timed(timings, "github"):
            repo = context.client.github(installation_id).get_repo(full_name)
            config = read_config(repo, state)
            checkout = fresh_clone(context, repo, installation_id)
        with _timed(timings, "plan"):
            plan = _plan(checkout.path, config, state)
            _assess_dependencies(context, checkout.path, state)
        if not state.config_error:  # .py3bridge.toml: shown on the dashboard, like the YAML's errors
            try:
                test_config.load(checkout.path, config.tests)
            except test_config.ConfigError as err:
                state.config_error = str(err)
        interrupted = [batch for batch in state.batches if batch.state == OPENING]
        while not state.config_error:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break  # budget spent
            if interrupted:
                batch = interrupted.pop(0)
            else:
                within_limit = not state.paused and state.open_count() < config.max_open_prs
                if not within_limit and extra <= 0:
                    break
                batch = _next_batch(state, plan, config)
                if batch is None:
                    break
                extra -= 0 if within_limit else 1
            budgeted = replace(config, tests=dict(config.tests, **{test_config.BUDGET_KEY: remaining}))
            open_pull_request(context, repo, checkout, state, batch, budgeted, timings)
            batch.timings, timings = timings, {}
            repo_state.save(context.redis, state)
            with _timed(timings, "plan"):
                plan = _plan(checkout.path, config, state)
        dashboard.update(repo, state)
        repo_state.save(context.redis, state)


def pull_request_closed(context, installation_id, full_name, number, branch, merged, head_repo=None):
    """Our PR was merged (the next batch opens) or closed (its batch is skipped). Only the PR
    recorded for the batch, from a branch of this repository, counts: a fork's PR from a branch
    named like ours changes nothing. head_repo None (unknown: a job queued before it was passed,
    or a deleted fork) is ignored."""
    with repo_state.repository_lock(context.redis, full_name):
        state = repo_state.load(context.redis, full_name)
        batch = state.batch_of_own_pull(number, branch, head_repo)
        if batch is None or batch.state not in (OPEN, OPENING):
            return  # not a PR of ours, or already settled (`skip`, `split`)
        batch.state = MERGED if merged else SKIPPED
        repo_state.save(context.redis, state)
        if not merged:
            dashboard.update(context.client.github(installation_id).get_repo(full_name), state)
            repo_state.save(context.redis, state)
    if merged:
        sync_repository(context, installation_id, full_name)


def pull_request_reopened(context, installation_id, full_name, number, branch, head_repo=None):
    """Our skipped PR reopened: its batch is open again. Same checks as pull_request_closed."""
    with repo_state.repository_lock(context.redis, full_name):
        state = repo_state.load(context.redis, full_name)
        batch = state.batch_of_own_pull(number, branch, head_repo)
        if batch is None or batch.state == MERGED:
            return
        batch.state, batch.reason = OPEN, ""
        dashboard.update(context.client.github(installation_id).get_repo(full_name), state)
        repo_state.save(context.redis, state)


def _job(name):
    from workers.commands import handle_comment  # commands build on the jobs above

    jobs = {"sync_repository": sync_repository, "pull_request_closed": pull_request_closed,
            "pull_request_reopened": pull_request_reopened, "handle_comment": handle_comment}
    return jobs[name]


def read_config(repo, state):
    try:
        text = repo.get_contents(repo_config.PATH, ref=repo.default_branch).decoded_content.decode("utf-8")
    except UnknownObjectException:
        state.config_error = ""
        return repo_config.RepoConfig()
    try:
        config = repo_config.parse(text)
    except repo_config.ConfigInvalid as err:
        state.config_error = str(err)
        return repo_config.RepoConfig()
    state.config_error = ""
    return config


def fresh_clone(context, repo, installation_id):
    """A clone whose git commands ask for a fresh-enough token each time (a push after hours of tests)."""
    dest = Path(context.settings.work_dir) / repo.full_name.replace("/", "__")
    return clone(repo.clone_url, context.client.token_provider(installation_id), dest, repo.default_branch)


def push_lease(context, repo, checkout, batch):
    """The sha a new batch's branch must still have on GitHub for our push ("" = must not exist): the
    one we last pushed, or where an interrupted attempt of ours left it (only py3bridge's commits on
    it). A branch with someone else's commits is never overwritten."""
    remote = checkout.remote_sha(batch.branch)
    if not remote or remote == batch.pushed_sha:
        return remote
    base = "origin/%s" % repo.default_branch
    others = [sha for sha, email in checkout.authors(base, remote) if email != context.author[1]]
    return "" if others else remote


FIRST_FINDINGS = 5  # per report-only fixer on the dashboard; each PR lists those in its own files


def _plan(root, config, state):
    plan = make_plan(root, config.limits, exclude=config.exclude)
    data = plan.to_json()
    state.readiness = data["readiness"]
    state.unparseable = len(data["unparseable"])
    state.remaining = [{"fixer": f["name"], "files": f["files"], "sites": f["sites"], "batches": len(f["batches"])}
                       for f in data["fixers"] if not f["reports_only"]]
    state.findings = [{"fixer": f["name"], "summary": f["summary"], "sites": f["sites"],
                       "first": ["%s:%d" % (item["path"], item["line"]) for item in f["findings"][:FIRST_FINDINGS]]}
                      for f in data["fixers"] if f["reports_only"]]
    return plan


def _next_batch(state, plan, config):
    """Dependency upgrades first (code PRs build on them), then the first batch of the first fixer
    with work, leaving out files already in a batch of it."""
    upgrade = _next_upgrade(state, config)
    if upgrade is not None:
        return upgrade
    for fixer_plan in plan.fixers:
        fixer = fixer_plan.fixer
        if fixer.reports_only or fixer.name in config.disabled_fixers or fixer.name in state.skipped_fixers:
            continue
        held = state.held_files(fixer.name)
        files = {path: sites for path, sites in fixer_plan.files.items() if path not in held}
        batches = cut_batches(fixer.name, files, config.limits)
        if batches:
            batch = BatchRecord(fixer.name, state.next_sequence(fixer.name), batches[0].files)
            state.batches.append(batch)
            return batch
    return None


def _next_upgrade(state, config):
    if upgrades.NAME in config.disabled_fixers or upgrades.NAME in state.skipped_fixers:
        return None
    for row in state.dependencies:
        if row["status"] != "upgrade" or not row.get("upgradable") or state.batch_for_package(row["name"]):
            continue
        batch = BatchRecord(upgrades.NAME, state.next_sequence(upgrades.NAME), [row["source"]], package=row["name"],
                            from_version=row["pinned"], to_version=row["first_version_supporting_both"],
                            line=row["line"])
        state.batches.append(batch)
        return batch
    return None


def _assess_dependencies(context, root, state):
    """The readiness rows (stored on the state for the dashboard); index answers cached in Redis."""
    rows = readiness_table(root, IndexClient(cache=RedisCache(context.redis)))
    upgradable = {id(row) for row in upgrades.candidates(rows)}
    state.dependencies = [dict(row.to_json(), upgradable=id(row) in upgradable) for row in rows]


def cache_scope(state):
    """Test environments belong to one installation: no other installation's steps ever see them."""
    return "installation-%s" % state.installation_id


def test_interpreters(config, checkout=None):
    """The interpreters the repository's tests run on: its `interpreters` setting, else 2.7 and
    the Python 3 of tests.python3 / .py3bridge.toml, else the newest its Django runs on, else 3
    (workers/testrun/pythons.py, given the checkout)."""
    if checkout is not None:
        from workers.testrun.pythons import choose

        return choose(checkout, test_config.load(checkout, config.tests), config.interpreters).interpreters
    if config.interpreters:
        return [find_version(version) for version in config.interpreters]
    return verification_interpreters()


def fixer_for(batch):
    return upgrades.FIXER if batch.fixer == upgrades.NAME else registry.get(batch.fixer)


def open_pull_request(context, repo, checkout, state, batch, config, timings):
    repo_state.save(context.redis, state)  # the "opening" record survives a crash from here on
    with _timed(timings, "github"):
        existing = find_pull_by_branch(repo, batch.branch)
    if existing is not None:
        batch.state, batch.pr = (OPEN if existing.state == "open" else MERGED if existing.merged else SKIPPED), existing.number
        return
    built = build_branch(context, repo, checkout, state, batch, config, timings)
    if built is None:
        return
    fixer, reports, sha = built
    with _timed(timings, "github"):
        try:
            batch.pushed_sha = checkout.push(batch.branch, push_lease(context, repo, checkout, batch))
        except BranchMoved as err:
            batch.state, batch.reason = FAILED, str(err)
            checkout.reset_to(repo.default_branch)
            return
        pull = _create_pull(repo, batch, fixer, reports)
        batch.state, batch.pr = OPEN, pull.number
        report_check(repo, sha, reports)
    checkout.reset_to(repo.default_branch)


def build_branch(context, repo, checkout, state, batch, config, timings):
    """Commit the batch's fixer, applied to its files on top of the default branch, with its tests run.

    Returns (fixer, test reports, commit sha), or None when no file could be changed (the batch
    is then marked failed with the reasons). Fills the batch's file_sites and readiness.
    """
    fixer = fixer_for(batch)
    checkout.start_branch(batch.branch, repo.default_branch)
    with tempfile.TemporaryDirectory(prefix="py3bridge-before-") as scratch:
        before = snapshot(checkout.path, Path(scratch) / "tree")
        with _timed(timings, "plan"):
            file_sites, problem = _change_files(checkout.path, batch, fixer)
        if problem:
            batch.state, batch.reason = FAILED, problem
            checkout.reset_to(repo.default_branch)
            return None
        with _timed(timings, "tests"):
            reports = run_session(before, checkout.path, test_interpreters(config, checkout.path),
                                  test_config.load(checkout.path, config.tests), scope=cache_scope(state))
    remember_blockers(state, batch, reports)
    from workers.testrun.deprecations import dashboard_record

    state.deprecations = dashboard_record(reports) or state.deprecations
    with _timed(timings, "plan"):
        after_plan = make_plan(checkout.path, config.limits, exclude=config.exclude)
    batch.file_sites = file_sites
    batch.review_notes += _findings_in(after_plan, file_sites)
    batch.readiness_before, batch.readiness_after = dict(state.readiness), after_plan.to_json()["readiness"]
    batch.total = _batch_total(state, fixer, after_plan, config.limits)
    # Only what the change wrote: never a build artefact or a file the tests left behind.
    paths = set(file_sites) | {path for path in batch.dependencies.values() if path}
    sha = checkout.commit_files(sorted(paths), _commit_message(fixer, batch), *context.author)
    return fixer, reports, sha


def remember_blockers(state, batch, reports):
    """The dashboard's "Python 3 blockers": the latest PR test run's, kept when no Python 3 suite ran."""
    record = blockers_record(reports)
    if record is not None:
        state.python3_blockers = dict(record, branch=batch.branch)


def _change_files(root, batch, fixer):
    """({path: sites}, problem): the batch's change made in the checkout."""
    if batch.package:
        try:
            return upgrades.apply_upgrade(root, batch), ""
        except (OSError, ValueError) as err:
            return {}, "cannot change the pin: %s" % err
    result = apply_fixers(root, [fixer.name], batch.files, verification_interpreters())
    if not result.changed:
        return {}, "no file could be changed: " + "; ".join("%s: %s" % (f.path, f.reason) for f in result.files)[:500]
    batch.dependencies = result.dependencies
    batch.review_notes = [[f.path, site.line, site.note] for f in result.changed
                          for sites in f.sites.values() for site in sites if site.note]
    return {f.path: sum(len(s) for s in f.sites.values()) for f in result.changed}, ""


def _findings_in(plan, paths):
    """What the report-only fixers say about the files this batch touches: the reviewer is there."""
    return [[path, site.line, "%s: %s" % (fixer_plan.fixer.name, site.note or fixer_plan.fixer.summary)]
            for fixer_plan in plan.fixers if fixer_plan.fixer.reports_only
            for path, sites in sorted(fixer_plan.files.items()) if path in paths for site in sites]


def _commit_message(fixer, batch):
    headline = upgrades.title(batch) if batch.package else "py3: %s" % fixer.summary
    files = "\n".join("- %s" % path for path in sorted(batch.file_sites))
    return "%s\n\n%s\n\nFiles:\n%s\n" % (headline, fixer.explanation, files)


def _create_pull(repo, batch, fixer, reports):
    if batch.package:
        title = upgrades.title(batch)
    else:
        title = pull_request.title(fixer, len(batch.file_sites), batch.sequence, max(batch.total, batch.sequence))
    body = pull_request.body(fixer, batch, reports)
    regressions = tests_to_json(reports)["regressions"]
    try:
        pull = repo.create_pull(base=repo.default_branch, head=batch.branch, title=title, body=body,
                                draft=bool(regressions), maintainer_can_modify=True)
    except GithubException as err:
        if err.status != 422:
            raise
        pull = find_pull_by_branch(repo, batch.branch)  # a retried POST that had in fact succeeded
        if pull is None:
            raise
    pull.add_to_labels(pull_request.LABEL)
    return pull


def _batch_total(state, fixer, after_plan, limits):
    """Batches of this fixer so far (this one included) plus those still to cut after it."""
    remaining = after_plan.for_fixer(fixer.name)
    held = state.held_files(fixer.name)
    files = {p: s for p, s in (remaining.files.items() if remaining else []) if p not in held}
    return len(state.of_fixer(fixer.name)) + len(cut_batches(fixer.name, files, limits))


def report_check(repo, sha, reports):
    conclusion, output = pull_request.check_output(reports)
    repo.create_check_run(pull_request.CHECK_NAME, sha, status="completed", conclusion=conclusion, output=output)
