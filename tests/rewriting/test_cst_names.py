"""is_builtin (workers/rewriting/cst_names.py) answers from CPython's symbol tables when the module
binds the name nowhere, and from libcst's scopes otherwise; refers_to asks the scopes only about
nodes spelled so that they may have the qualified names asked: the same answers, fewer scopes."""
from pathlib import Path

import libcst as cst
import pytest
from libcst.codemod import CodemodContext
from libcst.metadata import MetadataWrapper, QualifiedName, QualifiedNameSource, ScopeProvider

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


def _walked(source, text_at_hand=True):
    """(the MetadataWrapper of a walk of `source`, a recorder of it), the text in the walk's
    scratch when `text_at_hand`."""
    wrapper = MetadataWrapper(cst.parse_module(source))
    context = CodemodContext(wrapper=wrapper)
    context.scratch[MODULE_TEXT] = source if text_at_hand else None
    return wrapper, Asking(context)


def _answers(source, text_at_hand):
    wrapper, recorder = _walked(source, text_at_hand)
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


# refers_to asks the scopes only about nodes spelled so that they may have one of the names asked.
PROGRAMS = sorted((Path(__file__).parent.parent / "codemods" / "programs").glob("*.py"))
RENAMING = [
    "from re import U as X, UNICODE\nimport re as regex\nX; UNICODE; regex.U; regex.compile('a', X)\n",
    "import os.path as p\nfrom socket import error as E\nimport select\np.join; E; select.error; select.error()[0]\n",
    "from six.moves import cStringIO\nimport io\ndef f():\n    from io import open as o\n    o(1); io.open(2)\n",
    "import re\nx = 'U'.split(re.U)\nre = None\nre.U\n",
]
TARGETS = ("re.U", "re.UNICODE", "re.compile", "socket.error", "select.error", "io.open", "os.path.join",
           "six.moves.cStringIO")


def _refers_to_by_the_scopes(recorder, node, qualified):
    names = recorder.qualified_names(node)
    return len(names) == 1 and next(iter(names)) in {QualifiedName(name, QualifiedNameSource.IMPORT) for name in qualified}


@pytest.mark.parametrize("source", RENAMING + [path.read_text() for path in PROGRAMS])
def test_refers_to_answers_as_the_scopes_do(source):
    wrapper, recorder = _walked(source)
    with recorder.resolve(wrapper):
        recorder.visit_Module(wrapper.module)
        nodes = [node for node in descendants(wrapper.module) if isinstance(node, cst.BaseExpression)]
        asked = 0
        for node in nodes:
            own = tuple(name.name for name in recorder.qualified_names(node))
            for qualified in [own, TARGETS] + [(target,) for target in TARGETS]:
                answer = recorder.refers_to(node, *qualified)
                assert answer == _refers_to_by_the_scopes(recorder, node, qualified), cst.Module([]).code_for_node(node)
                asked += answer
        assert asked or source not in RENAMING


def test_names_that_cannot_be_spelled_so_need_no_scopes():
    source = "import re\nx = 'U'.split(',')\ny = x.strip().split(re.I)\n"
    wrapper, recorder = _walked(source)
    with recorder.resolve(wrapper):
        recorder.visit_Module(wrapper.module)
        for node in descendants(wrapper.module):
            if isinstance(node, cst.BaseExpression):
                assert not recorder.refers_to(node, "re.U", "re.UNICODE")
    assert ScopeProvider not in wrapper._metadata
    with recorder.resolve(wrapper):  # `re.split` may be spelled so: the scopes answer
        assert recorder.refers_to(cst.parse_expression("re.split"), "re.split") is False
    assert ScopeProvider in wrapper._metadata
