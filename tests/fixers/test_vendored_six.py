"""A package that vendors six next to its modules (Django's django/utils/six.py): the import a fixer
adds names that sibling explicitly, the module Python 2 would have imported anyway."""
from workers import fixers as registry
from workers.engine.apply import transform_text
from workers.engine.context import ModuleContext
from workers.rewriting.fixer import TWO_AND_THREE_STAGES

VENDORING = ModuleContext("django/utils/text.py", frozenset(["six", "encoding"]))


def test_added_six_imports_are_relative_to_the_vendored_copy():
    source = "import os\n\ndef f(x, d):\n    return isinstance(x, basestring), zip(d.keys(), xrange(3))\n"
    fixers = [f for f in registry.in_stages(TWO_AND_THREE_STAGES) if not f.reports_only]
    once, _ = transform_text(source, fixers, VENDORING)
    assert "from . import six\n" in once and "from .six.moves import range, zip\n" in once
    assert "list(zip(d.keys(), range(3)))" in once
    again, sites = transform_text(once, fixers, VENDORING)
    assert (again, sites) == (once, {})


def test_without_a_sibling_six_the_import_is_absolute():
    out, _ = transform_text("x = basestring\n", [registry.get("basestring")],
                            ModuleContext("pkg/m.py", frozenset(["other"])))
    assert out == "import six\nx = six.string_types\n"
