"""absolute_import decides from the real files next to a module, through the planner's listing."""
from workers.engine.apply import transform_text
from workers.engine.context import contexts_for
from workers.engine.planner import make_plan
from workers import fixers as registry


def write(root, files):
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


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
