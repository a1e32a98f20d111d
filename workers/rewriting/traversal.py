"""A tree's nodes as lists, without fissix's recursive generators: in post-order, listed once per
generation and indexed by node type.

The plan asks each fixer about the nodes of its head types from this index, and each fixer's
fix() visits them from it. With fissix's recursive generators, each walk cost a frame switch per
level of nesting for every node, and sixty fixers each walked the same unchanged tree again. The
list is kept in the tree's analysis store, so it is dropped when a fixer changes the tree
(`analysis.tree_changed`) and the next fixer lists it anew.
The module's text (`module_text`, which every fixer's trigger reads) and the NAME leaves by
spelling (`names`, `mentions`) come from the same list.
"""
from fissix.pgen2 import token

from workers.rewriting import analysis


def post_order(tree, types=None):
    """list(tree.post_order()), keeping only nodes whose type is in `types` (every node when None)."""
    nodes, positions = _indexed(tree)
    if types is None:
        return list(nodes)
    groups = [positions[node_type] for node_type in types if node_type in positions]
    if len(groups) == 1:
        return [nodes[i] for i in groups[0]]
    return [nodes[i] for i in sorted(i for group in groups for i in group)]


def module_text(tree):
    """The module's text as of this generation (str(tree)), joined from the generation's index:
    each fixer's trigger reads it, and the fix() that follows a match needs the index anyway."""
    return analysis.cached(tree, "source_text", lambda: _text(tree))


def _text(tree):
    nodes, _ = _indexed(tree)
    # the leaves, in order; `_prefix` is what Leaf.prefix returns, without a property call per leaf
    # (half of this join's time, which every fixer's trigger waits for after each change)
    return "".join([node._prefix + node.value for node in nodes if node.type < 256])


def names(tree, value):
    """The NAME leaves of the tree spelled `value`, in source order: listed once per generation,
    for the analyses that look for every mention of a name in the module."""
    by_value = analysis.cached(tree, "names_by_value", lambda: _names_by_value(tree))
    return by_value.get(value, ())


def mentions(tree, value, within=None):
    """The NAME leaves spelled `value` in `within` (a node of `tree`, the module; default: all of
    it), in source order. From the generation's index while no fixer is changing the tree, else by
    a walk: a fixer's own changes (a renamed or added name) are in no list made before them."""
    within = tree if within is None else within
    if tree.parent is None and analysis.is_settled(tree):
        found = names(tree, value)
        return list(found) if within is tree else [leaf for leaf in found if analysis.is_within(leaf, within)]
    return [leaf for leaf in within.leaves() if leaf.type == token.NAME and leaf.value == value]


def of_types(tree, types):
    """The nodes of `tree` (the module) whose type is in `types`: from the generation's index while
    no fixer is changing the tree, else by a walk, as `mentions` does."""
    if tree.parent is None and analysis.is_settled(tree):
        return post_order(tree, types)
    return [node for node in tree.pre_order() if node.type in types]


def _names_by_value(tree):
    by_value = {}
    for leaf in post_order(tree, (token.NAME,)):
        by_value.setdefault(leaf.value, []).append(leaf)
    return by_value


def _indexed(tree):
    return analysis.cached(tree, "post_order_by_type", lambda: _index(tree))


def _index(tree):
    nodes = _post_order(tree)
    positions = {}
    for i, node in enumerate(nodes):
        positions.setdefault(node.type, []).append(i)
    return nodes, positions


def _post_order(tree):
    """The order of fissix's Node.post_order, without recursion: the reverse of visiting each node
    before its children taken right to left."""
    found, pending = [], [tree]
    while pending:
        node = pending.pop()
        found.append(node)
        pending.extend(node.children)
    found.reverse()
    return found


def deeper_than(tree, limit):
    """Whether some node of the tree lies more than `limit` levels below it (level by level: one
    list per level, not a generator and a tuple per node)."""
    level, depth = [tree], 0
    while level:
        if depth > limit:
            return True
        level = [child for node in level for child in node.children]
        depth += 1
    return False
