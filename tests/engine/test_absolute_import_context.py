"""absolute_import decides from the real files next to a module, through the planner's listing."""
from tests.engine.checkouts import write
from workers.engine.apply import transform_text
from workers.engine.context import contexts_for
from workers.engine.planner import make_plan
from workers import fixers as registry


PACKAGE = {
    "pkg/__init__.py": "",
    "pkg/helpers.py": "X = 1\n",
    "pkg/sub/__init__.py": "",
    "pkg/json/data.txt": "a data folder, not a package (bpo-17393)\n",
    "pkg/main.py": "import os\nimport json\nimport helpers\nfrom sub import thing\n",
    "pkg/stdlib_only.py": "import os\nimport json\n",
    "pkg/already.py": "from __future__ import absolute_import\nimport helpers\n",
    "top.py": "import helpers\n",
    "helpers.py": "",
}


def test_plan_finds_only_real_sibling_imports(tmp_path):
    write(tmp_path, PACKAGE)
    plan = make_plan(tmp_path, use_cache=False)
    fixer_plan = plan.for_fixer("absolute_import")
    assert fixer_plan is not None
    # main.py: `import helpers` and `from sub import …`; not `import json` (json/ has no
    # __init__.py), not os. Not top.py (not in a package), not already.py (python-future#545).
    assert {path: [site.line for site in sites] for path, sites in fixer_plan.files.items()} == {
        "pkg/main.py": [3, 4],
    }


def test_rewrite_with_the_real_context(tmp_path):
    write(tmp_path, PACKAGE)
    paths = ["pkg/main.py", "pkg/stdlib_only.py", "top.py"]
    contexts = contexts_for(tmp_path, paths)
    fixer = registry.get("absolute_import")
    outputs = {path: transform_text((tmp_path / path).read_text(), [fixer], contexts[path])[0] for path in paths}
    assert outputs["pkg/main.py"] == (
        "from __future__ import absolute_import\nimport os\nimport json\nfrom . import helpers\nfrom .sub import thing\n"
    )
    assert outputs["pkg/stdlib_only.py"] == PACKAGE["pkg/stdlib_only.py"]  # no future import (modernize#142)
    assert outputs["top.py"] == PACKAGE["top.py"]


def test_no_context_no_change():
    fixer = registry.get("absolute_import")
    assert transform_text("import helpers\n", [fixer])[0] == "import helpers\n"


# ---------------------------------------------------------------- where `from . import x` fails on 2.7

import subprocess
import sys

import pytest

from workers.engine.context import ModuleContext
from workers.engine.interpreters import InterpreterMissing, find_python2

CYCLE = {
    # mechanize 0.2.5: _request and _urllib2_fork import each other at module level; on 2.7,
    # `from . import _request` in _urllib2_fork raises "cannot import name _request".
    "pkg/__init__.py": "from _form import Form\nimport _tools\ndel _tools\n",
    "pkg/_form.py": "import _request\nForm = _request.Request\n",
    "pkg/_request.py": "import _rfc\nimport _urllib2_fork\nclass Request(object):\n    pass\n",
    "pkg/_urllib2_fork.py": "import _request\nimport _rfc\nfrom _rfc import join\n",
    "pkg/_rfc.py": "def join(a, b):\n    return a + b\n",
    "pkg/_lazy.py": "def f():\n    import _late_user\n    return _late_user\n",
    "pkg/_late_user.py": "import _lazy\n",  # _lazy imports it inside a function only: no cycle
    "pkg/_tools.py": "X = 1\n",
    "pkg/_uses_tools.py": "import _tools\nimport _rfc\n",  # __init__ deletes `_tools`
    "run.py": "import pkg, pkg._uses_tools, pkg._late_user, pkg._lazy\nimport pkg.__init__\n"
              "print(pkg.Form.__name__ + str(pkg._uses_tools._tools.X))\n",
}


