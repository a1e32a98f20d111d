"""An old-style class with `__getattr__` and no `__call__` gets, on Python 3 only, a `__call__`
that asks `__getattr__`, as calling its instances did on 2.7."""
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer


def _getattr_def(classdef):
    """The `def __getattr__` of an old-style class that does not bind `__call__`, or None."""
    if not classes.old_style(classdef) or classes.binds(classdef, "__call__") \
            or classes.definitions_of(classdef, "__getattr__") != 1:
        return None
    return classes.methods(classdef).get("__getattr__")


class _Impl(TreeFixer):
    _accept_type = syms.classdef

    def match(self, node):
        return _getattr_def(node) is not None

    def transform(self, node, results):
        outer, unit = classes.body_indent(node)
        after = classes.last_line(_getattr_def(node))
        new_lines = ["\n",
                     "%sif six.PY3:  # 2.7 looked __call__ up through __getattr__ on old-style instances\n" % outer,
                     "%s%sdef __call__(self, *args, **kwargs):\n" % (outer, unit),
                     "%s%s%sreturn self.__getattr__(\"__call__\")(*args, **kwargs)\n" % (outer, unit, unit)]
        classes.rewrite_lines(node, lambda lines, first, indent: classes.insert_after(lines, first, after, new_lines))
        self.needs_six = True


class OldStyleGetattrCall(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 66
    trigger = r"\b__getattr__\b"
    summary = "Let instances of an old-style class with __getattr__ be called on Python 3"
    explanation = (
        "Calling an instance of an old-style class looked `__call__` up on the instance, so a "
        "`__getattr__` could supply it (mock objects do: `MockAnything()(…)`). Python 3 looks special "
        "methods up on the type only, and the call fails with `object is not callable`. A class "
        "without bases that defines `__getattr__` and no `__call__` gets, under `if six.PY3:`, a "
        "`__call__` that calls what `__getattr__('__call__')` returns: 2.7 runs exactly the code it "
        "ran before."
    )
    review_hint = (
        "Other special methods (`__len__`, `__iter__`, …) were also looked up through `__getattr__` on "
        "2.7 and are not on 3: check whether the class relies on that."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = OldStyleGetattrCall()
