"""`it.next()` → `next(it)`; iterator classes' `def next(self)` → `def __next__(self)` + `next = __next__`."""
from fissix.fixer_util import Call, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import (
    attr_trailer_name, builtin_is_shadowed, class_binds, imported_names, insert_alias_after_method, is_empty_call, is_name,
    method_named, power_from, root_of,
)


def _excluded_receiver(base, tree):
    """`super(C, self).next()` is the parent class's method, not an iterator; `mod.next()` on an
    imported module is that module's function."""
    if len(base) == 2 and is_name(base[0], "super") and base[1].children[0].type == token.LPAR:
        return True
    return len(base) == 1 and base[0].type == token.NAME and base[0].value in imported_names(tree)


def _next_calls(children, tree):
    """Indexes i where children[i] is `.next` and children[i + 1] is `()`, receiver not excluded."""
    return [
        index for index in range(1, len(children) - 1)
        if attr_trailer_name(children[index]) == "next" and is_empty_call(children[index + 1])
        and not _excluded_receiver(children[:index], tree)
    ]


def _rewrite(children, tree):
    """`a.b.next().c` → `next(a.b).c`, repeatedly, left to right."""
    nodes = [child.clone() for child in children]
    while True:
        calls = _next_calls(nodes, tree)
        if not calls:
            return nodes
        index = calls[0]
        base = power_from(nodes[:index])
        nodes = [Call(Name("next"), [base])] + nodes[index + 2:]


class _Impl(TreeFixer):
    _accept_type = {syms.power, token.NAME}

    def match(self, node):
        if node.type == token.NAME:
            # The method's name: the site is the `def` line.
            funcdef = node.parent
            if node.value != "next" or funcdef.type != syms.funcdef or node is not funcdef.children[1]:
                return False
            classdef = method_named(funcdef, "next")
            if classdef is None or class_binds(classdef, "__next__"):
                return False
            return {"method": funcdef}
        if not _next_calls(node.children, root_of(node)) or builtin_is_shadowed(node, "next"):
            return False
        return {"call": node}

    def transform(self, node, results):
        if "method" in results:
            node.replace(Name("__next__", prefix=node.prefix))
            insert_alias_after_method(results["method"], "next", "__next__")
            return None
        nodes = _rewrite(node.children, root_of(node))
        new = power_from(nodes, prefix=node.prefix) if len(nodes) > 1 else nodes[0]
        new.prefix = node.prefix
        return new


class NextMethod(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 24
    trigger = r"\.[\s\\]*next\b|\bdef\s+next\b"
    summary = "Use next(it) and give iterator classes __next__ (keeping next as an alias)"
    explanation = (
        "Python 3 renamed the iterator method `next()` to `__next__()`. Calls `it.next()` become the "
        "builtin `next(it)`, which exists on 2.6+ and calls the class's `next` on 2.7 and its "
        "`__next__` on 3. A method `def next(self)` in a class becomes `def __next__(self)` followed by "
        "`next = __next__` in the class body, so 2.7 (and code calling `obj.next()` explicitly) still "
        "finds `next`. Never renamed without the alias, which would break 2.7. A module or function "
        "that defines its own `next` keeps its calls as they are; `super(...).next()` and calls on an "
        "imported module are left alone; a `next` that needs arguments besides self, or is "
        "decorated, is not the iterator method and is left alone."
    )
    review_hint = (
        "`next(obj)` needs `next` defined on obj's class: an object that only gets `next` through "
        "`__getattr__` or as an instance attribute worked with `obj.next()` but not with `next(obj)`. "
        "Classes that assign `next = something` instead of defining it need a `__next__` by hand."
    )
    risk = SAFE


FIXER = NextMethod()
