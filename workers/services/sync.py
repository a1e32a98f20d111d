"""Keeping a repository's migration moving: re-plan and open PRs up to the limit; react to our PRs being merged, closed or reopened."""
import time
from dataclasses import replace

from workers.services import dashboard, state as repo_state
from workers.services.context import timed
from workers.services.evidence_runs import evidence_for, needs_evidence
from workers.services.opening import open_pull_request
from workers.services.planning import assess_dependencies, next_batch, plan_repository
from workers.services.repository import fresh_clone, read_config
from workers.services.state import MERGED, OPEN, OPENING, SKIPPED
from workers.testrun import config as test_config



def sync_repository(context, installation_id, full_name, extra=0):
    """Re-plan the repository, open PRs up to the limit (`extra` more, even if paused: the `next`
    command), refresh the dashboard. The sync has a time budget (PY3BRIDGE_SYNC_BUDGET_SECONDS):
    each PR's test runs get at most what is left of it, and once it is spent no further PR is
    opened (the remaining batches wait for the next sync). Before a batch with buffers only the
    2.7 tests can tell bytes from text in, the revision's evidence is recorded, once per sha
    (services/evidence_runs.py), and the sync applies and plans with it from then on."""
    with repo_state.repository_lock(context.redis, full_name):
        deadline = time.monotonic() + context.settings.sync_budget_seconds
        state = repo_state.load(context.redis, full_name)
        state.installation_id = installation_id
        timings = {}  # seconds per phase since the last PR was opened: github / plan / tests
        with timed(timings, "github"):
            repo = context.client.github(installation_id).get_repo(full_name)
            config = read_config(repo, state)
            checkout = fresh_clone(context, repo, installation_id)
        with timed(timings, "plan"):
            plan = plan_repository(checkout.path, config, state)
            assess_dependencies(context, checkout.path, state)
        if not state.config_error:  # .py3bridge.toml: shown on the dashboard, like the YAML's errors
            try:
                test_config.load(checkout.path, config.tests)
            except test_config.ConfigError as err:
                state.config_error = str(err)
        evidence, looked_up = None, False
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
                batch = next_batch(state, plan, config)
                if batch is None:
                    break
                extra -= 0 if within_limit else 1
            if not looked_up and needs_evidence(plan, batch):
                looked_up = True
                with timed(timings, "evidence"):
                    evidence = evidence_for(context, checkout, state, config, plan, batch, deadline)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break  # the batch stays "opening": the next sync opens it first
            budgeted = replace(config, tests=dict(config.tests, **{test_config.BUDGET_KEY: remaining}))
            open_pull_request(context, repo, checkout, state, batch, budgeted, timings, evidence)
            batch.timings, timings = timings, {}
            repo_state.save(context.redis, state)
            with timed(timings, "plan"):
                plan = plan_repository(checkout.path, config, state, evidence)
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
