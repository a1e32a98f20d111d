"""A repository's migration state, kept in Redis so that no decision lives in a worker's memory.

One JSON document per repository: every batch py3bridge has proposed (its fixer, files, branch,
PR and state), the dashboard issue, the last plan's numbers and configuration errors. Written
only while holding the repository's lock.
"""
import json
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields

OPENING, OPEN, MERGED, SKIPPED, FAILED, SPLIT = "opening", "open", "merged", "skipped", "failed", "split"
IN_FLIGHT = (OPENING, OPEN)
# What a batch changes: code (one fixer over some files) or one dependency pin. Its branch, PR
# title and body, and dashboard row follow from it.
CODE_FIX, DEPENDENCY_UPGRADE = "code fix", "dependency upgrade"


@dataclass
class BatchRecord:
    fixer: str
    sequence: int  # 1, 2, ... per fixer: the branch is py3bridge/<fixer>-<sequence>
    files: list
    state: str = OPENING
    pr: int = None
    reason: str = ""
    timings: dict = field(default_factory=dict)  # seconds spent on github / plan / tests to open it
    total: int = 0  # batches of this fixer when it was opened: the "of N" in its title
    file_sites: dict = field(default_factory=dict)  # path -> sites changed, as in the PR body
    package: str = ""  # dependency upgrades: the package, its old and new version, the pin's line
    from_version: str = ""
    to_version: str = ""
    line: int = 0
    readiness_before: dict = field(default_factory=dict)
    readiness_after: dict = field(default_factory=dict)
    dependencies: dict = field(default_factory=dict)  # package the code now imports -> file declaring it
    # Packages nothing imports any more, as apply --json's dependencies_removed: [{package, path, reason?}]
    dependencies_removed: list = field(default_factory=list)
    review_notes: list = field(default_factory=list)  # [[path, line, note]]: sites a reviewer must look at
    pushed_sha: str = ""  # the branch's sha as py3bridge last pushed it: the lease of its next push
    # A step of the Django upgrade ladder (deps/django_ladder.py): {"step", "of", "series", "target",
    # "sites"}; {} for every other batch.
    ladder: dict = field(default_factory=dict)
    kind: str = CODE_FIX

    @property
    def is_upgrade(self):
        return self.kind == DEPENDENCY_UPGRADE

    @property
    def branch(self):
        if self.is_upgrade and self.ladder:  # one branch per step: the merged step's branch may still exist
            return "py3bridge/upgrade-%s-%s" % (self.package.lower(), self.ladder["series"])
        if self.is_upgrade:
            return "py3bridge/upgrade-%s" % self.package.lower()
        return "py3bridge/%s-%d" % (self.fixer, self.sequence)


