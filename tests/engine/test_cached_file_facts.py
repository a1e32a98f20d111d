"""The module contexts' per-file facts (workers/engine/file_facts.py) are cached by each file's
digest: a re-plan line-scans only the files that changed, and still sees what an edit changes in
OTHER files' contexts (a sibling's imports, exports, has_key() methods, star imports)."""
import json

import pytest

from tests.engine.checkouts import uncached_plan, write
from workers.engine import context, file_facts
from workers.engine.planner import make_plan

PACKAGE = {
    # _request and _fork import each other: each is late for the other (see context.py)
    "pkg/__init__.py": "",
    "pkg/_request.py": "import _fork\nclass Request(object):\n    pass\n",
    "pkg/_fork.py": "import _request\nimport _rfc\n",
    "pkg/_rfc.py": "def join(a, b):\n    return a + b\n",
    # star-imports _names inside a function: its context holds what _names exports
    "pkg/lazy.py": "def f():\n    from _names import *\n    return join\n",
    "pkg/_names.py": "__all__ = ['join']\njoin = 1\n",
    "pkg/uses.py": "import _rfc\nok = _rfc.thing.has_key('a')\n",
    "other.py": "x = 1\n",
}


def contexts_of_plan(root, cache, monkeypatch):
    """make_plan's contexts ({path: ModuleContext}), built anew, and its plan as JSON text."""
    seen = {}
    real = context.contexts_observed
    monkeypatch.setattr(context, "contexts_observed", lambda *args: seen.setdefault("c", real(*args)))
    plan = make_plan(root, cache_dir=cache)
    monkeypatch.setattr(context, "contexts_observed", real)
    return seen["c"][0], json.dumps(plan.to_json())


def test_replan_sees_what_an_edit_changes_in_other_files_contexts(tmp_path, monkeypatch):
    root, cache = tmp_path / "src", tmp_path / "cache"
    write(root, PACKAGE)
    contexts, _ = contexts_of_plan(root, cache, monkeypatch)
    assert contexts["pkg/_fork.py"].late_modules == {"_request", "_fork"}
    assert contexts["pkg/lazy.py"].star_exports == (("_names", ("join",)),)
    assert not contexts["pkg/uses.py"].has_key_imports

    write(root, {
        "pkg/_request.py": "class Request(object):\n    pass\n",  # the cycle is gone
        "pkg/_names.py": "__all__ = ['join', 'split']\njoin = split = 1\n",
        "pkg/_rfc.py": "class Table(object):\n    def has_key(self, key):\n        return False\n",
    })
    contexts, warm = contexts_of_plan(root, cache, monkeypatch)
    assert contexts["pkg/_fork.py"].late_modules == frozenset()  # _fork.py itself is unchanged
    assert contexts["pkg/lazy.py"].star_exports == (("_names", ("join", "split")),)
    assert contexts["pkg/uses.py"].has_key_imports == {"_rfc"}
    assert warm == uncached_plan(root)


def test_replan_line_scans_only_the_edited_files(tmp_path, monkeypatch):
    root, cache = tmp_path / "src", tmp_path / "cache"
    write(root, PACKAGE)
    cold = json.dumps(make_plan(root, cache_dir=cache).to_json())
    scanned = []
    real = file_facts.facts_of
    monkeypatch.setattr(file_facts, "facts_of", lambda text: scanned.append(text) or real(text))
    assert json.dumps(make_plan(root, cache_dir=cache).to_json()) == cold
    assert scanned == []
    write(root, {"pkg/_fork.py": "import _request\n"})
    make_plan(root, cache_dir=cache)
    assert scanned == ["import _request\n"]


def test_facts_survive_the_cache_round_trip():
    text = ("import a.b, c as d\nfrom . import e\nfrom .f import *\ndel g\nh, i = 1, 2\nclass J(object):\n"
            "    def has_key(self, k):\n        from k import *\n")
    facts = file_facts.facts_of(text)
    assert file_facts.FileFacts.from_cache(json.loads(json.dumps(facts.to_cache()))) == facts
    assert facts.events == [["import", "import a.b, c as d"], ["import", "from . import e"],
                            ["import", "from .f import *"], ["del", ["g"]], ["bind", ["J", "h", "has_key", "i"]]]
    assert facts.star_imports == ["f", "k"] and facts.nested_star_imports == ["k"] and facts.defines_has_key
    assert facts.top_imports == ["a", "c", "k"]


def test_a_little_source_to_scan_starts_no_pool(tmp_path, monkeypatch):
    """A re-plan after a few edits scans them in its own process: a pool costs more than it saves."""
    import multiprocessing

    root = tmp_path / "src"
    write(root, {"m%d.py" % i: "print %d\n" % i for i in range(12)})
    monkeypatch.setattr(multiprocessing, "get_context", lambda *args: pytest.fail("a pool was started"))
    plan = make_plan(root, use_cache=False)
    assert len(plan.for_fixer("print_function").files) == 12


def test_facts_the_cache_lacks_are_computed_in_the_pool(monkeypatch):
    from workers.engine.parallel import map_files

    texts = {"/c/m%d.py" % n: "import os\nfrom . import m%d\ndef f():\n    import inner\n" % (n + 1) for n in range(10)}
    digests = {path: "digest%d" % n for n, path in enumerate(sorted(texts))}
    known = {file_facts.FACTS_KEY + "digest0": json.dumps(file_facts.facts_of("x = 1\n").to_cache())}  # as cached
    reader = file_facts.FactsReader(digests, lambda path: texts[path].encode(), known)
    monkeypatch.setattr(file_facts, "SERIAL_FACTS_CHARACTERS", 0)  # ten small files: the pool anyway
    reader.compute_missing(map_files)
    assert sorted(reader.new) == sorted(file_facts.FACTS_KEY + "digest%d" % n for n in range(1, 10))
    for path, text in texts.items():
        expected = file_facts.facts_of("x = 1\n" if digests[path] == "digest0" else text)
        assert reader.facts(path).to_cache() == expected.to_cache()
