"""The non-recursive walks (workers/rewriting/fissix_walks.py) yield what fissix's recursive
generators yield: the same nodes in the same order on every fixer case, and the same sequence
when the caller changes the tree during the walk."""
import pytest
from fissix import pytree
from fissix.fixer_util import Name
from fissix.pgen2 import token

from tests.fixers.cases import case_trees
from workers.rewriting import fissix_walks, parsing

WALKS = {"pre_order": (fissix_walks.pre_order, fissix_walks.recursive()[0]),
         "post_order": (fissix_walks.post_order, fissix_walks.recursive()[1]),
         "leaves": (fissix_walks.leaves, fissix_walks.recursive()[2])}


def test_installed_on_fissix_nodes():
    assert pytree.Node.pre_order is fissix_walks.pre_order and pytree.Node.leaves is fissix_walks.leaves


@pytest.mark.parametrize("walk", sorted(WALKS))
def test_same_nodes_in_the_same_order_on_every_case(walk):
    ours, fissix = WALKS[walk]
    checked = 0
    for case_id, tree in case_trees():
        for node in fissix_walks.recursive()[0](tree):
            if isinstance(node, pytree.Node):
                assert [id(n) for n in ours(node)] == [id(n) for n in fissix(node)], (case_id, walk)
                checked += 1
    assert checked > 20000


SOURCE = "def f(a, b):\n    x = a + b\n    if x:\n        return g(x, y)\n    return [z for z in x]\n\nclass C:\n    y = 1\n"


def _walk_changing(walk, tree):
    """Walk while renaming names, replacing some and emptying a statement: what was yielded."""
    seen = []
    for node in walk(tree):
        seen.append((node.type, str(node)))
        if node.type == token.NAME and node.value == "x":
            node.replace(Name("renamed", prefix=node.prefix))
        elif node.type == token.NAME and node.value == "y":
            node.value = "why"
        elif node.type == token.NAME and node.value == "z" and node.parent is not None:
            node.parent.children[-1].remove() if len(node.parent.children) > 1 else None
    return seen, str(tree)


@pytest.mark.parametrize("walk", sorted(WALKS))
def test_same_sequence_when_the_tree_changes_during_the_walk(walk):
    ours, fissix = WALKS[walk]
    assert _walk_changing(ours, parsing.parse(SOURCE)) == _walk_changing(fissix, parsing.parse(SOURCE))