@dataclass
class RepoState:
    full_name: str
    installation_id: int = None
    batches: list = field(default_factory=list)
    dashboard_issue: int = None
    config_error: str = ""
    readiness: dict = field(default_factory=dict)  # {"files": n, "parse_on_py3": n, "py3_ready": n}
    remaining: list = field(default_factory=list)  # [{"fixer", "files", "sites", "batches"}] from the last plan
    unparseable: int = 0
    paused: bool = False  # `pause` / `resume`
    skipped_fixers: list = field(default_factory=list)  # `skip <fixer>` / `unskip <fixer>`
    dependencies: list = field(default_factory=list)  # readiness rows (JSON) from the last sync
    findings: list = field(default_factory=list)  # [{"fixer", "summary", "sites", "first"}]: report-only fixers
    # The latest PR test run's deprecations (testrun.deprecations.dashboard_record), or {}.
    deprecations: dict = field(default_factory=dict)
    # The latest Python 3 blockers, from the after-run of a PR's tests: summary.blockers_record()
    # plus "branch" (the PR's), or {} before any PR's tests ran on Python 3.
    python3_blockers: dict = field(default_factory=dict)
    python2_dropped_by: str = ""  # "by @someone on 2026-11-29": `/py3bridge drop-python2`
    python3_only: str = ""  # why the python3-only stage is on (services/stages.py), "" while it is off
    # The latest bytes/text evidence run (services/evidence_runs.py): {"sha", "undecided", "problem",
    # "tests", "sites", "bytes", "text", "native_only"}, or {} when no plan needed one.
    evidence: dict = field(default_factory=dict)

    def batch_for_package(self, package):
        return next((b for b in self.batches if b.is_upgrade and b.package.lower() == package.lower()), None)

    def batch_for_pr(self, number):
        return next((b for b in self.batches if b.pr == number), None)

    def batch_for_branch(self, branch):
        return next((b for b in self.batches if b.branch == branch), None)

    def batch_of_own_pull(self, number, branch, head_repo):
        """The batch a pull_request event may change: its PR came from a branch of this very
        repository (a fork can name a branch like ours) and is the PR recorded for the batch.
        None otherwise, including when the head repository is unknown (None)."""
        if not head_repo or head_repo.lower() != self.full_name.lower():
            return None
        batch = self.batch_for_branch(branch)
        return batch if batch is not None and batch.pr == number else None

    def of_fixer(self, fixer):
        return [b for b in self.batches if b.fixer == fixer]

    def next_sequence(self, fixer):
        return max([b.sequence for b in self.of_fixer(fixer)] or [0]) + 1

    def open_count(self):
        return sum(1 for b in self.batches if b.state in IN_FLIGHT)

    def held_files(self, fixer):
        """Files a new batch of this fixer must not take: in flight, skipped by a reviewer, or
        failed (shown on the dashboard with the reason; proposing them again would fail again)."""
        return {path for b in self.of_fixer(fixer) if b.state in IN_FLIGHT + (SKIPPED, FAILED) for path in b.files}

    def held_by_fixer(self):
        return {fixer: self.held_files(fixer) for fixer in {b.fixer for b in self.batches}}

    def to_json(self):
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text):
        data = json.loads(text)
        batch_fields = {f.name for f in fields(BatchRecord)}
        data["batches"] = [BatchRecord(**dict({key: value for key, value in b.items() if key in batch_fields},
                                              kind=b.get("kind") or (DEPENDENCY_UPGRADE if b.get("package") else CODE_FIX)))
                           for b in data.get("batches", [])]  # a state saved before `kind` existed
        known = {f.name for f in fields(cls)}  # a key written by a newer worker is not a crash
        return cls(**{key: value for key, value in data.items() if key in known})


def _key(full_name):
    return "py3bridge:repo:%s" % full_name


def load(connection, full_name):
    raw = connection.get(_key(full_name))
    return RepoState.from_json(raw) if raw else RepoState(full_name)


def save(connection, state):
    connection.set(_key(state.full_name), state.to_json())


LOCK_PREFIX = "py3bridge:lock:"


def _holder():
    """The RQ job id when running inside a job (so a recovering worker can release our locks)."""
    from rq import get_current_job

    job = get_current_job()
    return job.id if job else None


@contextmanager
def repository_lock(connection, full_name, timeout=6 * 3600, wait=6 * 3600):
    """One job at a time per repository. The lock's value is the holding job's id."""
    lock = connection.lock(LOCK_PREFIX + full_name, timeout=timeout, blocking_timeout=wait)
    holder = _holder()
    acquired = lock.acquire(token=holder) if holder else lock.acquire()
    if not acquired:
        raise TimeoutError("repository %s stayed locked for %d s" % (full_name, wait))
    try:
        yield
    finally:
        try:
            lock.release()
        except Exception:  # expired while we worked: nothing left to release
            pass


def release_locks_held_by(connection, job_id):
    """Delete the repository locks an abandoned job held."""
    for key in connection.scan_iter(LOCK_PREFIX + "*"):
        if connection.get(key) == job_id.encode():
            connection.delete(key)
