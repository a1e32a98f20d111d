"""Files Python 3 refuses to compile (`unconvertible` in the plan) that a syntax fixer can now make
Python 3: the plan lists the fixer's batch instead, `apply --stage syntax` makes them compile on
2.7 and 3, and what stays unconvertible is still reported, with Python 3's reason."""
import subprocess
import textwrap

from workers import fixers as registry
from workers.engine.apply import CHANGED, apply_fixers
from workers.engine.context import contexts_for
from workers.engine.planner import make_plan
from workers.rewriting.fixer import TWO_AND_THREE_STAGES
from workers.rewriting.module_exports import exported_names

FILES = {
    "pkg/__init__.py": "",
    "pkg/constants.py": """\
        import os
        try:
            import json
        except ImportError:
            json = None
        DEFAULT_TIMEOUT = 30
        _private = 1


        def read_config(path):
            return open(path).read()
        """,
    "pkg/dynamic.py": """\
        import sys
        if sys.platform == "win32":
            SEPARATOR = "\\\\"
        """,
    "pkg/lazy.py": """\
        def timeout():
            from constants import *
            return DEFAULT_TIMEOUT
        """,
    "pkg/windows.py": """\
        def separator():
            from dynamic import *
            return SEPARATOR
        """,
    "pkg/booleans.py": """\
        try:
            True
        except NameError:
            True, False = 1, 0
        FLAG = True
        """,
    "pkg/tabs.py": "def f(x):\n    if x:\n\treturn x\n    return -x\n",
}


def _write(root):
    for path, text in FILES.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text))


def test_star_import_names_are_read_from_the_sibling(tmp_path):
    _write(tmp_path)
    contexts = contexts_for(tmp_path, ["pkg/lazy.py", "pkg/windows.py"])
    assert contexts["pkg/lazy.py"].star_exports == (("constants", ("DEFAULT_TIMEOUT", "json", "os", "read_config")),)
    # dynamic.SEPARATOR exists only on Windows: its names are not certain, so not given
    assert contexts["pkg/windows.py"].star_exports == ()


def test_exported_names_need_certainty():
    assert exported_names("__all__ = ['b', 'a']\nb = a = c = 1\n") == ("a", "b")
    assert exported_names("__all__ = ['a']\n__all__.append('b')\n") is None
    assert exported_names("for i in range(3):\n    pass\n") is None
    assert exported_names("X = [i for i in range(3)]\n") is None  # i leaks on 2.7, unless range is empty
    assert exported_names("X = list(i for i in range(3))\n") == ("X",)
    assert exported_names("if a:\n    A = 1\nelse:\n    A = 2\n") == ("A",)
    assert exported_names("from os.path import *\n") is None
    assert exported_names("from os.path import *\n__all__ = ['join']\nglobals()\n") == ("join",)  # __all__ decides
    assert exported_names("globals()['x'] = 1\n") is None
    assert exported_names("def f():\n    global X\n    X = 1\n") is None


def test_plan_lists_fixable_files_as_batches_and_the_rest_as_unconvertible(tmp_path):
    _write(tmp_path)
    plan = make_plan(tmp_path, use_cache=False)
    assert [(s.path, s.py3_error) for s in plan.unconvertible] == [
        ("pkg/windows.py", "import * only allowed at module level (line 2)")]
    batches = {fixer_plan.fixer.name: sorted(fixer_plan.files) for fixer_plan in plan.fixers}
    assert batches["tab_indentation"] == ["pkg/tabs.py"]
    assert batches["true_false_fallback"] == ["pkg/booleans.py"]
    assert batches["star_import_in_function"] == ["pkg/lazy.py"]


def test_apply_makes_them_compile_and_run_on_both(tmp_path, interpreters):
    _write(tmp_path)
    every = [fixer.name for fixer in registry.in_stages(TWO_AND_THREE_STAGES)]  # absolute_import then makes `from constants` relative
    paths = ["pkg/booleans.py", "pkg/lazy.py", "pkg/tabs.py"]
    result = apply_fixers(tmp_path, every, paths, interpreters)
    assert [f.status for f in result.files] == [CHANGED] * 3, [(f.path, f.reason) for f in result.files]
    assert [s.path for s in make_plan(tmp_path, use_cache=False).unconvertible] == ["pkg/windows.py"]
    program = "import pkg.booleans, pkg.lazy, pkg.tabs; print(pkg.booleans.FLAG, pkg.lazy.timeout(), pkg.tabs.f(0))"
    outputs = [subprocess.run([i.path, "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=60)
               for i in interpreters]
    assert [(o.returncode, o.stdout.replace("(", "").replace(")", "").replace(",", "")) for o in outputs] == [
        (0, "True 30 0\n")] * 2, [o.stderr for o in outputs]
