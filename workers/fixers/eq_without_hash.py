"""`class C(object)` with `__eq__` and no `__hash__` → `__hash__ = object.__hash__` after `__eq__`."""
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.fixers.cmp_dunder import HASH_LINE


def _eq_def(classdef):
    """The `def __eq__` of a class that Python 3 would make unhashable, or None."""
    if classes.binds(classdef, "__hash__") or classes.definitions_of(classdef, "__eq__") != 1:
        return None
    return classes.methods(classdef).get("__eq__")


class _Impl(TreeFixer):
    _accept_type = syms.classdef

    def match(self, node):
        return _eq_def(node) is not None and classes.new_style_object_only(node)

    def transform(self, node, results):
        eq_def = _eq_def(node)
        outer, _ = classes.body_indent(node)
        after = classes.last_line(eq_def)
        new_lines = ["\n", "%s%s\n" % (outer, HASH_LINE)]
        classes.rewrite_lines(node, lambda lines, first, indent: classes.insert_after(lines, first, after, new_lines))


class EqWithoutHash(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 64
    trigger = r"\b__eq__\b"
    summary = "Keep classes that define __eq__ hashable on Python 3, as on 2.7"
    explanation = (
        "On Python 3 a class that defines `__eq__` without `__hash__` gets `__hash__ = None`: its "
        "instances can no longer be dict keys or set members. On 2.7 a `class C(object)` like that "
        "kept `object.__hash__`, hashing by identity. `__hash__ = object.__hash__`, added right after "
        "`__eq__`, says so explicitly and keeps exactly that behaviour on both versions. Old-style "
        "classes are left alone: they were already unhashable on 2.7."
    )
    review_hint = (
        "Identity hashing with value equality breaks the hash contract (equal objects, different "
        "hashes). If instances are never hashed, `__hash__ = None` states it; if equal ones should "
        "hash alike, write a real `__hash__`."
    )
    risk = NEEDS_REVIEW


FIXER = EqWithoutHash()
