"""The repository's plan on its state (readiness, what is left, report-only findings) and the next batch to open."""
from workers import fixers as registry
from workers.deps import django_ladder, upgrade as upgrades
from workers.deps.index import IndexClient, RedisCache
from workers.deps.readiness import readiness_table
from workers.engine.planner import make_plan
from workers.rewriting.fixer import PYTHON3_ONLY
from workers.services.stages import plan_stages, python2_dropped
from workers.services.state import DEPENDENCY_UPGRADE, IN_FLIGHT, BatchRecord
from workers.testrun.config import tested_python3

FIRST_FINDINGS = 5  # per report-only fixer on the dashboard; each PR lists those in its own files


def plan_repository(root, config, state, evidence=None):
    """The plan of the stages the repository is at (python3-only once it has dropped Python 2);
    `evidence`: what the 2.7 tests recorded (services/evidence_runs.py), for the fixers that consult it."""
    state.python3_only = python2_dropped(root, config, state.python2_dropped_by)
    plan = make_plan(root, config.limits, exclude=config.exclude, stages=plan_stages(state.python3_only),
                     held=state.held_by_fixer(), evidence=evidence)
    state.readiness = plan.readiness()
    state.unparseable = len(plan.unparseable)
    state.remaining = [{"fixer": fp.fixer.name, "files": len(fp.files), "sites": fp.site_count,
                        "batches": len(fp.batches)} for fp in plan.fixers if not fp.fixer.reports_only]
    state.findings = [{"fixer": fp.fixer.name, "summary": fp.fixer.summary, "sites": fp.site_count,
                       "first": _first_findings(fp)} for fp in plan.fixers if fp.fixer.reports_only]
    return plan


def _first_findings(fixer_plan):
    where = ["%s:%d" % (path, site.line) for path, sites in sorted(fixer_plan.files.items()) for site in sites]
    return where[:FIRST_FINDINGS]


def next_batch(state, plan, config):
    """Dependency upgrades first (code PRs build on them), then the first batch of the first fixer
    with work, leaving out files already in a batch of it: within a stage, the fixers that rewrite
    what blocks the most Python 3 tests (the latest test run's blockers) come first."""
    upgrade = _next_upgrade(state, config)
    if upgrade is not None:
        return upgrade
    for fixer_plan in unblocking_order(plan.fixers, state.python3_blockers):
        fixer = fixer_plan.fixer
        if fixer.reports_only or fixer.name in config.disabled_fixers or fixer.name in state.skipped_fixers:
            continue
        if fixer.stage == PYTHON3_ONLY and _two_and_three_in_flight(state):
            return None  # scaffolding goes once the 2+3 changes it builds on are merged
        held = state.held_files(fixer.name)  # also what was opened since the plan was made
        planned = next((b for b in fixer_plan.batches if held.isdisjoint(b.files)), None)
        if planned:
            batch = BatchRecord(fixer.name, state.next_sequence(fixer.name), planned.files)
            state.batches.append(batch)
            return batch
    return None


def _two_and_three_in_flight(state):
    return any(b.state in IN_FLIGHT and not b.is_upgrade and registry.get(b.fixer).stage != PYTHON3_ONLY
               for b in state.batches if b.fixer in registry.BY_NAME)


def unblocking_order(fixer_plans, blockers):
    """The plan's fixers with, inside each stage (syntax still before semantic), those whose rewrite
    unblocks the most Python 3 tests first; the plan's own order otherwise."""
    unblocked = {}
    for blocker in (blockers or {}).get("blockers", []):
        if blocker.get("fixer"):
            unblocked[blocker["fixer"]] = unblocked.get(blocker["fixer"], 0) + blocker.get("tests", 0)
    stage_rank = {}
    for fixer_plan in fixer_plans:
        stage_rank.setdefault(fixer_plan.fixer.stage, len(stage_rank))
    order = {id(fixer_plan): index for index, fixer_plan in enumerate(fixer_plans)}
    return sorted(fixer_plans, key=lambda fp: (stage_rank[fp.fixer.stage], -unblocked.get(fp.fixer.name, 0), order[id(fp)]))


def _next_upgrade(state, config):
    if upgrades.NAME in config.disabled_fixers or upgrades.NAME in state.skipped_fixers:
        return None
    for row in state.dependencies:
        if not row.get("upgradable") or _upgrade_held(state, row):
            continue
        batch = BatchRecord(upgrades.NAME, state.next_sequence(upgrades.NAME), [row["source"]], kind=DEPENDENCY_UPGRADE,
                            package=row["name"],
                            from_version=row["pinned"], to_version=upgrades.target(row), line=row["line"],
                            ladder=django_ladder.step_record(row, state.batches))
        state.batches.append(batch)
        return batch
    return None


def _upgrade_held(state, row):
    """Whether a row must not become an upgrade PR now. One upgrade PR per package, as ever; a
    Django ladder climbs on once its previous step is merged: a step is held while another PR of
    the package is in flight, and never proposed again from the same pin or to the same version
    (closed without merging, failed, or merged and reverted)."""
    mine = [b for b in state.batches if b.is_upgrade and b.package.lower() == row["name"].lower()]
    if not row.get("ladder"):
        return bool(mine)
    to_version = upgrades.target(row)
    return any(b.state in IN_FLIGHT or b.from_version == row["pinned"] or b.to_version == to_version for b in mine)


def assess_dependencies(context, root, state):
    """The readiness rows (stored on the state for the dashboard); index answers cached in Redis.
    Markers are evaluated for 2.7 and the Python 3 that .py3bridge.toml says the tests run on."""
    rows = readiness_table(root, IndexClient(cache=RedisCache(context.redis)), python3=tested_python3(root))
    upgradable = {id(row) for row in upgrades.candidates(rows)}
    state.dependencies = [dict(row.to_json(), upgradable=id(row) in upgradable) for row in rows]
