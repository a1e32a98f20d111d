"""The bot opens first the batches that unblock the most Python 3 tests (after the syntax stage)."""
from workers.engine.planner import make_plan
from workers.services.planning import next_batch
from workers.services.repo_config import RepoConfig
from workers.services.state import RepoState

LEGACY = {
    "a.py": "def f(d, k):\n    print 'x'\n    return d.has_key(k)\n",
    "b.py": "def g():\n    return [i for i in xrange(3)]\n",
}


def plan_of(tmp_path):
    for name, text in LEGACY.items():
        (tmp_path / name).write_text(text)
    return make_plan(tmp_path, RepoConfig().limits)


def opened(state, plan, count):
    return [next_batch(state, plan, RepoConfig()).fixer for _ in range(count)]


def test_without_blockers_the_plan_order_holds(tmp_path):
    plan = plan_of(tmp_path)
    order = [fp.fixer.name for fp in plan.fixers if fp.fixer.name in ("print_function", "has_key", "xrange")]
    assert opened(RepoState("o/r"), plan, 3) == order


def test_the_fixer_unblocking_most_tests_goes_first_within_its_stage(tmp_path):
    plan = plan_of(tmp_path)
    names = [fp.fixer.name for fp in plan.fixers]
    assert names.index("has_key") < names.index("xrange")  # so the blockers are what reorders them
    state = RepoState("o/r")
    state.python3_blockers = {"blockers": [
        {"kind": "py2_builtin", "fixer": "xrange", "tests": 7},
        {"kind": "py2_method", "fixer": "has_key", "tests": 2},
        {"kind": "py2_builtin", "fixer": "xrange", "tests": 1},
    ]}
    assert opened(state, plan, 3) == ["print_function", "xrange", "has_key"]
