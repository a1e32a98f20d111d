"""`class M(UserDict.DictMixin)` → `class M(MutableMapping)`, imported the 2+3 way, with the
`__iter__`, `__len__` and `__repr__` DictMixin derived from `keys()` when the class lacks them.

DictMixin (gone on Python 3) builds a whole dict interface from `__getitem__`, `__setitem__`,
`__delitem__` and `keys()`; MutableMapping (collections on 2.7, collections.abc on 3) builds the
same from `__getitem__`, `__setitem__`, `__delitem__`, `__iter__` and `__len__`. A class whose
one base is DictMixin must define `keys()`, `__setitem__` and `__delitem__` itself; in
`class C(DictMixin, dict)` they came from dict, so C gets `keys = dict.keys` and the like for those
it lacks (MutableMapping, ahead of dict, would otherwise shadow them with abstract or derived ones).
The import is rewritten only when every use of it is such a class, or an explicit call such as
`DictMixin.update(self, …)` inside one, which becomes `MutableMapping.update(self, …)` (the same
method on both); the import then goes. An import the module itself never uses, or whose name other
modules get through `import *` (WebHelpers 1.3's webhelpers.util lists DictMixin in __all__, and
html.builder imports it unused), stays on 2.7 inside a try whose `except ImportError` binds the name
to MutableMapping on 3: importing the module no longer fails there.
`class C(object, DictMixin)` (web.py 0.37's TemplateResult) becomes `class C(MutableMapping)`: on 3
object ahead of an ABC has no consistent MRO. On 2.7 object's `__repr__` came first, so the class
gets no derived one.
"""
from fissix.fixer_util import Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting import classes
from workers.rewriting import module_exports
from workers.rewriting import module_imports as mi
from workers.rewriting.scopes import binding_statements, refers_to_builtin, root_of
from workers.rewriting.imports import add_after_imports
from workers.rewriting.parsing import compound_statement
from workers.rewriting.star_exports import star_exported

FALLBACK = ("try:\n    from collections.abc import {names}\n"
            "except ImportError:  # Python 2.7\n    from collections import {names}\n")
KEPT = ("try:\n    {statement}\nexcept ImportError:  # Python 3 has no DictMixin; MutableMapping is the nearest\n"
        "    from collections.abc import MutableMapping as {name}\n")
# methods DictMixin and MutableMapping both define with the same meaning: a class calling
# `DictMixin.update(self, …)` explicitly calls MutableMapping's
_SHARED_METHODS = frozenset({"update", "setdefault", "pop", "popitem", "clear", "get", "__contains__"})
_DERIVED = [
    ("__iter__", ["def __iter__(self):", "    return iter(self.keys())"]),
    ("__len__", ["def __len__(self):", "    return len(self.keys())"]),
    ("__repr__", ["def __repr__(self):", "    return repr(dict(self.items()))"]),
]


# What `class C(DictMixin, dict)` took from dict: MutableMapping defines them too (abstract, derived
# from __iter__, or comparing items) and comes before dict.
_FROM_DICT = ("__getitem__", "__setitem__", "__delitem__", "keys", "__eq__")
_ABCS = ("Mapping", "MutableMapping")


def _import_of(node):
    """(import statement, bound name) for `import UserDict [as x]` / `from UserDict import DictMixin [as x]`
    with that one item, at module level."""
    if node.type == syms.import_name:
        items = mi.import_items(node)
        if len(items) == 1 and items[0][1] == "UserDict":
            return items[0][2] or "UserDict", False
    elif node.type == syms.import_from and not mi.is_relative_from(node):
        module, pairs = mi.from_import_parts(node)
        if module == "UserDict" and pairs and len(pairs) == 1 and pairs[0][0] == "DictMixin":
            return pairs[0][1] or "DictMixin", True
    return None


def _class_ok(classdef):
    methods = classes.methods(classdef)
    body = classes.suite_statements(classdef)
    return bool(body) and all(name in methods for name in ("keys", "__getitem__")) and (
        _read_only(classdef) or all(name in methods for name in ("__setitem__", "__delitem__")))


def _read_only(classdef):
    """Neither `__setitem__` nor `__delitem__` (pytz's _LazyDict): a Mapping, not a MutableMapping."""
    return not classes.binds(classdef, "__setitem__") and not classes.binds(classdef, "__delitem__")


def _abc_for(classdef):
    return "Mapping" if not _with_dict(classdef) and _read_only(classdef) else "MutableMapping"


