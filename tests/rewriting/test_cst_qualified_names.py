"""The codemods' qualified names, asked of the scope node by node, are libcst's
QualifiedNameProvider's, node for node."""
from pathlib import Path

import libcst as cst
import pytest
from libcst._metadata_dependent import LazyValue
from libcst.codemod import CodemodContext
from libcst.metadata import MetadataWrapper, QualifiedNameProvider

from workers.rewriting.codemod import SiteRecorder
from workers.rewriting.cst_names import NameAwareRecorder
from workers.rewriting.cst_qualified_names import qualified_names

PROGRAMS = sorted((Path(__file__).parent.parent / "codemods" / "programs").glob("*.py"))


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_every_node_has_the_qualified_names_libcst_gives_it(path):
    wrapper = MetadataWrapper(cst.parse_module(path.read_text()))
    libcsts = wrapper.resolve(QualifiedNameProvider)
    recorder = NameAwareRecorder(CodemodContext(wrapper=wrapper))
    with recorder.resolve(wrapper):
        ours = {node: qualified_names(recorder, node) for node in libcsts}
        assert any(ours.values())
        assert ours == {node: _value(libcsts[node]) for node in libcsts}
        assert qualified_names(recorder, cst.Name("not_in_the_module")) == set()


def _value(metadata):
    return metadata() if isinstance(metadata, LazyValue) else metadata


def test_a_node_is_asked_of_its_scope_once_per_walk():
    wrapper = MetadataWrapper(cst.parse_module("import six\nsix.text_type\n"))
    recorder = NameAwareRecorder(CodemodContext(wrapper=wrapper))
    attribute = wrapper.module.body[1].body[0].value
    with recorder.resolve(wrapper):
        first = qualified_names(recorder, attribute)
        assert {name.name for name in first} == {"six.text_type"}
        assert qualified_names(recorder, attribute) is first
        other = SiteRecorder(recorder.context)  # another codemod of the same walk
        assert qualified_names(other, attribute) is first
