"""Each libcst node's parent, for the codemods that ask (`self.parent(node)` in six_names.py).

libcst's ParentNodeProvider finds them by asking every node for its `children`, which rebuilds
the node's child list each time, and any libcst walk (a CSTVisitor too) builds a new copy of each
node it leaves, with validation: 1.1 s of CPU for dateutil's test.py (107k nodes), where reading
the nodes' dataclass fields gives the same answers in a fifth of that. A node's children are the
CSTNodes among its fields' values and in its tuple and list fields: what libcst's own deep_clone
and deep_equals read."""
import dataclasses
import functools

from libcst import CSTNode
from libcst.metadata.base_provider import BaseMetadataProvider

from workers.rewriting.cst_kinds import is_kind


class ParentProvider(BaseMetadataProvider):
    """node -> the node it is a child of (the module has none)."""

    def _gen_impl(self, module):
        parents = self._computed
        stack = [module]
        while stack:
            node = stack.pop()
            for child in children(node):
                parents[child] = node
                stack.append(child)


def descendants(node):
    """`node` and every node below it, in no particular order."""
    found, stack = [], [node]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(children(node))
    return found


def children(node):
    """The CSTNodes `node` holds, field by field (not in libcst's visiting order)."""
    for name in _field_names(type(node)):
        value = getattr(node, name)
        if is_kind(value, CSTNode):
            yield value
        elif isinstance(value, (tuple, list)):
            yield from (item for item in value if is_kind(item, CSTNode))


@functools.lru_cache(maxsize=None)
def _field_names(node_type):
    return tuple(field.name for field in dataclasses.fields(node_type))
