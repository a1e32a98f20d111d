"""The module contexts kept from one plan to the next (workers/engine/context_cache.py): reused
only while the facts and everything the disk answered are the same, and equal to built ones."""
import json

from tests.engine.checkouts import uncached_plan, write
from workers.engine import context, context_cache
from workers.engine.planner import make_plan

PACKAGE = {
    "pkg/__init__.py": "del _gone\n",
    "pkg/_request.py": "import _fork\nclass Request(object):\n    pass\n",
    "pkg/_fork.py": "import _request\nimport _rfc\n",
    "pkg/_rfc.py": "def join(a, b):\n    return a + b\n",
    "pkg/lazy.py": "def f():\n    from _names import *\n    return join\n",
    "pkg/_names.py": "__all__ = ['join']\njoin = 1\n",
    "pkg/sub/__init__.py": "from pkg._rfc import join\n",
    "pkg/uses.py": "import _rfc\nok = _rfc.thing.has_key('a')\nit.next()\n",
    "tests/support/__init__.py": "",
    "tests/support/fab.py": "import helper\n",
    "other.py": "x = 1\n",
}


def plan_counting_builds(root, cache, monkeypatch, **options):
    """(the plan's JSON text, how many times the contexts were built rather than taken from the cache)."""
    builds = []
    real = context.contexts_observed
    monkeypatch.setattr(context, "contexts_observed", lambda *args: builds.append(1) or real(*args))
    plan = make_plan(root, cache_dir=cache, **options)
    monkeypatch.setattr(context, "contexts_observed", real)
    return json.dumps(plan.to_json()), len(builds)


def test_contexts_survive_their_json_round_trip(tmp_path):
    write(tmp_path, PACKAGE)
    evidence = {"pkg/uses.py": {2: {"bytes", "text"}}}
    paths = sorted(PACKAGE)
    contexts = context.contexts_for(tmp_path, paths, evidence)
    assert contexts["pkg/_fork.py"].late_modules and contexts["pkg/lazy.py"].star_exports
    assert contexts["pkg/uses.py"].evidence and contexts["tests/support/fab.py"].loaded_by_path
    for path, module_context in contexts.items():
        row = json.loads(json.dumps(context_cache.context_to_json(module_context)))
        assert context_cache.context_from_json(row) == module_context
        assert context_cache.context_from_json(row).digest() == module_context.digest()


def test_an_edit_that_changes_no_facts_reuses_the_contexts(tmp_path, monkeypatch):
    root, cache = tmp_path / "src", tmp_path / "cache"
    write(root, PACKAGE)
    cold, builds = plan_counting_builds(root, cache, monkeypatch)
    assert builds == 1
    write(root, {"pkg/_rfc.py": PACKAGE["pkg/_rfc.py"] + "    # a comment in a function\n"})
    warm, builds = plan_counting_builds(root, cache, monkeypatch)
    assert builds == 0
    assert warm == uncached_plan(root)


def test_contexts_are_built_again_when_an_import_changes(tmp_path, monkeypatch):
    root, cache = tmp_path / "src", tmp_path / "cache"
    write(root, PACKAGE)
    plan_counting_builds(root, cache, monkeypatch)
    write(root, {"pkg/_request.py": "class Request(object):\n    pass\n"})  # the import cycle is gone
    warm, builds = plan_counting_builds(root, cache, monkeypatch)
    assert builds == 1
    assert warm == uncached_plan(root)


def test_contexts_are_built_again_when_the_disk_answers_otherwise(tmp_path, monkeypatch):
    """A compiled module beside the package's files, and a package folder losing its __init__.py,
    change no Python file's facts but other modules' contexts."""
    root, cache = tmp_path / "src", tmp_path / "cache"
    write(root, PACKAGE)
    plan_counting_builds(root, cache, monkeypatch)
    (root / "pkg" / "_speedups.so").write_bytes(b"\x7fELF")
    _, builds = plan_counting_builds(root, cache, monkeypatch)
    assert builds == 1
    assert "_speedups" in context.contexts_for(root, ["pkg/_fork.py"])["pkg/_fork.py"].package_modules
    (root / "tests" / "support" / "__init__.py").unlink()
    warm, builds = plan_counting_builds(root, cache, monkeypatch)
    assert builds == 1
    assert warm == uncached_plan(root)
    _, builds = plan_counting_builds(root, cache, monkeypatch)
    assert builds == 0


def test_a_plan_excluding_files_neither_stores_nor_reuses_contexts(tmp_path, monkeypatch):
    root, cache = tmp_path / "src", tmp_path / "cache"
    write(root, PACKAGE)
    for _ in range(2):
        plan, builds = plan_counting_builds(root, cache, monkeypatch, exclude=("tests/*",))
        assert builds == 1
    assert plan == uncached_plan(root, exclude=("tests/*",))


def test_contexts_are_built_again_when_a_file_outside_the_plan_changes(tmp_path, monkeypatch):
    """A package in a folder the listing skips (node_modules) is read from disk by the contexts: its
    import cycle with a planned module makes that module's sibling late."""
    root, cache = tmp_path / "src", tmp_path / "cache"
    cycle = {"pkg/__init__.py": "", "pkg/a.py": "import node_modules\n",
             "pkg/node_modules/__init__.py": "from pkg import a\n"}
    write(root, cycle)
    plan_counting_builds(root, cache, monkeypatch)
    assert context.contexts_for(root, ["pkg/a.py"])["pkg/a.py"].late_modules == {"a", "node_modules"}
    write(root, {"pkg/node_modules/__init__.py": "x = 1\n"})
    warm, builds = plan_counting_builds(root, cache, monkeypatch)
    assert builds == 1
    assert warm == uncached_plan(root)
