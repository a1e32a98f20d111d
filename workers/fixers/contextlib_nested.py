"""`with nested(a, b) as (x, y):` / `with contextlib.nested(a, b) as (x, y):` → `with a as x, b as y:`.

contextlib.nested is gone on Python 3; the multi-item `with` does the same on 2.7 and 3 (and
closes `a` when building `b` fails, which nested did not). One difference is left for the
reviewer, as a note: nested built every manager before entering the first, the `with` statement
builds `b` after entering `a`, which matters only when building `b` has side effects (a call).
`from contextlib import nested` loses the name once nothing else uses it. Where other uses
(`nested(*managers)`, `as both`) remain, a module-level `from contextlib import nested` becomes a
fallback import: contextlib's own nested on 2.7, and on Python 3 a nested() built on ExitStack,
which enters the managers in order, yields the list of their values and exits them in reverse.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms
from fissix.pytree import Leaf, Node

from workers.rewriting import parsing
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.imports import drop_from_import_name
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.module_imports import in_import_fallback
from workers.rewriting.scopes import from_import_items, in_import, root_of
from workers.rewriting.star_exports import star_exported
from workers.rewriting.typerefs import from_import_origin, refers_to_module


def _means_contextlib_nested(head):
    """`nested` imported from contextlib, or `contextlib` the module (its `.nested` follows)."""
    if head.value == "nested":
        return from_import_origin(head, "contextlib") == "nested"
    return refers_to_module(head, "contextlib")


def _managers(call):
    """The managers a `nested(...)` call trailer passes, or None for `*managers`, keywords or
    comments among them."""
    items = argument_nodes(call)
    for item in items:
        if item.type == syms.argument or item.type in (token.STAR, token.DOUBLESTAR) or (
                item.type == syms.star_expr):
            return None  # nested(*managers), keyword arguments
        if any(leaf.type == token.COMMENT or "#" in leaf.prefix for leaf in item.leaves()):
            return None
    return items


def _targets(target, count):
    """The `count` targets of `as (x, y)`, or None."""
    if target.type == syms.atom and target.children[0].type in (token.LPAR, token.LSQB) and len(target.children) == 3:
        inner = target.children[1]
        parts = [c for c in inner.children if c.type != token.COMMA] if inner.type in (
            syms.testlist_gexp, syms.listmaker) else [inner]
        if inner.type in (syms.testlist_gexp, syms.listmaker) and any(
                c.type == syms.comp_for for c in inner.children):
            return None
        return parts if len(parts) == count else None
    if target.type in (syms.exprlist, syms.testlist_star_expr, syms.testlist):
        parts = [c for c in target.children if c.type != token.COMMA]
        return parts if len(parts) == count else None
    return None


def plan(results):
    """(managers, targets) of a matched `with nested(...) [as (...)]` it can split, else None."""
    if not _means_contextlib_nested(results["head"]):
        return None
    items = _managers(results["call"])
    if not items:
        return None
    target = results.get("target")
    targets = _targets(target, len(items)) if target is not None else [None] * len(items)
    if targets is None:
        return None
    return items, targets


def _has_side_effects(expr):
    return any(n.type == syms.trailer and n.children[0].type == token.LPAR for n in expr.pre_order()) or any(
        n.type in (syms.lambdef, syms.yield_expr) for n in expr.pre_order())


_NESTED_CALL = """(
    power< head='nested' call=trailer< '(' any ')' > >
    |
    power< head='contextlib' trailer< '.' 'nested' > call=trailer< '(' any ')' > >
)"""


_FALLBACK = """try:
    from contextlib import nested
except ImportError:  # Python 3
    import contextlib as _contextlib

    @_contextlib.contextmanager
    def nested(*managers):
        with _contextlib.ExitStack() as stack:
            yield [stack.enter_context(manager) for manager in managers]