def _with_dict(classdef):
    """`class C(DictMixin, dict)`, dict the builtin."""
    bases = classes.bases(classdef)
    return len(bases) == 2 and bases[1].type == token.NAME and bases[1].value == "dict" and (
        refers_to_builtin(bases[1]))


def _object_first(classdef):
    """`class C(object, DictMixin)`, object the builtin."""
    bases = classes.bases(classdef)
    return bool(bases) and len(bases) == 2 and bases[0].type == token.NAME and bases[0].value == "object" and (
        refers_to_builtin(bases[0]))


def _mixin_base(classdef):
    """The base expression that names DictMixin: the first, or the second after object."""
    bases = classes.bases(classdef)
    if not bases:
        return None
    return bases[1] if _object_first(classdef) else bases[0]


def _class_of_use(leaf, from_import):
    """The classdef whose only base (or first, before dict) is this use of DictMixin, or None."""
    base = leaf
    if not from_import:
        power, trailer = mi.attribute_of(leaf)
        if power is None or len(power.children) != 2 or trailer.children[1].value != "DictMixin":
            return None
        base = power
    classdef = base.parent
    if classdef is not None and classdef.type == syms.arglist:
        classdef = classdef.parent
    if classdef is None or classdef.type != syms.classdef:
        return None
    bases = classes.bases(classdef)
    if not bases or _mixin_base(classdef) is not base or classes.binds(classdef, "__metaclass__"):
        return None
    if len(bases) == 1 or _object_first(classdef):
        return classdef if _class_ok(classdef) else None
    return classdef if _with_dict(classdef) else None


def _exported(tree, name):
    """Another module may read the name from this one: through `import *`, or as __all__ lists it."""
    if star_exported(tree, name):
        return True
    declared = module_exports.exports_of(tree) if module_exports.declares_all(tree) else None
    return declared is not None and name in declared


def _import_plan(node):
    """(the classes to rewrite, whether the import's name stays bound) for an import all of whose
    uses are rewritable DictMixin bases, or that the module never uses; else None."""
    found = _import_of(node)
    tree = root_of(node)
    if found is None or tree.type != syms.file_input or mi.in_import_fallback(node):
        return None
    stmt = node.parent
    if stmt is None or stmt.parent is not tree or len(stmt.children) != 2:
        return None
    name, from_import = found
    exported = _exported(tree, name)
    if exported and not from_import:
        return None
    uses = mi.uses_of(tree, node, name, mi.Bindings())
    if not uses:
        return ([], True) if from_import else None  # other modules may import the name from this one
    if any(binding_statements(tree.children[0] if tree.children else tree, abc) for abc in _ABCS):
        return None  # the name is taken
    calls = [use for use in uses if from_import and _method_call(use)]
    targets = [_class_of_use(use, from_import) for use in uses if not any(use is call for call in calls)]
    if not targets or not all(targets):
        return None
    if not all(any(_enclosing_class(use) is target and _abc_for(target) == "MutableMapping" for target in targets)
               for use in calls):
        return None  # Mapping lacks DictMixin's update, pop, setdefault …
    return targets, exported


def _method_call(leaf):
    """`DictMixin.update(self, …)`-style: a method MutableMapping has with DictMixin's meaning."""
    power = leaf.parent
    if power is None or power.type != syms.power or power.children[0] is not leaf or len(power.children) < 3:
        return False
    attribute, call = power.children[1], power.children[2]
    return (attribute.type == syms.trailer and attribute.children[0].type == token.DOT
            and attribute.children[1].value in _SHARED_METHODS and call.type == syms.trailer
            and call.children[0].type == token.LPAR)


def _enclosing_class(node):
    while node is not None and node.type != syms.classdef:
        node = node.parent
    return node


def _rename_method_calls(classdef, name):
    for leaf in classdef.leaves():
        if leaf.type == token.NAME and leaf.value == name and _method_call(leaf):
            leaf.value = "MutableMapping"


def _base_use(classdef):
    base = _mixin_base(classdef)
    if base is None:
        return None
    return base.children[0] if base.type == syms.power else base


def _class_import(classdef):
    """The import statement that binds this class's DictMixin base, when the whole import is rewritten."""
    leaf = _base_use(classdef)
    if leaf is None or leaf.type != token.NAME:
        return None
    stmts = binding_statements(leaf, leaf.value)
    if not stmts or len(stmts) != 1 or stmts[0] == "parameter":
        return None
    stmt = stmts[0]
    plan = _import_plan(stmt)
    return stmt if plan and any(target is classdef for target in plan[0]) else None


