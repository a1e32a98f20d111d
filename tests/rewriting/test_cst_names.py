"""is_builtin (workers/rewriting/cst_names.py) answers from CPython's symbol tables when the module
binds the name nowhere, and from libcst's scopes otherwise: the same answers, fewer scopes."""
import libcst as cst
import pytest
from libcst.codemod import CodemodContext
from libcst.metadata import MetadataWrapper, ScopeProvider

from workers.rewriting.codemod import MODULE_TEXT
from workers.rewriting.cst_names import PY3_BUILTINS, NameAwareRecorder
from workers.rewriting.cst_parents import descendants

SOURCES = [
    "class A(object):\n    x = str(1)\n",
    "object = type\nclass A(object):\n    pass\n",  # rebound at module level
    "def f(str):\n    return str(1)\n\nclass B(object):\n    y = str\n",  # a parameter, in one scope only
    "from os import *\nclass A(object):\n    pass\n",  # a star import may bind anything
    "for open in []:\n    pass\nopen(1)\n",
    "import io as object\nclass A(object):\n    pass\n",
    "x = [len for len in ()]\nlen(x)\n",  # a comprehension's own name
]


class Asking(NameAwareRecorder):  # libcst caches a class's dependencies where subclasses inherit them
    pass


def _answers(source, text_at_hand):
    wrapper = MetadataWrapper(cst.parse_module(source))
    context = CodemodContext(wrapper=wrapper)
    context.scratch[MODULE_TEXT] = source if text_at_hand else None
    recorder = Asking(context)
    with recorder.resolve(wrapper):
        recorder.visit_Module(wrapper.module)
        names = [node for node in descendants(wrapper.module) if isinstance(node, cst.Name) and node.value in PY3_BUILTINS]
        answers = sorted((node.value, recorder.is_builtin(node)) for node in names)
    return answers, ScopeProvider in wrapper._metadata


@pytest.mark.parametrize("source", SOURCES)
def test_the_symbol_tables_answer_as_the_scopes_do(source):
    assert _answers(source, True)[0] == _answers(source, False)[0]


def test_a_name_bound_nowhere_needs_no_scopes():
    answers, scopes_computed = _answers(SOURCES[0], True)
    assert answers == [("object", True), ("str", True)] and not scopes_computed
    assert _answers(SOURCES[0], False)[1]  # without the text, the scopes answer
