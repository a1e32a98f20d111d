"""The lines a site records are PositionProvider's, node for node."""
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from workers.rewriting.cst_lines import LinesProvider

PROGRAMS = sorted((Path(__file__).parent.parent / "codemods" / "programs").glob("*.py"))
NEWLINES = "import six\r\n\r\nclass A(object):\r\n    x = (1,\r        2)  # c\r\n\n    def f(self):\n        '''a\r\nb'''\n"


def _same_lines_as_positions(source):
    wrapper = MetadataWrapper(cst.parse_module(source))
    lines = wrapper.resolve(LinesProvider)
    positions = wrapper.resolve(PositionProvider)
    assert set(lines) == set(positions)
    assert dict(lines) == {node: (p.start.line, p.end.line) for node, p in positions.items()}
    return lines


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_every_node_has_the_lines_of_its_position(path):
    assert len({lines for lines in _same_lines_as_positions(path.read_text()).values()}) > 5


def test_every_kind_of_newline_counts_as_positions_count_it():
    lines = _same_lines_as_positions(NEWLINES)
    assert max(end for _, end in lines.values()) == 10  # the module ends after its last newline
