"""Opening one batch's pull request: apply, test, commit exactly the changed files, push with a lease, create the PR and its check.

A batch is recorded as "opening" (with its branch) before anything is pushed; a job retried after a
crash finds that record, looks the branch's PR up on GitHub and finishes the work instead of opening a
second PR.
"""
import tempfile
from pathlib import Path

from github import GithubException

from workers.deps import django_ladder, upgrade as upgrades
from workers.engine.apply import apply_fixers
from workers.engine.interpreters import verification_interpreters
from workers.engine.planner import make_plan
from workers.forge.github_client import find_pull_by_branch
from workers.forge.gitrepo import BranchMoved
from workers.services import pr_text as pull_request
from workers.services.context import timed
from workers.services.repository import cache_scope, fixer_for, test_interpreters
from workers.services.stages import plan_stages
from workers.services.state import FAILED, MERGED, OPEN, SKIPPED
from workers.services import state as repo_state
from workers.testrun import config as test_config
from workers.testrun.deprecations import dashboard_record
from workers.testrun.session import run_session
from workers.testrun.summary import blockers_record
from workers.testrun.summary import regression_count
from workers.testrun.trees import snapshot



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


def open_pull_request(context, repo, checkout, state, batch, config, timings, evidence=None):
    repo_state.save(context.redis, state)  # the "opening" record survives a crash from here on
    with timed(timings, "github"):
        existing = find_pull_by_branch(repo, batch.branch)
    if existing is not None:
        batch.state, batch.pr = (OPEN if existing.state == "open" else MERGED if existing.merged else SKIPPED), existing.number
        return
    built = build_branch(context, repo, checkout, state, batch, config, timings, evidence)
    if built is None:
        return
    fixer, reports, sha = built
    with timed(timings, "github"):
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


def build_branch(context, repo, checkout, state, batch, config, timings, evidence=None):
    """Commit the batch's fixer, applied to its files on top of the default branch, with its tests run
    (`evidence`: what the 2.7 tests recorded on that revision, for the fixers that consult it).

    Returns (fixer, test reports, commit sha), or None when no file could be changed (the batch
    is then marked failed with the reasons). Fills the batch's file_sites and readiness.
    """
    fixer = fixer_for(batch)
    checkout.start_branch(batch.branch, repo.default_branch)
    with tempfile.TemporaryDirectory(prefix="py3bridge-before-") as scratch:
        before = snapshot(checkout.path, Path(scratch) / "tree")
        with timed(timings, "plan"):
            file_sites, problem = _change_files(checkout.path, batch, fixer, evidence)
        if problem:
            batch.state, batch.reason = FAILED, problem
            checkout.reset_to(repo.default_branch)
            return None
        with timed(timings, "tests"):
            reports = run_session(before, checkout.path, _interpreters_for(state, config, checkout.path),
                                  test_config.load(checkout.path, config.tests), scope=cache_scope(state))
    remember_blockers(state, batch, reports)
    if batch.ladder:
        remember_ladder_sites(state, batch, reports)
    state.deprecations = dashboard_record(reports) or state.deprecations
    with timed(timings, "plan"):
        after_plan = make_plan(checkout.path, config.limits, exclude=config.exclude,
                               stages=plan_stages(state.python3_only), held=state.held_by_fixer(), evidence=evidence)
    batch.file_sites = file_sites
    batch.review_notes += _findings_in(after_plan, file_sites)
    batch.readiness_before, batch.readiness_after = dict(state.readiness), after_plan.readiness()
    batch.total = _batch_total(state, fixer, after_plan)
    # Only what the change wrote: never a build artefact or a file the tests left behind.
    paths = set(file_sites) | {path for path in batch.dependencies.values() if path} | {
        row["path"] for row in batch.dependencies_removed if row["path"] and "reason" not in row}
    sha = checkout.commit_files(sorted(paths), _commit_message(fixer, batch), *context.author)
    return fixer, reports, sha


def _interpreters_for(state, config, checkout_path):
    """The Pythons a PR's tests run on: Python 3 only once the repository has dropped Python 2."""
    interpreters = test_interpreters(config, checkout_path)
    return [i for i in interpreters if not i.label.startswith("2")] if state.python3_only else interpreters


def remember_blockers(state, batch, reports):
    """The dashboard's "Python 3 blockers": the latest PR test run's, kept when no Python 3 suite ran."""
    record = blockers_record(reports)
    if record is not None:
        state.python3_blockers = dict(record, branch=batch.branch)


def remember_ladder_sites(state, batch, reports):
    """A Django ladder step's sites: the repository's own deprecation warnings, from earlier PRs'
    tests (state.deprecations) and this PR's before-run (on the old Django), that name what the
    step removes. None when no run recorded any warnings."""
    runs = [getattr(report.before, "warnings", None) for report in reports if getattr(report, "before", None)]
    runs = [run for run in runs if run is not None]
    if not runs and not state.deprecations:
        return
    own = list((state.deprecations or {}).get("own_code") or []) + [item for run in runs for item in run["own_code"]]
    batch.ladder["sites"] = django_ladder.step_sites(batch.from_version, batch.to_version, own)


def _change_files(root, batch, fixer, evidence=None):
    """({path: sites}, problem): the batch's change made in the checkout."""
    if batch.is_upgrade:
        try:
            return upgrades.apply_upgrade(root, batch), ""
        except (OSError, ValueError) as err:
            return {}, "cannot change the pin: %s" % err
    result = apply_fixers(root, [fixer.name], batch.files, verification_interpreters(), evidence=evidence)
    if not result.changed:
        return {}, "no file could be changed: " + "; ".join("%s: %s" % (f.path, f.reason) for f in result.files)[:500]
    batch.dependencies = result.dependencies
    batch.dependencies_removed = [removal.to_json() for removal in result.undeclared]
    batch.review_notes = [[f.path, site.line, site.note] for f in result.changed
                          for sites in f.sites.values() for site in sites if site.note]
    return {f.path: sum(len(s) for s in f.sites.values()) for f in result.changed}, ""


def _findings_in(plan, paths):
    """What the report-only fixers say about the files this batch touches: the reviewer is there."""
    return [[path, site.line, "%s: %s" % (fixer_plan.fixer.name, site.note or fixer_plan.fixer.summary)]
            for fixer_plan in plan.fixers if fixer_plan.fixer.reports_only
            for path, sites in sorted(fixer_plan.files.items()) if path in paths for site in sites]


def _commit_message(fixer, batch):
    headline = upgrades.title(batch) if batch.is_upgrade else "py3: %s" % fixer.summary
    files = "\n".join("- %s" % path for path in sorted(batch.file_sites))
    return "%s\n\n%s\n\nFiles:\n%s\n" % (headline, fixer.explanation, files)


def _create_pull(repo, batch, fixer, reports):
    if batch.is_upgrade:
        title = upgrades.title(batch)
    else:
        title = pull_request.title(fixer, len(batch.file_sites), batch.sequence, max(batch.total, batch.sequence))
    body = pull_request.body(fixer, batch, reports)
    regressions = regression_count(reports)
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


def _batch_total(state, fixer, after_plan):
    """Batches of this fixer so far (this one included) plus those the plan still has after it."""
    remaining = after_plan.for_fixer(fixer.name)
    return len(state.of_fixer(fixer.name)) + (len(remaining.batches) if remaining else 0)


def report_check(repo, sha, reports):
    conclusion, output = pull_request.check_output(reports)
    repo.create_check_run(pull_request.CHECK_NAME, sha, status="completed", conclusion=conclusion, output=output)
