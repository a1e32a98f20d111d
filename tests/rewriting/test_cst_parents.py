"""The codemods' parent lookup gives libcst's ParentNodeProvider's answers, node for node."""
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, ParentNodeProvider

from workers.rewriting.cst_parents import ParentProvider, descendants

CODEMOD_TESTS = Path(__file__).parent.parent / "codemods"
PROGRAMS = sorted((CODEMOD_TESTS / "programs").glob("*.py"))
CASE_FOLDERS = sorted(path for path in (CODEMOD_TESTS / "cases").iterdir() if path.is_dir())


def assert_same_parents(text):
    wrapper = MetadataWrapper(cst.parse_module(text))
    ours = wrapper.resolve(ParentProvider)
    assert dict(ours) == dict(wrapper.resolve(ParentNodeProvider))
    return ours


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_every_node_has_the_parent_libcst_gives_it(path):
    assert len(assert_same_parents(path.read_text())) > 50


@pytest.mark.parametrize("folder", CASE_FOLDERS, ids=lambda p: p.name)
def test_the_codemod_cases_too(folder):
    checked = 0
    for path in sorted(folder.glob("*.in")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # a latin-1 file among coding_cookies' cases
            continue
        try:
            assert_same_parents(text)
        except cst.ParserSyntaxError:  # a case the stage refuses to parse
            continue
        checked += 1
    assert checked


def test_nodes_in_list_fields_of_a_rewritten_module():
    statement = cst.SimpleStatementLine(body=[cst.Expr(cst.Call(cst.Name("f"), args=[cst.Arg(cst.Name("x"))]))])
    wrapper = MetadataWrapper(cst.Module(body=[statement]), unsafe_skip_copy=True)
    assert dict(wrapper.resolve(ParentProvider)) == dict(wrapper.resolve(ParentNodeProvider))
    assert wrapper.resolve(ParentProvider)[statement.body[0]] is statement


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_descendants_are_the_nodes_a_libcst_walk_meets(path):
    module = cst.parse_module(path.read_text())
    met = []

    class Collect(cst.CSTVisitor):
        def on_visit(self, node):
            met.append(node)
            return True

    module.visit(Collect())
    found = descendants(module)
    assert len(found) == len(met) and {id(node) for node in found} == {id(node) for node in met}


def test_within_says_what_comparing_spans_said():
    # six_version_branches and py3bridge_shims asked PositionProvider whether one node's span lay in
    # another's (a name or a check in a block, a handler, a test); SiteRecorder.within answers from
    # the parents, for a codegen of the module less.
    from libcst.codemod import CodemodContext
    from libcst.metadata import MetadataWrapper, PositionProvider

    from workers.rewriting.codemod import SiteRecorder

    source = ("try:\n    unicode\nexcept NameError:\n    unicode = str\n\n\n"
              "def f(x, y=(1, 2)):\n    if six.PY2 and x:\n        return [u'a', x[0]]\n    return {y: lambda: x}\n")
    class Within(SiteRecorder):  # libcst caches a class's dependencies where subclasses inherit them
        pass

    wrapper = MetadataWrapper(cst.parse_module(source))
    recorder = Within(CodemodContext(wrapper=wrapper))
    positions = wrapper.resolve(PositionProvider)
    asked_about = (cst.BaseExpression, cst.BaseStatement, cst.BaseSmallStatement, cst.BaseSuite, cst.ExceptHandler,
                   cst.Else)  # not the commas and whitespace a node holds beside its span
    nodes = [node for node in descendants(wrapper.module) if isinstance(node, asked_about)]
    with recorder.resolve(wrapper):
        for node in nodes:
            for outer in nodes:
                inner_span, outer_span = positions[node], positions[outer]
                by_span = (outer_span.start.line, outer_span.start.column) <= (inner_span.start.line, inner_span.start.column) \
                    and (inner_span.end.line, inner_span.end.column) <= (outer_span.end.line, outer_span.end.column)
                if inner_span == outer_span:  # `return x` and its line: one holds the other
                    assert recorder.within(node, outer) or recorder.within(outer, node)
                else:
                    assert recorder.within(node, outer) == by_span, (node, outer)
