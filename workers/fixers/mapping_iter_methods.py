"""A class with its own `iteritems` and no `items` → `def items(self): return self.iteritems()`
(the same for `itervalues` and `iterkeys`)."""
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import callable_with_self_only

_PLAIN = (("iteritems", "items"), ("itervalues", "values"), ("iterkeys", "keys"))
# dict(x) and d.update(x) read a mapping through x.keys() once it has one, and iterate x otherwise:
# a class that can be iterated keeps 2.7's behaviour only without a new keys()
_ITERATED_BY = ("__iter__", "__getitem__")


def _without_inherited_methods(classdef):
    """No base but object: nothing the class inherits answers items() already."""
    return classes.old_style(classdef) or classes.new_style_object_only(classdef)


def _missing(classdef):
    """[(iter method, its funcdef, plain name)] the class defines without the plain one."""
    own = classes.methods(classdef)
    found = []
    for iter_name, plain in _PLAIN:
        funcdef = own.get(iter_name)
        if funcdef is None or classes.is_decorated(funcdef) or not callable_with_self_only(funcdef):
            continue
        if classes.binds(classdef, plain) or classes.definitions_of(classdef, iter_name) != 1:
            continue
        if plain == "keys" and any(classes.binds(classdef, name) for name in _ITERATED_BY):
            continue
        found.append((iter_name, funcdef, plain))
    return found


def _method_lines(outer, unit, iter_name, plain):
    return ["\n", "%sdef %s(self):\n" % (outer, plain), "%s%sreturn self.%s()\n" % (outer, unit, iter_name)]


class _Impl(TreeFixer):
    _accept_type = syms.classdef

    def match(self, node):
        return _without_inherited_methods(node) and bool(_missing(node))

    def transform(self, node, results):
        outer, unit = classes.body_indent(node)
        missing = _missing(node)

        def edit(lines, first, indent):
            # bottom-up, so that the line numbers of the methods above stay right
            for iter_name, funcdef, plain in sorted(missing, key=lambda m: -classes.last_line(m[1])):
                lines = classes.insert_after(lines, first, classes.last_line(funcdef),
                                             _method_lines(outer, unit, iter_name, plain))
            return lines

        classes.rewrite_lines(node, edit)


class MappingIterMethods(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 19  # before dict_methods writes six.iteritems(x) for x.iteritems()
    trigger = r"\bdef\s+iter(?:items|values|keys)\b"
    summary = "Give classes with their own iteritems() an items() that six.iteritems() finds on Python 3"
    explanation = (
        "`x.iteritems()` becomes `six.iteritems(x)`, which calls `x.iteritems()` on 2.7 and "
        "`x.items()` on 3. A class of the package's own that defines `iteritems` but no `items` (a "
        "mapping-like object that is not a dict) then fails on Python 3 with AttributeError. The "
        "class gains `def items(self): return self.iteritems()` right after `iteritems` (likewise "
        "`values` for `itervalues`, and `keys` for `iterkeys` unless the class can be iterated, "
        "since dict(x) would then read it through keys()). It calls the method by name, so a subclass "
        "that overrides `iteritems` is followed. Only classes whose one base is object (or none) are "
        "changed: there nothing inherited answered `items()` on 2.7, which only gains a method."
    )
    review_hint = "items() now returns the iterator iteritems() returns, not a list or a view."
    risk = SAFE


FIXER = MappingIterMethods()