class _Impl(TreeFixer):
    _accept_type = {syms.classdef, syms.import_name, syms.import_from}

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.used = set()
        self.imports = []

    def match(self, node):
        if node.type == syms.classdef:
            return _class_import(node) is not None
        return _import_plan(node) is not None

    def note(self, node):
        if node.type == syms.classdef and _with_dict(node):
            return "the class gets ABCMeta as its metaclass: check subclasses that set their own metaclass"
        if node.type == syms.classdef and _abc_for(node) == "Mapping":
            return ("class becomes new-style, and read-only: DictMixin's update, pop, setdefault, popitem "
                    "and clear, which needed __setitem__/__delitem__, are gone (AttributeError as before, "
                    "but also where they did nothing): check callers")
        if node.type == syms.classdef:
            return ("DictMixin subclasses were old-style classes on 2.7; MutableMapping makes this one "
                    "new-style (and abstract-base checked): check properties, __slots__ and type(x) checks")
        return ""

    def transform(self, node, results):
        if node.type != syms.classdef:
            self.imports.append((node.parent, _import_plan(node)[1]))  # handled once its classes are rewritten
            return
        abc = _abc_for(node)
        self.used.add(abc)
        object_first = _object_first(node)
        base = _mixin_base(node)
        if base.type == token.NAME:
            _rename_method_calls(node, base.value)
        if object_first:
            base = base.parent  # the whole `object, DictMixin` list
        base.replace(Name(abc, prefix=base.prefix))
        methods = classes.methods(node)
        derived = [(name, lines) for name, lines in _DERIVED if not (object_first and name == "__repr__")]
        missing = [lines for name, lines in derived if name not in methods and not classes.binds(node, name)]
        if _with_dict(node):
            missing.insert(0, _dict_assignments(node))
        if not missing:
            return
        outer, unit = classes.body_indent(node)
        after = classes.last_line(classes.suite_statements(node)[-1])
        new_lines = []
        for lines in missing:
            new_lines.append("\n")
            new_lines += [outer + line.replace("    ", unit, 1) + "\n" for line in lines]
        classes.rewrite_lines(node, lambda lines, first, indent: classes.insert_after(lines, first, after, new_lines))

    def after_fix(self, tree):
        for stmt, kept in self.imports:
            if kept:
                _keep_bound(stmt)
                continue
            following = stmt.next_sibling
            if following is not None:
                following.prefix = stmt.prefix + following.prefix
            stmt.remove()
        if self.used:
            add_after_imports(tree, FALLBACK.format(names=", ".join(sorted(self.used))))


def _keep_bound(stmt):
    """The import inside a try whose fallback binds its name to MutableMapping on Python 3."""
    name = _import_of(stmt.children[0])[0]
    text = KEPT.format(statement=str(stmt).strip(), name=name)
    stmt.replace(compound_statement(text, "", stmt.prefix))


def _dict_assignments(classdef):
    lines = ["%s = dict.%s" % (name, name) for name in _FROM_DICT if not classes.binds(classdef, name)]
    return ["# as under DictMixin, dict's own, not MutableMapping's"] + lines


class DictMixinBase(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 67
    trigger = r"\bDictMixin\b"
    summary = "Replace UserDict.DictMixin bases with MutableMapping, deriving __iter__/__len__ from keys()"
    explanation = (
        "`UserDict.DictMixin` is gone on Python 3. `collections.MutableMapping` (2.7; "
        "`collections.abc` on 3) gives the same dict interface (get, setdefault, pop, update, "
        "items, values, `in`, `==` with dicts), built on `__iter__` and `__len__` where DictMixin "
        "used `keys()`: the class gets `__iter__` and `__len__` returning `iter(self.keys())` and "
        "`len(self.keys())`, and DictMixin's dict-like `__repr__`, when it lacks them. "
        "A class without `__setitem__` and `__delitem__` (read-only) gets `Mapping` instead: DictMixin's "
        "mutators only failed there (AttributeError on 2.7's old-style instance), and now are absent. "
        "MutableMapping is imported by `try: from collections.abc import MutableMapping` / "
        "`except ImportError: from collections import MutableMapping` (Mapping alike)."
    )
    review_hint = ("The class becomes new-style on 2.7; ordering comparisons (<) with dicts, which DictMixin's "
                   "__cmp__ allowed, raise TypeError on 3.")
    risk = NEEDS_REVIEW


FIXER = DictMixinBase()
