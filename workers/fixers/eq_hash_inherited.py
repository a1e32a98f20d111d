"""Report classes with base classes that define `__eq__` without `__hash__` (unhashable on 3)."""
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer


class _Impl(TreeFixer):
    _accept_type = syms.classdef

    def match(self, node):
        if not classes.binds(node, "__eq__") or classes.binds(node, "__hash__"):
            return False
        return not classes.old_style(node) and not classes.new_style_object_only(node)

    def note(self, node):
        return ("defines __eq__ without __hash__: on Python 3 its instances are unhashable (on 2.7 they "
                "used the base class's __hash__); add `__hash__ = <Base>.__hash__` if they are hashed")


class EqHashInherited(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 65
    reports_only = True
    trigger = r"\b__eq__\b"
    summary = "Report subclasses that define __eq__ without __hash__"
    explanation = (
        "Python 3 sets `__hash__ = None` on a class that defines `__eq__` but not `__hash__`, whatever "
        "its base classes define; on 2.7 the class kept its base's `__hash__`. Which hash a subclass "
        "should have (the base's, or none) depends on how its instances are used, so these are listed "
        "for a person to decide rather than rewritten."
    )
    review_hint = "Look for instances used as dict keys or in sets; `__hash__ = Base.__hash__` restores 2.7's behaviour."
    risk = NEEDS_REVIEW


FIXER = EqHashInherited()
