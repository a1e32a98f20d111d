"""`for x in f.xreadlines():` → `for x in f:`; other `f.xreadlines()` → `iter(f)`; `f.xreadlines` → `f.__iter__`."""
from fissix.fixer_util import Call, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import (
    attr_trailer_name, builtin_is_shadowed, is_assignment_target, is_empty_call, own_attribute_names, power_from, root_of,
)


def _xreadlines_index(power):
    children = power.children
    for index in range(1, len(children)):
        if attr_trailer_name(children[index]) == "xreadlines":
            return index
    return None


def _is_loop_iterable(node):
    parent = node.parent
    if parent is None or parent.type not in (syms.for_stmt, syms.comp_for):
        return False
    children = parent.children
    position = children.index(node)
    return position > 0 and children[position - 1].type == token.NAME and children[position - 1].value == "in"


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        index = _xreadlines_index(node)
        if index is None or "xreadlines" in own_attribute_names(root_of(node)) or is_assignment_target(node):
            return False
        children = node.children
        called = index + 1 < len(children) and is_empty_call(children[index + 1])
        if called:
            if index + 2 == len(children) and _is_loop_iterable(node):
                return {"index": index, "form": "loop"}
            if builtin_is_shadowed(node, "iter"):
                return False
            return {"index": index, "form": "iter"}
        if index + 1 < len(children) and children[index + 1].children[0].type == token.LPAR:
            return False  # xreadlines(arguments): not the file method
        return {"index": index, "form": "attribute"}

    def transform(self, node, results):
        index, form = results["index"], results["form"]
        children = node.children
        if form == "loop":
            return power_from(children[:index], prefix=node.prefix)
        if form == "iter":
            base = power_from(children[:index])
            return power_from([Call(Name("iter"), [base])] + children[index + 2:], prefix=node.prefix)
        clone = [child.clone() for child in children]
        leaf = clone[index].children[1]
        leaf.replace(Name("__iter__", prefix=leaf.prefix))
        return power_from(clone, prefix=node.prefix)


class Xreadlines(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 14
    trigger = r"\.[\s\\]*xreadlines\b"
    summary = "Iterate over files directly instead of f.xreadlines()"
    explanation = (
        "`file.xreadlines()` is gone on Python 3; on 2.7 it only returns the file itself, which is "
        "its own line iterator. `for line in f.xreadlines():` becomes `for line in f:`, other calls "
        "become `iter(f)` (the same object on 2.7, and the line iterator on 3), and a bare "
        "`f.xreadlines` becomes `f.__iter__`."
    )
    review_hint = "An object of another kind with its own xreadlines() must be iterable for this to hold."
    risk = SAFE


FIXER = Xreadlines()