def _converted(root, files):
    write(root, files)
    paths = sorted(path for path in files if path.startswith("pkg/"))
    contexts = contexts_for(root, paths)
    fixer = registry.get("absolute_import")
    outputs = {}
    for path in paths:
        text = (root / path).read_text()
        outputs[path] = transform_text(text, [fixer], contexts[path])[0]
        (root / path).write_text(outputs[path])
    return contexts, outputs


def test_import_cycles_and_names_rebound_by_init_are_late(tmp_path):
    write(tmp_path, CYCLE)
    contexts = contexts_for(tmp_path, sorted(p for p in CYCLE if p.startswith("pkg/")))
    assert contexts["pkg/_urllib2_fork.py"].late_modules == {"_request", "_urllib2_fork", "_tools"}
    assert contexts["pkg/_request.py"].late_modules == {"_request", "_urllib2_fork", "_tools"}
    assert contexts["pkg/_form.py"].late_modules == {"_tools"}  # _request never imports _form
    assert contexts["pkg/_late_user.py"].late_modules == {"_tools"}  # function-level import: no cycle
    # __init__ deletes _tools after importing it: its own `from . import _tools` works when the
    # package is imported, not when a test loader runs the file again as `pkg.__init__`
    assert contexts["pkg/__init__.py"].late_modules == {"_tools"}
    assert contexts["pkg/__init__.py"].deleted_modules == {"_tools"}


def test_init_importing_a_sibling_after_rebinding_its_name_is_late(tmp_path):
    files = dict(CYCLE, **{"pkg/__init__.py": "_tools = None\nimport _tools\nimport _rfc\ndel _rfc\n"})
    write(tmp_path, files)
    contexts = contexts_for(tmp_path, sorted(p for p in files if p.startswith("pkg/")))
    assert contexts["pkg/__init__.py"].late_modules == {"_tools", "_rfc"}
    # `_tools = None` rebinds it; `_rfc` is only deleted
    assert contexts["pkg/_uses_tools.py"].rebound_modules == {"_tools"}
    assert contexts["pkg/_uses_tools.py"].deleted_modules == {"_rfc"}
    assert contexts["pkg/_urllib2_fork.py"].deleted_modules == {"_rfc"}


FALLBACK = ("try:\n    from . import {0}\n"
            "except ImportError:  # Python 2.7, while {0} is half-imported (an import cycle)\n    import {0}\n")


DELETED_FALLBACK = ("try:\n    from . import {0}\n"
                    "except ImportError:  # Python 2.7, once the package's __init__ has deleted {0}\n    import {0}\n")


def test_cycle_mates_and_names_deleted_by_init_fall_back(tmp_path):
    _, outputs = _converted(tmp_path, CYCLE)
    # no absolute_import: the fallbacks' implicit imports must keep working on 2.7
    assert outputs["pkg/_urllib2_fork.py"] == FALLBACK.format("_request") + "from . import _rfc\nfrom ._rfc import join\n"
    assert outputs["pkg/_request.py"] == (
        "from . import _rfc\n" + FALLBACK.format("_urllib2_fork") + "class Request(object):\n    pass\n")
    assert outputs["pkg/_uses_tools.py"] == DELETED_FALLBACK.format("_tools") + "from . import _rfc\n"
    assert outputs["pkg/__init__.py"] == "from ._form import Form\n" + DELETED_FALLBACK.format("_tools") + "del _tools\n"
    assert outputs["pkg/_form.py"] == "from __future__ import absolute_import\nfrom . import _request\nForm = _request.Request\n"
    assert outputs["pkg/_late_user.py"] == "from __future__ import absolute_import\nfrom . import _lazy\n"


