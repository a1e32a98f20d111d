"""absolute_import's first look at a module: does an import statement name one of its siblings?"""
import pytest

from workers import fixers as registry
from workers.engine.context import ModuleContext
from workers.fixers.absolute_import import names_a_sibling

SIBLINGS = frozenset({"helpers", "models"})


@pytest.mark.parametrize("text, names", [
    ("import helpers\n", True),
    ("    import helpers.sub as h\n", True),
    ("try: import helpers\nexcept ImportError: pass\n", True),
    ("x = 1; import helpers\n", True),
    ("import os, helpers\n", True),
    ("import os,\thelpers.sub\n", True),
    ("from models import Model\n", True),
    ("from os import helpers\n", False),  # an attribute of os, not the sibling
    ("import helpersx\n", False),
    ("reimport helpers\n", False),
    ("print 'import helpers'\n", False),  # not at a statement's start
    ("import os\nhelpers = None\n", False),
])
def test_import_statements_naming_a_sibling(text, names):
    assert names_a_sibling(text, SIBLINGS) is names


def test_a_sibling_whose_name_is_no_word_is_never_named():
    # the fixer compares an import's first word with the siblings: `a-b.py` or `a.b.py` is none
    assert names_a_sibling("import a-b\n", frozenset({"a-b"})) is False
    assert names_a_sibling("import a.b\n", frozenset({"a.b"})) is False
    assert names_a_sibling("import a.b\n", frozenset({"a.b", "a"})) is True


@pytest.mark.parametrize("context, text, admitted", [
    (None, "import os\n", True),  # the module's place unknown: any import may be a sibling's
    (ModuleContext("pkg/m.py", SIBLINGS), "import helpers\n", True),
    (ModuleContext("pkg/m.py", SIBLINGS), "import os\n", False),  # no sibling named
    (ModuleContext("m.py"), "import helpers\n", False),  # no package: no sibling to name
    (ModuleContext("pkg/m.py", SIBLINGS, loaded_by_path=True), "import helpers\n", False),
    (ModuleContext("pkg/m.py", SIBLINGS), "x = 1\n", False),  # no import at all
])
def test_a_module_is_parsed_for_it_only_when_an_import_may_name_a_sibling(context, text, admitted):
    assert registry.get("absolute_import").might_apply(text, context) is admitted
