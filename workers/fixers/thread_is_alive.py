"""`thread.isAlive()` → `thread.is_alive()` in modules that use threading.

Python 3.9 removed Thread.isAlive(), 2.6's alias of is_alive(), which 2.7 and 3 both have. IPy's
test suite called `it.isAlive()` on its threading.Thread subclass. Only in a module importing
threading that defines no isAlive of its own, and only for the call with no arguments.
"""
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, is_empty_call
from workers.rewriting.scopes import root_of


def _imports_threading(tree):
    for node in tree.pre_order():
        if node.type in (syms.import_name, syms.import_from):
            words = str(node).replace(",", " ").split()
            if "threading" in words:
                return True
    return False


def _defines_is_alive(tree):
    """A def, class attribute or any other binding of isAlive in the module."""
    for leaf in tree.leaves():
        parent = leaf.parent
        if leaf.value == "isAlive" and (parent.type == syms.funcdef or
                                        parent.type == syms.expr_stmt and parent.children[0] is leaf):
            return True
    return False


class _Impl(TreeFixer):
    _accept_type = syms.trailer

    def match(self, node):
        following = node.next_sibling
        if attr_trailer_name(node) != "isAlive" or following is None or not is_empty_call(following):
            return False
        tree = root_of(node)
        return _imports_threading(tree) and not _defines_is_alive(tree)

    def transform(self, node, results):
        name = node.children[1]
        name.value = "is_alive"
        name.changed()


class ThreadIsAlive(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 76
    trigger = r"\.isAlive\s*\(\s*\)"
    summary = "Replace Thread.isAlive() with is_alive()"
    explanation = (
        "Python 3.9 removed Thread.isAlive(). `thread.isAlive()` becomes `thread.is_alive()`, the same "
        "method on 2.7 (isAlive was its alias) and the only one on 3, in modules that import "
        "threading and define no isAlive of their own."
    )
    review_hint = ("An object of another class with a method called isAlive (not a Thread) would now need "
                   "an is_alive method: check what the call is made on.")
    risk = NEEDS_REVIEW


FIXER = ThreadIsAlive()
