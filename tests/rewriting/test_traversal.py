"""The per-generation lists of workers/rewriting/traversal.py answer what a walk of the tree as it
is now would: the module's text, and the NAME leaves of one spelling, on every fixer case and
again after a change the next generation sees."""
from fissix.pgen2 import token

from tests.fixers.cases import case_trees
from workers.rewriting import analysis, parsing, traversal


def _names_by_walk(tree, value):
    return [leaf for leaf in tree.leaves() if leaf.type == token.NAME and leaf.value == value]


def test_module_text_and_names_match_a_walk_on_every_case():
    checked = 0
    for case_id, tree in case_trees():
        assert traversal.module_text(tree) == str(tree), case_id
        for value in {leaf.value for leaf in tree.leaves() if leaf.type == token.NAME}:
            assert [id(leaf) for leaf in traversal.names(tree, value)] == [
                id(leaf) for leaf in _names_by_walk(tree, value)], (case_id, value)
            checked += 1
    assert checked > 5000


def test_the_next_generation_sees_the_change():
    tree = parsing.parse("x = 1\nprint(x)\n")
    assert traversal.module_text(tree) == "x = 1\nprint(x)\n" and len(traversal.names(tree, "x")) == 2
    traversal.names(tree, "x")[1].value = "y"
    analysis.tree_changed(tree)
    assert traversal.module_text(tree) == "x = 1\nprint(y)\n"
    assert len(traversal.names(tree, "x")) == 1 and len(traversal.names(tree, "y")) == 1


def test_mentions_in_a_scope_match_a_walk_of_it():
    tree = parsing.parse("x = 1\ndef f():\n    x = 2\n    return x\nprint(x)\n")
    function = next(node for node in tree.pre_order() if node.type == parsing.syms.funcdef)
    assert [leaf.get_lineno() for leaf in traversal.mentions(tree, "x", function)] == [3, 4]
    assert [leaf.get_lineno() for leaf in traversal.mentions(tree, "x")] == [1, 3, 4, 5]


def test_mentions_walk_while_a_fixer_is_changing_the_tree():
    # the generation's list misses a name a fixer has just renamed; a walk sees it
    tree = parsing.parse("x = 1\nprint(y)\n")
    assert len(traversal.mentions(tree, "x")) == 1
    analysis.changing(tree)
    traversal.names(tree, "y")[0].value = "x"
    assert [leaf.get_lineno() for leaf in traversal.mentions(tree, "x")] == [1, 2]
    analysis.tree_changed(tree)
    analysis.settled(tree)
    assert analysis.is_settled(tree) and len(traversal.mentions(tree, "x")) == 2


def _depth(node):
    return 1 + max(map(_depth, node.children)) if node.children else 0


def test_deeper_than_agrees_with_the_tree_depth_on_every_case():
    for name, tree in case_trees():
        depth = _depth(tree)
        assert traversal.deeper_than(tree, depth - 1), name
        assert not traversal.deeper_than(tree, depth), name
