"""A class with only `__cmp__` gets `__eq__`, `__ne__`, `__lt__` through it and `@functools.total_ordering`.

A rich comparison the class inherits from a base class of its own module answers before `__cmp__`
on 2.7 (polib's POEntry: `==` is its base's `__eq__`, its `__cmp__` never returns 0), so it is not
written over: an inherited `__eq__` or `__ne__` is left to answer, an inherited ordering leaves
the class alone, as its own would.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes
from workers.rewriting.protocols import parameter_groups
from workers.rewriting.scopes import PARAMETER, binding_statements, imported_from, imported_module, refers_to_builtin
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


def compared_operands(cmp_def):
    """(parameter names, a, b) when `__cmp__` only returns `cmp(a, b)` (or what cmp_builtin made of
    it, `((a > b) - (a < b))`); else None."""
    groups = parameter_groups(cmp_def)
    if len(groups) != 2 or any(len(group) != 1 or group[0].type != token.NAME for group in groups):
        return None
    statements = _statements(cmp_def.children[-1])
    if len(statements) != 1 or statements[0].children[0].type != syms.return_stmt:
        return None
    returned = statements[0].children[0].children
    operands = _cmp_operands(_unparenthesised(returned[1])) if len(returned) == 2 else None
    if operands is None or any("\n" in text or "#" in text for text in operands):
        return None
    return (groups[0][0].value, groups[1][0].value) + operands


def _statements(body):
    if body.type == syms.simple_stmt:
        return [body]
    return [child for child in body.children if child.type not in (token.NEWLINE, token.INDENT, token.DEDENT)]


def _unparenthesised(node):
    while node.type == syms.atom and node.children[0].type == token.LPAR and len(node.children) == 3:
        node = node.children[1]
    return node


def _cmp_operands(value):
    if value.type == syms.power and len(value.children) == 2 and refers_to_builtin(value.children[0]) and (
            value.children[0].value == "cmp"):
        args = value.children[1].children[1]
        items = [child for child in args.children if child.type != token.COMMA] if args.type == syms.arglist else []
        if len(items) == 2 and all(item.type != syms.argument for item in items):
            return str(items[0]).strip(), str(items[1]).strip()
        return None
    if value.type != syms.arith_expr or len(value.children) != 3 or value.children[1].value != "-":
        return None
    greater, less = (_unparenthesised(child) for child in value.children[::2])
    if greater.type != syms.comparison or less.type != syms.comparison:
        return None
    if [str(c).strip() for c in greater.children[1:]] != [">", str(less.children[2]).strip()] or (
            less.children[1].value != "<" or str(greater.children[0]).strip() != str(less.children[0]).strip()):
        return None
    return str(greater.children[0]).strip(), str(greater.children[2]).strip()


def _rich_method(name, operator, outer, unit, operands):
    if operands is None:
        return ["%sdef %s(self, other):\n" % (outer, name), "%s%sreturn self.__cmp__(other) %s 0\n" % (
            outer, unit, operator)]
    first, second, left, right = operands
    return ["%sdef %s(%s, %s):\n" % (outer, name, first, second), "%s%sreturn %s %s %s\n" % (
        outer, unit, left, operator, right)]


def inherited_rich(classdef):
    """The rich comparison methods the class inherits from base classes defined in its module."""
    found, seen = set(), set()
    stack = _module_bases(classdef)
    while stack:
        base = stack.pop()
        if id(base) not in seen:
            seen.add(id(base))
            found.update(name for name in RICH if classes.binds(base, name))
            stack.extend(_module_bases(base))
    return found


def _module_bases(classdef):
    """The class statements of the module that the class's plain-name bases are bound by only."""
    found = []
    for base in classes.bases(classdef) or ():
        if base.type != token.NAME:
            continue
        statements = binding_statements(base, base.value)
        if statements and all(stmt is not PARAMETER and stmt.type == syms.classdef for stmt in statements):
            found.extend(statements)
    return found


def _analyse(classdef):
    found = classes.methods(classdef)
    cmp_def = found.get("__cmp__")
    if cmp_def is None or classes.definitions_of(classdef, "__cmp__") != 1 or classes.bases(classdef) is None:
        return None
    inherited = inherited_rich(classdef)
    if any(classes.binds(classdef, name) or name in inherited for name in RICH[2:]):
        return None  # its own or a base's ordering: total_ordering would mix it with __cmp__'s
    parent = classdef.parent
    if parent.type == syms.decorated and "total_ordering" in str(parent.children[0]):
        return None
    decorator = total_ordering_for(classdef)
    if decorator is None:
        return None
    missing = [(name, operator) for name, operator in _METHODS
               if not classes.binds(classdef, name) and name not in inherited]
    add_hash = classes.new_style_object_only(classdef) and not classes.binds(classdef, "__hash__") and (
        not classes.binds(classdef, "__eq__"))
    return cmp_def, decorator, add_hash, missing


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
        cmp_def, (decorator, needs_import), add_hash, missing = _analyse(node)
        outer, unit = classes.body_indent(node)
        after = classes.last_line(cmp_def)
        class_line = classes.position(node.children[0])[0]
        new_lines = []
        operands = compared_operands(cmp_def)
        for name, operator in missing:
            new_lines += ["\n"] + _rich_method(name, operator, outer, unit, operands)
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
        "`__cmp__` (or, when `__cmp__` only returns `cmp(a, b)`, as `a == b`, `a != b` and `a < b`: "
        "the same answers, and `==` between unrelated types stays False on 3 instead of raising), "
        "and `@functools.total_ordering` (2.7 and 3) fills in `<=`, `>` and `>=`; "
        "`__cmp__` stays, so the results are the ones it always gave. Defining `__eq__` makes Python 3 "
        "set `__hash__` to None; a `class C(object)` was hashable by identity on 2.7, so it also gets "
        "`__hash__ = object.__hash__` (an old-style class with `__cmp__` was already unhashable). "
        "A class with its own `__eq__` or `__ne__` but no ordering method gets only the missing ones "
        "(2.7 asked `__cmp__` for those); one with its own `<`, `<=`, `>` or `>=` is left alone."
    )
    review_hint = (
        "Classes with other base classes are flagged in the notes: on 3 they become unhashable. "
        "`__cmp__` that raised for unrelated types now raises from `==` too, as it did on 2.7."
    )
    risk = NEEDS_REVIEW


FIXER = CmpDunder()