def test_converted_cycle_still_imports_on_2_7(tmp_path):
    try:
        python2 = find_python2()
    except InterpreterMissing:
        pytest.skip("needs a Python 2.7 interpreter")
    _converted(tmp_path, CYCLE)
    done = subprocess.run([python2.path, "run.py"], cwd=str(tmp_path), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Request1\n"


def test_converted_cycle_imports_on_3(tmp_path):
    _converted(tmp_path, CYCLE)
    done = subprocess.run([sys.executable, "run.py"], cwd=str(tmp_path), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Request1\n"


def test_the_context_digest_follows_late_modules_and_loading():
    plain = ModuleContext("pkg/a.py", frozenset({"b"}))
    assert plain.digest() != ModuleContext("pkg/a.py", frozenset({"b"}), frozenset({"b"})).digest()
    assert plain.digest() != ModuleContext("pkg/a.py", frozenset({"b"}), loaded_by_path=True).digest()


# ---------------------------------------------------------------- folders loaded as top-level modules

FABFILES = {
    # Fabric 1.14.1: tests/ is no package; tests/support has an __init__.py but its fabfiles are
    # imported by path (`__import__("deep")` with tests/support on sys.path), where
    # `from . import submodule` raises "Attempted relative import in non-package" on 2.7.
    "fabric/__init__.py": "",
    "fabric/main.py": "import utils\n",
    "fabric/utils.py": "",
    "tests/test_main.py": "from fabric.main import main\nfrom utils import support\n",
    "tests/utils.py": "",
    "tests/support/__init__.py": "",
    "tests/support/deep.py": "import submodule\n",
    "tests/support/submodule/__init__.py": "import subsubmodule\n",
    "tests/support/submodule/subsubmodule/__init__.py": "",
    # Django 1.4: tests/regressiontests is imported by name, with tests/ on sys.path
    "tests/regressiontests/__init__.py": "",
    "tests/regressiontests/app/__init__.py": "",
    "tests/regressiontests/app/models.py": "import helpers\n",
    "tests/regressiontests/app/helpers.py": "",
    "tests/runtests.py": "from regressiontests.app import models\n",
    # a src layout, imported by its tests
    "src/lib/__init__.py": "",
    "src/lib/core.py": "import helpers\n",
    "src/lib/helpers.py": "",
    "tests/test_lib.py": "import lib.core\n",
}


def test_package_folders_nobody_imports_by_name_are_loaded_by_path(tmp_path):
    write(tmp_path, FABFILES)
    paths = sorted(path for path in FABFILES if path.endswith(".py"))
    contexts = contexts_for(tmp_path, paths)
    by_path = sorted(path for path in paths if contexts[path].loaded_by_path)
    assert by_path == ["tests/support/__init__.py", "tests/support/deep.py", "tests/support/submodule/__init__.py",
                       "tests/support/submodule/subsubmodule/__init__.py"]
    assert contexts["tests/support/deep.py"].package_modules == {"deep", "submodule"}  # still known to other fixers
    fixer = registry.get("absolute_import")
    outputs = {path: transform_text(FABFILES[path], [fixer], contexts[path])[0] for path in paths}
    assert outputs["tests/support/deep.py"] == FABFILES["tests/support/deep.py"]
    assert outputs["tests/support/submodule/__init__.py"] == FABFILES["tests/support/submodule/__init__.py"]
    assert outputs["fabric/main.py"] == "from __future__ import absolute_import\nfrom . import utils\n"
    assert outputs["tests/regressiontests/app/models.py"] == "from __future__ import absolute_import\nfrom . import helpers\n"
    assert outputs["src/lib/core.py"] == "from __future__ import absolute_import\nfrom . import helpers\n"


def test_plan_skips_folders_loaded_by_path(tmp_path):
    write(tmp_path, FABFILES)
    plan = make_plan(tmp_path, use_cache=False)
    assert sorted(plan.for_fixer("absolute_import").files) == [
        "fabric/main.py", "src/lib/core.py", "tests/regressiontests/app/models.py"]


# cssutils: the cycle util -> sub -> sub/mod -> util passes through the subpackage's explicit
# relative star import and an absolute import of the package itself; `from . import sub` in
# util.py raised "cannot import name sub" on 2.7 while the package was half-imported.
SUBPACKAGE_CYCLE = {
    "pkg/__init__.py": "import sub\n",
    "pkg/sub/__init__.py": "from .mod import *\n",
    "pkg/sub/mod.py": "from pkg.util import helper\nVALUE = helper()\n",
    "pkg/util.py": "def helper():\n    return 42\nimport sub\n",
    "pkg/other.py": "import util\n",
    "run.py": "import pkg, pkg.other\nprint(pkg.sub.VALUE)\n",
}


def test_a_cycle_through_a_subpackage_s_relative_star_import_is_late(tmp_path):
    write(tmp_path, SUBPACKAGE_CYCLE)
    contexts = contexts_for(tmp_path, sorted(p for p in SUBPACKAGE_CYCLE if p.startswith("pkg/")))
    assert contexts["pkg/util.py"].late_modules == {"sub", "util"}
    assert contexts["pkg/other.py"].late_modules == frozenset()  # nothing imports `other`


def test_a_cycle_through_a_subpackage_stays_importable_on_2_7_and_3(tmp_path):
    _, outputs = _converted(tmp_path, SUBPACKAGE_CYCLE)
    assert outputs["pkg/util.py"] == "def helper():\n    return 42\n" + FALLBACK.format("sub")
    assert outputs["pkg/other.py"] == "from __future__ import absolute_import\nfrom . import util\n"
    done = subprocess.run([sys.executable, "run.py"], cwd=str(tmp_path), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "42\n"
    try:
        python2 = find_python2()
    except InterpreterMissing:
        pytest.skip("needs a Python 2.7 interpreter")
    done = subprocess.run([python2.path, "run.py"], cwd=str(tmp_path), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "42\n"


# cssutils 0.9.7: src/tests is a package no file imports by name, but nose imports its test
# modules as tests.test_x, so `import basetest` there is a relative import on 2.7.
TESTS_PACKAGE = {
    "src/tests/__init__.py": "",
    "src/tests/basetest.py": "",
    "src/tests/test_css.py": "import basetest\n",
}


def _imported(kind, *paths):
    return {path: {1: frozenset({kind})} for path in paths}


def test_how_the_27_tests_imported_a_package_folder_decides_whether_it_is_loaded_by_path(tmp_path):
    write(tmp_path, dict(TESTS_PACKAGE, **FABFILES))
    paths = sorted(path for path in TESTS_PACKAGE)
    assert all(contexts_for(tmp_path, paths)[path].loaded_by_path for path in paths)  # by where it sits
    as_package = _imported("module:package", "src/tests/basetest.py", "src/tests/test_css.py")
    contexts = contexts_for(tmp_path, paths + ["tests/support/deep.py", "fabric/main.py"], evidence=dict(
        as_package, **_imported("module:top_level", "tests/support/deep.py", "fabric/utils.py")))
    assert not contexts["src/tests/test_css.py"].loaded_by_path
    assert contexts["src/tests/test_css.py"].evidence == ()  # how a module was imported is no site's value
    assert contexts["tests/support/deep.py"].loaded_by_path  # the layout said so, the evidence agrees
    assert not contexts["tests/support/deep.py"].loaded_by_path_from_layout
    assert not contexts["fabric/main.py"].loaded_by_path  # a package stays one: plans without evidence agree
    output = transform_text(TESTS_PACKAGE["src/tests/test_css.py"], [registry.get("absolute_import")],
                            contexts["src/tests/test_css.py"])[0]
    assert output == "from __future__ import absolute_import\nfrom . import basetest\n"


def test_evidence_of_both_ways_leaves_the_decision_to_where_the_package_sits(tmp_path):
    write(tmp_path, TESTS_PACKAGE)
    evidence = dict(_imported("module:package", "src/tests/test_css.py"),
                    **_imported("module:top_level", "src/tests/basetest.py"))
    assert contexts_for(tmp_path, ["src/tests/test_css.py"], evidence=evidence)["src/tests/test_css.py"].loaded_by_path
