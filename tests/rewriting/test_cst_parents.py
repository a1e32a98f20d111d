"""The codemods' parent lookup gives libcst's ParentNodeProvider's answers, node for node."""
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, ParentNodeProvider

from workers.rewriting.cst_parents import ParentProvider

PROGRAMS = sorted((Path(__file__).parent.parent / "codemods" / "programs").glob("*.py"))


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_every_node_has_the_parent_libcst_gives_it(path):
    wrapper = MetadataWrapper(cst.parse_module(path.read_text()))
    ours = wrapper.resolve(ParentProvider)
    assert len(ours) > 50
    assert dict(ours) == dict(wrapper.resolve(ParentNodeProvider))
