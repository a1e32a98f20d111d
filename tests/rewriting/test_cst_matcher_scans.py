"""A ScansMarkedOnly visitor finds the same matcher-decorated methods as libcst's full scans."""
import libcst as cst
import libcst.matchers as m
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.codemod.visitors._remove_imports import RemovedNodeVisitor
from libcst.matchers._visitors import (_gather_constructed_leave_funcs, _gather_constructed_visit_funcs,
                                       _gather_matchers)

from workers.rewriting.cst_imports import _AddImports, _RemoveNamesNotIn
from workers.rewriting.cst_matcher_scans import ScansMarkedOnly
from workers.rewriting.six_names import _RemovedNodes

INSIDE = m.FunctionDef()


class Decorated(m.MatcherDecoratableTransformer):
    def __init__(self):
        self.marked_value = m.call_if_inside(INSIDE)(lambda node: None)  # an instance attribute the scans read too
        super().__init__()

    @m.visit(m.Name("x"))
    def seen_x(self, node):
        pass

    @m.leave(m.Name("y"))
    def left_y(self, original_node, updated_node):
        return updated_node

    @m.call_if_not_inside(m.ClassDef())
    def visit_Call(self, node):
        pass


class DecoratedScansMarkedOnly(ScansMarkedOnly, Decorated):
    pass


def scanned(visitor):
    return ({matcher: [f.__name__ for f in funcs] for matcher, funcs in _gather_constructed_visit_funcs(visitor).items()},
            {matcher: [f.__name__ for f in funcs] for matcher, funcs in _gather_constructed_leave_funcs(visitor).items()},
            set(_gather_matchers(visitor)))


def test_the_marked_methods_and_attributes_are_found_as_by_libcst():
    found = scanned(DecoratedScansMarkedOnly())
    assert found == scanned(Decorated())
    assert found[0] and found[1] and len(found[2]) == 2


def test_decorated_methods_still_run():
    seen = []

    class Seeing(ScansMarkedOnly, m.MatcherDecoratableVisitor):
        @m.visit(m.Name("x"))
        def seen_x(self, node):
            seen.append(node.value)

    cst.parse_module("x = y\n").visit(Seeing())
    assert seen == ["x"]


def test_the_stage_visitors_find_what_their_libcst_classes_find():
    context = CodemodContext()
    pairs = ((_RemoveNamesNotIn(context, None, set()), RemoveImportsVisitor(context)),
             (_AddImports(context, set()), AddImportsVisitor(context)), (_RemovedNodes(context), RemovedNodeVisitor(context)))
    for ours, libcsts in pairs:
        assert scanned(ours) == scanned(libcsts) == ({}, {}, set())
