"""Each libcst node's parent, for the codemods that ask (`self.parent(node)` in six_names.py).

libcst's ParentNodeProvider finds them by asking every node for its `children`, which rebuilds
the node's child list each time: an eighth of the python3-only stage's time. A walk keeping the
path from the module down to the node it stands on gives the same answers."""
import libcst as cst
from libcst.metadata import BatchableMetadataProvider


class ParentProvider(BatchableMetadataProvider):
    """node -> the node it is a child of (the module has none)."""

    def visit_Module(self, node):
        node.visit(_PathWalk(self))


class _PathWalk(cst.CSTVisitor):
    def __init__(self, provider):
        super().__init__()
        self.provider = provider
        self.path = []

    def on_visit(self, node):
        if self.path:
            self.provider.set_metadata(node, self.path[-1])
        self.path.append(node)
        return True

    def on_leave(self, original_node):
        self.path.pop()