"""


def _nested_import(node):
    """Whether `node` is a module-level one-statement line `from contextlib import …, nested, …`."""
    line = node.parent
    return (line is not None and line.type == syms.simple_stmt and len(line.children) == 2
            and line.parent is not None and line.parent.type == syms.file_input and not in_import_fallback(node)
            and any(leaf.value == "nested" and alias is None for leaf, alias in from_import_items(node)))


def _uses_left(tree, with_sites):
    """Uses of `nested` that no `with` this fixer splits accounts for."""
    converted = {id(site.children[1]) for site in with_sites}
    uses = [leaf for leaf in tree.leaves() if leaf.type == token.NAME and leaf.value == "nested" and not in_import(leaf)]
    return [leaf for leaf in uses if not _within(leaf, converted)]


def _within(leaf, node_ids):
    node = leaf
    while node is not None:
        if id(node) in node_ids:
            return True
        node = node.parent
    return False


class _Impl(TreeFixer):
    PATTERN = ("with_stmt< 'with' (with_item< %s 'as' target=any > | %s) ':' any > | import_from< 'from' 'contextlib' any* >"
               % (_NESTED_CALL, _NESTED_CALL))

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.fallbacks = []

    def match(self, node):
        results = super().match(node)
        if results and node.type == syms.import_from:
            return {"fallback": True} if self._needs_fallback(node) else False
        found = plan(results) if results else None
        return dict(results, items=found[0], targets=found[1]) if found else False

    def _needs_fallback(self, node):
        if not _nested_import(node):
            return False
        tree = root_of(node)
        with_sites = [n for n in tree.pre_order() if n.type == syms.with_stmt and self.match(n)]
        return bool(_uses_left(tree, with_sites))

    def note(self, node):
        if node.type == syms.import_from:
            return ("nested() stays contextlib.nested on 2.7; on Python 3 it is defined here on contextlib.ExitStack "
                    "(same order of entering and exiting)")
        if any(_has_side_effects(item) for item in self.match(node)["items"][1:]):
            return ("nested() built every manager before entering the first; `with a, b` builds b after "
                    "entering a: check that building the later managers has no effect that depends on it")
        return ""

    def transform(self, node, results):
        if results.get("fallback"):
            self.fallbacks.append(node.parent)  # after the with statements are split
            return
        parts = []
        for index, (item, target) in enumerate(zip(results["items"], results["targets"])):
            if index:
                parts.append(Leaf(token.COMMA, ","))
            expr = item.clone()
            expr.prefix = " "
            if "\n" in item.prefix:
                expr.prefix = " \\" + item.prefix  # keep the line break (with items cannot be bracketed on 2.7)
            if target is None:
                parts.append(expr)
            else:
                name = target.clone()
                name.prefix = " "
                parts.append(Node(syms.with_item, [expr, Leaf(token.NAME, "as", prefix=" "), name]))
        old = node.children[1]
        for part in reversed(parts):
            node.insert_child(1, part)
        old.remove()

    def after_fix(self, tree):
        for line in self.fallbacks:
            _add_fallback(line)
        if self.fallbacks or any(
                leaf.type == token.NAME and leaf.value == "nested" and not in_import(leaf) for leaf in tree.leaves()):
            return
        if star_exported(tree, "nested"):
            return  # another module may read `nested` from this one through `import *`
        for stmt in list(tree.pre_order()):
            if stmt.type == syms.import_from and str(stmt.children[1]).strip() == "contextlib":
                drop_from_import_name(stmt, "nested")


def _add_fallback(line):
    """Move `nested` out of the import line into the fallback block that follows it."""
    fallback = parsing.parse(_FALLBACK).children[0]
    fallback.remove()
    if len(from_import_items(line.children[0])) == 1:
        fallback.prefix = line.prefix
        line.replace(fallback)
        return
    drop_from_import_name(line.children[0], "nested")
    parent, index = line.parent, line.parent.children.index(line)
    parent.insert_child(index + 1, fallback)


class ContextlibNested(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 66
    trigger = r"\bnested\b"
    summary = "Replace with contextlib.nested(a, b) as (x, y) with with a as x, b as y"
    explanation = (
        "`contextlib.nested` is gone on Python 3. `with nested(a, b) as (x, y):` becomes "
        "`with a as x, b as y:`, which 2.7 and 3 both run: the managers are entered in the same "
        "order and exited in reverse, and the targets get the same values. The statement also "
        "closes `a` when building `b` fails, which nested did not. `from contextlib import nested` "
        "loses the name once nothing else uses it. Where `nested(*managers)` or `as both` remain, the "
        "import becomes a fallback: contextlib.nested on 2.7, and on Python 3 a nested() built on "
        "contextlib.ExitStack (managers entered in order, their values yielded as a list, exits in reverse)."
    )
    review_hint = ("nested() built every manager before entering the first; the with statement builds each "
                   "after entering the previous one. Sites where a later manager is built by a call carry a note.")
    risk = NEEDS_REVIEW


FIXER = ContextlibNested()
