"""absolute_import never gives a file run as a script package-relative imports: `python
scripts/tool.py` has no package, so `from . import helpers` would raise on 2.7 and 3."""
import pytest

from tests.fixers.cases import run_fixer
from workers.engine.context import ModuleContext
from workers.fixers.absolute_import import is_script

SOURCE = b"import os\nimport helpers\n\n\ndef run():\n    return helpers.go(os)\n"


@pytest.mark.parametrize("path, changed", [
    ("pkg/module.py", True),
    ("scripts/tool.py", False),
    ("bin/tool.py", False),
    ("pkg/bin/tool.py", False),
    ("oauth_provider/runtests/runtests.py", False),
    ("oauth_provider/runtests/manage.py", False),
    ("proj/setup.py", False),
])
def test_scripts_keep_their_imports(path, changed):
    context = ModuleContext(path, frozenset({"helpers", "module", "tool", "runtests", "manage", "setup"}))
    out, _, _ = run_fixer("absolute_import", SOURCE, context)
    assert (out != SOURCE) is changed
    if changed:
        assert b"from . import helpers" in out


def test_main_block_counts_only_with_a_shebang():
    assert is_script("#!/usr/bin/env python\nimport x\nif __name__ == '__main__':\n    x.main()\n")
    assert is_script('#!/usr/bin/python\nif "__main__" == __name__:\n    pass\n')
    assert not is_script("import x\nif __name__ == '__main__':\n    x.main()\n")
    assert not is_script("#!/usr/bin/env python\nimport x\n")
