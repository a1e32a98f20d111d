"""fissix's Node.pre_order, post_order and leaves, without recursion.

fissix walks a tree with recursive generators: each node or leaf a walk yields passes through one
`yield from` per level above it. Fixers and analyses walk whole modules this way all the time
(`tree.leaves()` to find a name's uses, `pre_order()` for the statements of a scope): in a
profiled apply of feedparser's 4,000-line module the two generators were a third of the time.

The replacements keep one iterator over each open node's children list, which is the state the
recursive generators keep, one frame per level, so they yield the same nodes in the same order
even when the caller changes the tree while walking it: a children list is read as it is when
the walk reaches it, and a replaced node's children are walked as they were. `install()` puts
them on fissix's Node class once; parsing.py calls it, so every tree py3bridge reads has them.
"""
from fissix import pytree

_RECURSIVE = (pytree.Node.pre_order, pytree.Node.post_order, pytree.Node.leaves)


def pre_order(node):
    """Return a pre-order iterator for the tree."""
    yield node
    open_nodes = [iter(node.children)]
    while open_nodes:
        child = next(open_nodes[-1], None)
        if child is None:
            open_nodes.pop()
            continue
        yield child
        open_nodes.append(iter(child.children))


def post_order(node):
    """Return a post-order iterator for the tree."""
    open_nodes = [(node, iter(node.children))]
    while open_nodes:
        parent, children = open_nodes[-1]
        child = next(children, None)
        if child is None:
            open_nodes.pop()
            yield parent
        elif isinstance(child, pytree.Leaf):
            yield child
        else:
            open_nodes.append((child, iter(child.children)))


def leaves(node):
    open_nodes = [iter(node.children)]
    while open_nodes:
        child = next(open_nodes[-1], None)
        if child is None:
            open_nodes.pop()
        elif isinstance(child, pytree.Leaf):
            yield child
        else:
            open_nodes.append(iter(child.children))


def install():
    pytree.Node.pre_order, pytree.Node.post_order, pytree.Node.leaves = pre_order, post_order, leaves


def recursive():
    """fissix's own (pre_order, post_order, leaves), for comparison."""
    return _RECURSIVE
