"""Bytes/text evidence for the bot: the 2.7 suite recorded once per revision of the default branch.

A sync plans without evidence. Only when the batch it is about to open belongs to a fixer that
consults evidence (stringio) and has sites the code alone cannot decide, or is a semantic-stage
batch while hashlib/zlib/base64/struct calls wait for evidence (bytes_at_boundaries), or is an
absolute_import batch while package folders are taken for folders loaded by path only from where
they sit (sibling_imports_by_layout: the tests may import them as packages), does the
suite run once more, on 2.7, in the sandbox, with the recorder (workers/testrun/evidence.py), within what is left
of the sync's budget; the sync then applies and plans with what it saw. What was recorded is kept
in Redis under the default branch's sha, a failed or timed-out run as no evidence, so a revision
is never recorded twice. The state keeps a summary for the dashboard. The stored text is read
back through the evidence format's checks (workers/engine/evidence.py), like any evidence file.
"""
import time

from workers import fixers as registry
from workers.engine import evidence as evidence_format
from workers.fixers.bytes_at_boundaries_unreached import NO_EVIDENCE
from workers.services.repository import cache_scope, test_interpreters
from workers.testrun import config as test_config
from workers.testrun.evidence import record

KEY = "py3bridge:evidence:%s:%s"  # full name, sha
KEEP_SECONDS = 30 * 24 * 3600
BOUNDARY_REPORT = "bytes_at_boundaries_unreached"
LAYOUT_REPORT = "sibling_imports_by_layout"
MIN_SECONDS = 30  # less than this left of the budget: no run (a suite rarely installs and runs faster)


def undecided_sites(fixer_plan, files):
    """Sites of `fixer_plan` in `files` that its fixer could decide from recorded evidence."""
    notes = getattr(fixer_plan.fixer, "undecided_without_evidence", ()) if fixer_plan else ()
    if not notes:
        return 0
    return sum(1 for path in files for site in fixer_plan.files.get(path, ()) if (site.note or "").startswith(notes))


def unrecorded_boundary_calls(plan):
    """hashlib/zlib/base64/struct calls listed because no evidence was recorded: with it,
    bytes_at_boundaries rewrites those the tests give text (in the semantic stage)."""
    report = plan.for_fixer(BOUNDARY_REPORT)
    return sum(1 for sites in report.files.values() for site in sites
               if (site.note or "").startswith(NO_EVIDENCE)) if report else 0


def sibling_imports_by_layout(plan):
    """Sibling imports left in package folders taken for folders loaded by path from where they
    sit: with evidence of how the tests import them, absolute_import decides them."""
    report = plan.for_fixer(LAYOUT_REPORT)
    return sum(len(sites) for sites in report.files.values()) if report else 0


def needs_evidence(plan, batch):
    """Whether opening `batch` would use evidence its fixer cannot do without, or the semantic
    stage's bytes_at_boundaries would find sites with it, or absolute_import would decide the
    package folders it now leaves for where they sit."""
    if batch.is_upgrade:
        return False
    if undecided_sites(plan.for_fixer(batch.fixer), batch.files) > 0:
        return True
    if batch.fixer == "absolute_import" and sibling_imports_by_layout(plan) > 0:
        return True
    fixer = registry.BY_NAME.get(batch.fixer)  # a batch kept from an older release may name a retired fixer
    return fixer is not None and fixer.stage == "semantic" and unrecorded_boundary_calls(plan) > 0


def evidence_for(context, checkout, state, config, plan, batch, deadline):
    """The evidence of the checkout's revision for opening `batch`: kept for its sha, else recorded
    now; None when there is none (state.evidence says why, for the dashboard)."""
    if state.python3_only or not needs_evidence(plan, batch):
        return None
    fixer_plan = plan.for_fixer(batch.fixer)
    files = {path for b in fixer_plan.batches for path in b.files} | set(batch.files) if fixer_plan else set(batch.files)
    undecided, unrecorded = undecided_sites(fixer_plan, files), unrecorded_boundary_calls(plan)
    sha = checkout.head()
    kept = cached(context, state, sha)
    if kept is not None:
        return kept or None
    remaining = deadline - time.monotonic()
    if remaining < MIN_SECONDS:
        state.evidence = {"sha": sha, "undecided": undecided, "unrecorded_calls": unrecorded,
                          "problem": "the sync's time budget was spent first"}
        return None
    found, state.evidence = _record(checkout, state, config, remaining)
    state.evidence.update(sha=sha, undecided=undecided, unrecorded_calls=unrecorded)
    context.redis.set(KEY % (state.full_name, sha), evidence_format.dumps(found), ex=KEEP_SECONDS)
    return found or None


def cached(context, state, sha):
    """The evidence kept for `sha` ({} when its run recorded nothing), or None when none was kept."""
    text = context.redis.get(KEY % (state.full_name, sha))
    if text is None:
        return None
    try:
        return evidence_format.loads(text.decode("utf-8", "replace"))
    except evidence_format.EvidenceError:
        return {}


def _record(checkout, state, config, remaining):
    """(evidence, summary for the dashboard) of one sandboxed 2.7 run of the suite."""
    python2 = next((i for i in test_interpreters(config, checkout.path) if i.label.startswith("2")), None)
    if python2 is None:
        return {}, {"problem": "the tests do not run on Python 2.7 here"}
    budgeted = test_config.load(checkout.path, dict(config.tests, **{test_config.BUDGET_KEY: remaining}))
    recording = record(checkout.path, python2, budgeted, scope=cache_scope(state))
    suite = recording.suite
    run = suite.run if suite else None
    problem = recording.problem or (suite.problem if suite else "") or (run.startup_error if run else "") or ""
    summary = dict(recording.summary(), problem=problem, tests=run.total if run else 0)
    return recording.evidence, summary

