import json

from fissix.pgen2 import token

from tests.engine.checkouts import write
from workers import fixers as registry
from workers.engine import planner
from workers.rewriting.fixer import Site
from workers.engine.planner import BatchLimits, cut_batches, make_plan


def test_batches_respect_file_and_line_limits():
    files = {"f%02d.py" % i: [Site(1, 1)] * (i + 1) for i in range(10)}
    batches = cut_batches("x", files, BatchLimits(max_files=3, max_lines=8))
    assert [b.files for b in batches] == [
        ["f00.py", "f01.py", "f02.py"],
        ["f03.py"],
        ["f04.py"],
        ["f05.py"],
        ["f06.py"],
        ["f07.py"],
        ["f08.py"],
        ["f09.py"],
    ]
    assert all(len(b.files) <= 3 for b in batches)
    assert all(b.lines <= 8 or len(b.files) == 1 for b in batches)
    assert [b.number for b in batches] == list(range(1, 9))


def test_plan_lists_fixers_readiness_and_unparseable(tmp_path):
    write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "print 'a'\n",
        "pkg/b.py": "try:\n    pass\nexcept KeyError, e:\n    pass\n",
        "pkg/clean.py": "x = 1\n",
        "pkg/broken.py": "def f(:\n",
        ".hidden/skip.py": "print 'never scanned'\n",
    })
    plan = make_plan(tmp_path, use_cache=False)
    data = plan.to_json()
    assert data["readiness"] == {"files": 5, "parse_on_py3": 2, "py3_ready": 2}
    assert [(f["name"], f["files"], f["sites"]) for f in data["fixers"]] == [
        ("print_function", 1, 1), ("except_as", 1, 1),
    ]
    assert data["unparseable"][0]["path"] == "pkg/broken.py"
    assert "line 1" in data["unparseable"][0]["error"]


def test_plan_is_deterministic_and_cache_gives_the_same_answer(tmp_path):
    write(tmp_path / "src", {"m%d.py" % i: "x = %d\nprint x\n" % i for i in range(30)})
    cache = tmp_path / "cache"
    cold = make_plan(tmp_path / "src", BatchLimits(max_files=7), cache_dir=cache).to_json()
    warm = make_plan(tmp_path / "src", BatchLimits(max_files=7), cache_dir=cache).to_json()
    uncached = make_plan(tmp_path / "src", BatchLimits(max_files=7), use_cache=False).to_json()
    assert json.dumps(cold) == json.dumps(warm) == json.dumps(uncached)
    assert [len(b["files"]) for b in cold["fixers"][0]["batches"]] == [7, 7, 7, 7, 2]


def test_replan_scans_only_changed_files(tmp_path, monkeypatch):
    write(tmp_path / "src", {"m%d.py" % i: "print %d\n" % i for i in range(12)})
    cache = tmp_path / "cache"
    make_plan(tmp_path / "src", cache_dir=cache)
    (tmp_path / "src" / "m3.py").write_text("print 'edited'\nx = 1L\n")
    scanned = []
    real_job = planner._scan_job
    monkeypatch.setattr(planner, "_scan_job", lambda item: scanned.append(item[0]) or real_job(item))
    plan = make_plan(tmp_path / "src", cache_dir=cache)
    assert scanned == ["m3.py"]
    assert plan.for_fixer("long_literals").files.keys() == {"m3.py"}


def test_python2_only_code_no_fixer_handles_is_reported_unconvertible(tmp_path):
    write(tmp_path, {
        "compat.py": "False = 0\nTrue = 1\n",
        "star.py": "def f():\n    from os import *\n    return sep\n",
        "both.py": "print 'x'\nTrue = 1\n",
    })
    data = make_plan(tmp_path, use_cache=False).to_json()
    unconvertible = {item["path"]: item["error"] for item in data["unconvertible"]}
    assert set(unconvertible) == {"compat.py", "star.py"}
    assert "False" in unconvertible["compat.py"] and "import *" in unconvertible["star.py"]
    assert data["readiness"]["parse_on_py3"] == 0


def test_a_cold_plan_hands_its_pool_the_file_sizes(tmp_path, monkeypatch):
    # The pool hands out the biggest first, a few at a time (test_parallel): both cores finish
    # together, where chunks of neighbouring files left one idle for 0.6-1.3 s of Django's plan.
    sizes = [2000, 90000, 500, 40000, 7000, 60000]
    write(tmp_path, {"m%d.py" % i: "x = 1\n" * (size // 6) for i, size in enumerate(sizes)})
    pools = []
    real_map_files = planner.map_files
    monkeypatch.setattr(planner, "SERIAL_SCAN_BYTES", 1)
    monkeypatch.setattr(planner, "map_files",
                        lambda function, items, **options: pools.append((items, options)) or real_map_files(
                            function, items, **options))
    make_plan(tmp_path, use_cache=False)
    items, options = pools[-1]
    assert [item[0] for item in items] == ["m%d.py" % i for i in range(len(sizes))]
    assert options["weights"] == [len(item[2]) for item in items]


def test_fixers_make_their_tree_fixer_only_when_a_scan_needs_it():
    # A re-plan whose files are all cached imports the fixers for their names and order only:
    # making each TreeFixer would compile its pattern for nothing.
    fixer = type(registry.get("xrange"))()
    assert "impl" not in vars(fixer)
    fixer.get_ready()  # what a process does before forking its scan pool
    assert "impl" in vars(fixer) and fixer.head_types


def test_print_function_is_asked_about_strings_too():
    assert token.STRING in registry.get("print_function").head_types  # its doctests
