"""A class with only `__cmp__` gets `__eq__`, `__ne__`, `__lt__` through it and `@functools.total_ordering`."""
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes
from workers.rewriting.scopes import PARAMETER, binding_statements, imported_from, imported_module
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import

RICH = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__")
HASH_LINE = "__hash__ = object.__hash__"
_METHODS = (("__eq__", "=="), ("__ne__", "!="), ("__lt__", "<"))


def total_ordering_for(classdef):
    """(decorator text, whether `import functools` is needed), or None when neither can be used."""
    bound = binding_statements(classdef, "total_ordering")
    if bound is not None:
        if all(stmt is not PARAMETER and imported_from(stmt, "total_ordering") == ("functools", "total_ordering")
               for stmt in bound):
            return "total_ordering", False
        return None
    bound = binding_statements(classdef, "functools")
    if bound is None:
        return "functools.total_ordering", True
    if all(stmt is not PARAMETER and imported_module(stmt, "functools") == "functools" for stmt in bound):
        return "functools.total_ordering", False
    return None


def hash_note(classdef):
    """The reviewer's note for a class that gains `__eq__` but whose hashing can't be restored here."""
    if classes.binds(classdef, "__hash__") or classes.old_style(classdef) or classes.new_style_object_only(classdef):
        return ""
    return ("has base classes and no __hash__: on Python 3 defining __eq__ makes its instances unhashable "
            "(on 2.7 they hashed like the base class); add `__hash__ = <Base>.__hash__` if they are hashed")


def _analyse(classdef):
    found = classes.methods(classdef)
    cmp_def = found.get("__cmp__")
    if cmp_def is None or classes.definitions_of(classdef, "__cmp__") != 1 or classes.bases(classdef) is None:
        return None
    if any(classes.binds(classdef, name) for name in RICH):
        return None
    parent = classdef.parent
    if parent.type == syms.decorated and "total_ordering" in str(parent.children[0]):
        return None
    decorator = total_ordering_for(classdef)
    if decorator is None:
        return None
    add_hash = classes.new_style_object_only(classdef) and not classes.binds(classdef, "__hash__")
    return cmp_def, decorator, add_hash


class _Impl(TreeFixer):
    _accept_type = syms.classdef

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_import = False

    def match(self, node):
        return _analyse(node) is not None

    def note(self, node):
        return hash_note(node)

    def transform(self, node, results):
        cmp_def, (decorator, needs_import), add_hash = _analyse(node)
        outer, unit = classes.body_indent(node)
        after = classes.last_line(cmp_def)
        class_line = classes.position(node.children[0])[0]
        new_lines = []
        for name, operator in _METHODS:
            new_lines += [
                "\n",
                "%sdef %s(self, other):\n" % (outer, name),
                "%s%sreturn self.__cmp__(other) %s 0\n" % (outer, unit, operator),
            ]
        if add_hash:
            new_lines += ["\n", "%s%s\n" % (outer, HASH_LINE)]

        def edit(lines, first, indent):
            lines = classes.insert_after(lines, first, after, new_lines)
            return classes.insert_decorator(lines, first, class_line, indent, decorator)

        classes.rewrite_lines(node, edit)
        self.needs_import = self.needs_import or needs_import

    def after_fix(self, tree):
        if self.needs_import:
            add_import(tree, "functools")


class CmpDunder(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 62
    trigger = r"\bdef\s+__cmp__\b"
    summary = "Give classes with __cmp__ rich comparisons and @functools.total_ordering"
    explanation = (
        "Python 3 ignores `__cmp__`: `==` falls back to identity and `<` raises TypeError. A class "
        "that defines only `__cmp__` gets `__eq__`, `__ne__` and `__lt__` written in terms of its own "
        "`__cmp__`, and `@functools.total_ordering` (2.7 and 3) fills in `<=`, `>` and `>=`; "
        "`__cmp__` stays, so the results are the ones it always gave. Defining `__eq__` makes Python 3 "
        "set `__hash__` to None; a `class C(object)` was hashable by identity on 2.7, so it also gets "
        "`__hash__ = object.__hash__` (an old-style class with `__cmp__` was already unhashable)."
    )
    review_hint = (
        "Classes with other base classes are flagged in the notes: on 3 they become unhashable. "
        "`__cmp__` that raised for unrelated types now raises from `==` too, as it did on 2.7."
    )
    risk = NEEDS_REVIEW


FIXER = CmpDunder()
