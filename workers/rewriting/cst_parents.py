"""Each libcst node's parent, for the codemods that ask (`self.parent(node)` in six_names.py).

libcst's ParentNodeProvider finds them by asking every node for its `children`, which rebuilds
the node's child list each time, and any libcst walk (a CSTVisitor too) builds a new copy of each
node it leaves, with validation: 1.1 s of CPU for dateutil's test.py (107k nodes), where reading
the nodes' dataclass fields gives the same answers in a fifth of that. A node's children are the
CSTNodes among its fields' values and in its tuple and list fields: what libcst's own deep_clone
and deep_equals read."""
import dataclasses

from libcst import CSTNode
from libcst.metadata.base_provider import BaseMetadataProvider


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
    found = []
    for name in _field_names(type(node)):
        value = getattr(node, name)
        kind = type(value)
        if kind is tuple or kind is list:
            found.extend(item for item in value if _is_node_type(type(item)))
        elif _is_node_type(kind):
            found.append(value)
    return found


# Per type, what children() asks of every node: plain dict lookups, no call or key tuple per value.
_FIELD_NAMES = {}
_NODE_TYPES = {}


def _field_names(node_type):
    names = _FIELD_NAMES.get(node_type)
    if names is None:
        names = _FIELD_NAMES[node_type] = tuple(field.name for field in dataclasses.fields(node_type))
    return names


def _is_node_type(value_type):
    answer = _NODE_TYPES.get(value_type)
    if answer is None:
        answer = _NODE_TYPES[value_type] = issubclass(value_type, CSTNode)
    return answer
