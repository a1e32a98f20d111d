"""When the bot records bytes/text evidence: only before a batch with buffers the code cannot decide,
once per revision (a failed run too), within the sync's budget; the dashboard says what came of it."""
import time
from types import SimpleNamespace

from workers.engine.planner import make_plan
from workers.services import dashboard, evidence_runs
from workers.services.repo_config import RepoConfig
from workers.services.state import DEPENDENCY_UPGRADE, BatchRecord, RepoState
from workers.testrun.evidence import Recording

UNDECIDED = "from cStringIO import StringIO\n\n\ndef collect(chunks):\n    buf = StringIO()\n" \
            "    for chunk in chunks:\n        buf.write(chunk)\n    return buf\n"
DECIDED = "from cStringIO import StringIO\nimport struct\n\n\ndef packed(n):\n    buf = StringIO()\n" \
          "    buf.write(struct.pack('<I', n))\n    return buf\n"


class FakeRedis:
    def __init__(self):
        self.values = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, value, ex=None):
        self.values[key] = value.encode() if isinstance(value, str) else value


class Checkout:
    def __init__(self, path, sha="a" * 40):
        self.path, self.sha = path, sha

    def head(self):
        return self.sha


def project(tmp_path, source):
    (tmp_path / "buffers.py").write_text(source)
    return tmp_path


def plan_of(root, held=None):
    return make_plan(root, use_cache=False, held=held)


BATCH = BatchRecord("stringio", 1, ["buffers.py"])


def evidence_for(context, state, root, deadline, sha="a" * 40, batch=BATCH):
    return evidence_runs.evidence_for(context, Checkout(root, sha), state, RepoConfig(), plan_of(root), batch, deadline)


def recorder(monkeypatch, evidence, problem=""):
    calls = []

    def record(checkout, interpreter, config=None, scope="local"):
        calls.append((checkout, config.budget))
        return Recording("2.7.18", evidence, problem=problem)

    monkeypatch.setattr(evidence_runs, "record", record)
    monkeypatch.setattr(evidence_runs, "test_interpreters", lambda config, path: [SimpleNamespace(label="2.7")])
    return calls


def test_only_a_batch_with_undecided_buffers_needs_evidence(tmp_path):
    root = project(tmp_path, UNDECIDED)
    (root / "other.py").write_text("print 'x'\n")
    assert evidence_runs.needs_evidence(plan_of(root), BATCH)
    assert not evidence_runs.needs_evidence(plan_of(root), BatchRecord("print_statement", 1, ["other.py"]))
    assert not evidence_runs.needs_evidence(plan_of(root), BatchRecord("stringio", 2, ["other.py"]))
    assert not evidence_runs.needs_evidence(plan_of(root), BatchRecord(
        "upgrade_dependency", 1, ["requirements.txt"], kind=DEPENDENCY_UPGRADE, package="six"))
    (root / "buffers.py").write_text(DECIDED)
    assert not evidence_runs.needs_evidence(plan_of(root), BATCH)


HASHED = "import hashlib\n\n\ndef key(name):\n    return hashlib.md5(name).hexdigest()\n"


def test_a_semantic_batch_needs_evidence_while_hashing_calls_wait_for_it(tmp_path, monkeypatch):
    root = project(tmp_path, HASHED)
    (root / "other.py").write_text("def known(d):\n    return d.has_key('x')\n")
    plan = plan_of(root)
    assert evidence_runs.unrecorded_boundary_calls(plan) == 1
    assert plan.for_fixer("bytes_at_boundaries") is None  # nothing is guessed without evidence
    assert evidence_runs.needs_evidence(plan, BatchRecord("has_key", 1, ["other.py"]))
    assert not evidence_runs.needs_evidence(plan, BatchRecord("print_function", 1, ["other.py"]))

    recorded = {"buffers.py": {5: frozenset({"hashlib:native"})}}
    calls = recorder(monkeypatch, recorded)
    context, state = SimpleNamespace(redis=FakeRedis()), RepoState("o/r")
    found = evidence_for(context, state, root, time.monotonic() + 600, batch=BatchRecord("has_key", 1, ["other.py"]))
    assert found == recorded and len(calls) == 1
    assert "1 call(s) where Python 3 wants bytes" in dashboard.render(state)
    with_evidence = make_plan(root, use_cache=False, evidence=found)
    assert with_evidence.for_fixer("bytes_at_boundaries").files["buffers.py"][0].line == 5
    assert evidence_runs.unrecorded_boundary_calls(with_evidence) == 0


