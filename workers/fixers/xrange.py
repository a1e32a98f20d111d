"""`xrange(n)` → `range(n)` + `from six.moves import range`; `range(...)` used as a list → `list(range(...))`
(a lazy range on 3, and on 2.7 too where the module gets the six.moves import)."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import (
    argument_nodes, call_trailer, moves_form, replace_name_with_dotted, wrap_call)
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_from_import, add_import
from workers.rewriting.iteration_context import bound_by_lazy_import
from workers.rewriting.scopes import refers_to_builtin


# Calls that only iterate over (or take len() of) an argument: a lazy range is as good as a list.
_ONLY_ARGUMENT = {"list", "tuple", "set", "frozenset", "sorted", "enumerate", "sum", "any", "all", "min", "max",
                  "len", "reversed", "iter"}
_FIRST_ARGUMENT = {"sorted", "enumerate", "sum", "min", "max"}  # sorted(r, key=…), enumerate(r, 1), sum(r, 0)
_ANY_ARGUMENT = {"zip"}
_LATER_ARGUMENT = {"map", "filter"}  # map(f, r): every argument but the function


def _in_iteration_context(call):
    """`call` (a `range(...)` power node with nothing after the call) is only iterated over."""
    parent = call.parent
    if parent is None:
        return False
    if parent.type == syms.for_stmt:
        return call is parent.children[3]
    if parent.type == syms.expr_stmt:
        return _is_unpacked(call)
    if parent.type == syms.comp_for:
        index = parent.children.index(call)
        return index > 0 and parent.children[index - 1].type == token.NAME and parent.children[index - 1].value == "in"
    if parent.type == syms.comparison:
        index = parent.children.index(call)
        if index == 0:
            return False
        op = parent.children[index - 1]
        return (op.type == token.NAME and op.value == "in") or (op.type == syms.comp_op and str(op).split() == ["not", "in"])
    # An argument of a consuming builtin.
    if parent.type == syms.trailer:
        trailer, position, only = parent, 0, True
    elif parent.type == syms.arglist and parent.parent.type == syms.trailer:
        trailer = parent.parent
        args = argument_nodes(trailer)
        positional = [a for a in args if a.type != syms.argument]
        if call not in positional:
            return False
        position, only = positional.index(call), len(positional) == 1
    else:
        return False
    outer = trailer.parent
    if trailer.children[0].type != token.LPAR or outer.type != syms.power or outer.children[1] is not trailer:
        return False
    func = outer.children[0]
    if func.type != token.NAME or not (refers_to_builtin(func) or _lazy_wrapper(func)):
        return False
    name = func.value
    return (only and name in _ONLY_ARGUMENT) or (position == 0 and name in _FIRST_ARGUMENT) or (
        name in _ANY_ARGUMENT) or (position > 0 and name in _LATER_ARGUMENT)


def _lazy_wrapper(func):
    """`map`, `filter`, `zip` imported from six.moves (as map_filter_zip writes them): they
    iterate their arguments as the builtins do."""
    return func.value in _ANY_ARGUMENT | _LATER_ARGUMENT and bound_by_lazy_import(func)


def _is_unpacked(call):
    """`a, b, c = range(3)`: the only value of a plain assignment to a tuple or list of targets."""
    statement = call.parent
    if len(statement.children) != 3 or statement.children[1].type != token.EQUAL or statement.children[2] is not call:
        return False
    target = statement.children[0]
    if target.type == syms.atom and target.children[0].value in ("(", "[") and len(target.children) == 3:
        target = target.children[1]
    return target.type in (syms.testlist_star_expr, syms.exprlist, syms.testlist_gexp, syms.listmaker) and any(
        child.type == token.COMMA for child in target.children)


def _range_needs_list(leaf):
    if call_trailer(leaf) is None or not refers_to_builtin(leaf):
        return False
    power = leaf.parent
    if len(power.children) > 2:  # range(9)[::2], range(3).index(1): xrange cannot do these on 2.7
        return True
    return not _in_iteration_context(power)


class _Impl(TreeFixer):
    _accept_type = token.NAME
    _accept_values = frozenset({"xrange", "range"})

    def match(self, node):
        if node.value == "xrange":
            return refers_to_builtin(node)
        if node.value == "range":
            return _range_needs_list(node)
        return False

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.imports = set()

    def transform(self, node, results):
        if node.value == "range":
            wrap_call(node, "list")
        elif moves_form(node, "range") == "plain":
            node.value = "range"
            node.changed()
            self.imports.add("plain")
        else:
            replace_name_with_dotted(node, "six.moves.range")
            self.imports.add("attr")

    def after_fix(self, tree):
        if "plain" in self.imports:
            add_from_import(tree, "six.moves", "range")
        if "attr" in self.imports:
            add_import(tree, "six")


class Xrange(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 22
    trigger = r"\bx?range\b"
    summary = "Replace xrange() with six.moves range(), keeping list-valued range() calls lists"
    explanation = (
        "`xrange` is gone in Python 3, where `range` is lazy: a `range(...)` whose result is used as "
        "a list (stored, sliced, concatenated, sorted, passed on) becomes `list(range(...))`, the list "
        "it was on 2.7. With `from six.moves import range` "
        "(xrange on 2.7, the builtin on 3) `xrange(n)` becomes `range(n)` with the same lazy object "
        "on both versions. The import also makes the module's existing `range(...)` calls lazy on "
        "2.7, with the same list() rule on both versions; calls that are only iterated (`for`, `in`, "
        "comprehensions, unpacking, `list()`, `sorted()`, `len()`, `zip()`, …) stay as they are. Where a local name `range` is in the way, `six.moves.range` is spelled "
        "out. A module that defines or imports its own `xrange` is left alone."
    )
    review_hint = (
        "The builtin `range` passed around without being called (`f = range`) becomes lazy on 2.7; "
        "check such uses."
    )
    risk = SAFE
    requires = ("six",)


FIXER = Xrange()
