"""Several libcst transformers in one walk: their edits add up as if each had walked alone."""
import libcst as cst
import libcst.matchers as m
import pytest

from workers.rewriting.cst_walk import WalkTogether


class RenameNames(cst.CSTTransformer):
    def __init__(self, old, new):
        super().__init__()
        self.old, self.new = old, new

    def leave_Name(self, original_node, updated_node):
        return updated_node.with_changes(value=self.new) if updated_node.value == self.old else updated_node


class Record(cst.CSTTransformer):
    """Notes every Name it visits and leaves; declines the children of function definitions."""

    def __init__(self):
        super().__init__()
        self.visited, self.left = [], []

    def visit_FunctionDef(self, node):
        return False

    def leave_FunctionDef(self, original_node, updated_node):
        self.left.append(original_node.name.value)
        return updated_node

    def visit_Name(self, node):
        self.visited.append(node.value)


class DropPass(cst.CSTTransformer):
    def leave_SimpleStatementLine(self, original_node, updated_node):
        if m.matches(updated_node, m.SimpleStatementLine(body=[m.Pass()])):
            return cst.RemoveFromParent()
        return updated_node


class CountStatements(cst.CSTTransformer):
    def __init__(self):
        super().__init__()
        self.seen = 0

    def leave_SimpleStatementLine(self, original_node, updated_node):
        self.seen += 1
        return updated_node


def walk(code, *transformers):
    return cst.parse_module(code).visit(WalkTogether(transformers)).code


def test_edits_of_each_transformer_add_up_in_order():
    # b -> c, then c -> d: the second is given what the first returned, as in two walks
    assert walk("a = b\n", RenameNames("b", "c"), RenameNames("c", "d")) == "a = d\n"
    assert walk("a = b\n", RenameNames("c", "d"), RenameNames("b", "c")) == "a = c\n"


def test_a_declined_subtree_is_skipped_only_by_the_transformer_that_declined_it():
    record = Record()
    assert walk("x = 1\ndef f():\n    y = 2\n", record, RenameNames("y", "z")) == "x = 1\ndef f():\n    z = 2\n"
    assert record.visited == ["x"]  # not f, y: inside the function it declined
    assert record.left == ["f"]  # but its leave_ still ran on the function itself


def test_a_node_replaced_by_another_kind_ends_the_chain_there():
    counter = CountStatements()
    assert walk("pass\nx = 1\n", DropPass(), counter) == "x = 1\n"
    assert counter.seen == 1  # the removed line was not handed on


def test_matcher_decorators_are_refused():
    class Decorated(m.MatcherDecoratableTransformer):
        @m.leave(m.Name("x"))
        def rename(self, original_node, updated_node):
            return updated_node

    with pytest.raises(TypeError, match="matcher decorators"):
        WalkTogether([Decorated()])


class NoteTheBases(cst.CSTTransformer):
    def __init__(self):
        super().__init__()
        self.notes = []

    def visit_ClassDef_bases(self, node):
        self.notes.append("visit " + node.name.value)

    def leave_ClassDef_bases(self, node):
        self.notes.append("leave " + node.name.value)


def test_attribute_hooks_run_when_a_transformer_has_them():
    noted = NoteTheBases()
    walk("class A(B):\n    pass\n", RenameNames("B", "C"), noted)
    assert noted.notes == ["visit A", "leave A"]


def test_libcsts_do_nothing_stubs_are_never_called():
    walker = WalkTogether([RenameNames("a", "b"), Record()])
    assert [type(t).__name__ for t, _ in walker._defining("leave_Name")] == ["RenameNames"]
    assert [type(t).__name__ for t, _ in walker._defining("visit_Name")] == ["Record"]
    assert walker._defining("visit_Call") == [] and walker._defining("leave_Call") == []
    assert walker.on_visit_attribute.__name__ == "_nothing"  # no transformer has an attribute hook of its own
