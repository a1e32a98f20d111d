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