def test_recorded_once_per_revision_and_shown_on_the_dashboard(tmp_path, monkeypatch):
    root = project(tmp_path, UNDECIDED)
    calls = recorder(monkeypatch, {"buffers.py": {5: frozenset({"bytes"})}})
    context, state = SimpleNamespace(redis=FakeRedis()), RepoState("o/r")
    deadline = time.monotonic() + 600
    for _ in range(2):
        found = evidence_for(context, state, root, deadline)
        assert found == {"buffers.py": {5: frozenset({"bytes"})}}
    assert len(calls) == 1 and 500 < calls[0][1] <= 600  # the run gets what is left of the budget
    assert state.evidence["sha"] == "a" * 40 and state.evidence["bytes"] == 1
    assert "1 buffer site(s), 1 held bytes, 0 text" in dashboard.render(state)

    evidence_for(context, state, root, deadline, sha="b" * 40)
    assert len(calls) == 2  # a new revision: its lines may have moved


def test_a_failed_run_is_no_evidence_and_is_not_run_again(tmp_path, monkeypatch):
    root = project(tmp_path, UNDECIDED)
    calls = recorder(monkeypatch, {}, problem="repository code not run: no sandbox")
    context, state = SimpleNamespace(redis=FakeRedis()), RepoState("o/r")
    for _ in range(2):
        assert evidence_for(context, state, root, time.monotonic() + 600) is None
    assert len(calls) == 1
    assert "No bytes/text evidence for `aaaaaaa`: repository code not run: no sandbox. 1 buffer choice(s) " \
           "stay guesses" in dashboard.render(state)


def test_no_run_without_budget_or_need(tmp_path, monkeypatch):
    root = project(tmp_path, UNDECIDED)
    calls = recorder(monkeypatch, {"buffers.py": {5: frozenset({"bytes"})}})
    context, state = SimpleNamespace(redis=FakeRedis()), RepoState("o/r")
    assert evidence_for(context, state, root, time.monotonic() + 5) is None
    assert calls == [] and context.redis.values == {}  # not run: the next sync may
    assert "the sync's time budget was spent first" in dashboard.render(state)

    (root / "buffers.py").write_text(DECIDED)
    state = RepoState("o/r")
    assert evidence_for(context, state, root, time.monotonic() + 600) is None
    assert calls == [] and state.evidence == {} and "Bytes and text evidence" not in dashboard.render(state)


def test_kept_evidence_is_read_back_as_untrusted_data(tmp_path):
    context, state = SimpleNamespace(redis=FakeRedis()), RepoState("o/r")
    context.redis.set(evidence_runs.KEY % ("o/r", "c" * 40), '{"../x.py": {"1": ["bytes"]}, "ok.py": {"2": ["evil"]}}')
    assert evidence_runs.cached(context, state, "c" * 40) == {}
    context.redis.set(evidence_runs.KEY % ("o/r", "d" * 40), "[1]")
    assert evidence_runs.cached(context, state, "d" * 40) == {}
    assert evidence_runs.cached(context, state, "e" * 40) is None


LAYOUT = {"pkg/__init__.py": "", "pkg/core.py": "import util\n", "pkg/util.py": "",
          "src/tests/__init__.py": "", "src/tests/basetest.py": "", "src/tests/test_css.py": "import basetest\n"}


def test_an_absolute_import_batch_needs_evidence_while_a_folder_is_decided_by_its_layout(tmp_path):
    for path, text in LAYOUT.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    plan = plan_of(tmp_path)
    report = plan.for_fixer("sibling_imports_by_layout")
    assert {path: [site.line for site in sites] for path, sites in report.files.items()} == {"src/tests/test_css.py": [1]}
    assert "python -m bot evidence" in report.files["src/tests/test_css.py"][0].note
    assert sorted(plan.for_fixer("absolute_import").files) == ["pkg/core.py"]
    assert evidence_runs.needs_evidence(plan, BatchRecord("absolute_import", 1, ["pkg/core.py"]))
    assert not evidence_runs.needs_evidence(plan, BatchRecord("print_function", 1, ["pkg/core.py"]))
    imported = {path: {1: frozenset({"module:package"})} for path in ("src/tests/basetest.py", "src/tests/test_css.py")}
    decided = make_plan(tmp_path, use_cache=False, evidence=imported)
    assert decided.for_fixer("sibling_imports_by_layout") is None
    assert sorted(decided.for_fixer("absolute_import").files) == ["pkg/core.py", "src/tests/test_css.py"]
    assert not evidence_runs.needs_evidence(decided, BatchRecord("absolute_import", 1, ["pkg/core.py"]))
