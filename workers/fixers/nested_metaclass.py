"""`class C(B): class __metaclass__(type): …` → the same class, made again with it on Python 3.

Python 2 took a class body's `__metaclass__` as the class's metaclass, also when the body defines
it as a nested class (mocker's MockerBase gives every subclass its own recorder list that way).
Python 3 ignores the name: the metaclass never runs, and what it set up is missing. Right after
the class statement comes

    if not six.PY2:  # Python 3 ignores a nested class named __metaclass__
        C = six.add_metaclass(C.__metaclass__)(C)

On 2.7 nothing changes at all (the class was made with its metaclass, once); on 3 the class is
made again from its namespace with that metaclass, as six.add_metaclass does for the
`__metaclass__ = M` form, and subclasses inherit the metaclass as on 2.7. The nested class stays
where it was, so `C.__metaclass__` still names it (a subclass's `class __metaclass__(C.__metaclass__)`).

Only an undecorated class whose body defines `__metaclass__` once, as an undecorated class.
"""
from fissix.fixer_util import find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.parsing import compound_statement
from workers.rewriting.protocols import insert_after_statement

_REMAKE = """if not six.PY2:  # Python 3 ignores a nested class named __metaclass__
    {name} = six.add_metaclass({name}.__metaclass__)({name})
"""


def _outer_class(nested):
    """The undecorated classdef whose body directly holds the nested classdef, or None."""
    suite = nested.parent
    outer = suite.parent if suite is not None and suite.type == syms.suite else None
    if outer is None or outer.type != syms.classdef or outer.parent.type == syms.decorated:
        return None
    return outer


def _nested_metaclass(node):
    """For the name leaf of `class __metaclass__(…):` nested in a class: the outer classdef, else None."""
    nested = node.parent
    if node.value != "__metaclass__" or nested.type != syms.classdef or nested.children[1] is not node:
        return None
    outer = _outer_class(nested)
    if outer is None or classes.definitions_of(outer, "__metaclass__") != 1:
        return None
    if outer.parent.type not in (syms.file_input, syms.suite) or _remade(outer):
        return None
    return outer


def _remade(outer):
    """Whether the statement after the class already makes it again (a second run)."""
    following = outer.next_sibling
    name = outer.children[1].value
    return following is not None and "six.add_metaclass(%s.__metaclass__)" % name in str(following)


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        outer = _nested_metaclass(node)
        return {"outer": outer} if outer is not None else False

    def transform(self, node, results):
        outer = results["outer"]
        indent = find_indentation(outer)
        remake = compound_statement(_REMAKE.format(name=outer.children[1].value), indent, indent)
        insert_after_statement(outer, remake)
        self.needs_six = True


class NestedMetaclass(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 61
    trigger = r"class\s+__metaclass__\b"
    summary = "Give a class its nested __metaclass__ class on Python 3 too"
    explanation = (
        "Python 2 used a class body's `__metaclass__` as the metaclass also when it is a nested class "
        "(`class __metaclass__(type): …`); Python 3 ignores it, so the metaclass never runs. Right after "
        "the class, `if not six.PY2: C = six.add_metaclass(C.__metaclass__)(C)` makes the class again "
        "with it on Python 3 only: 2.7 runs exactly what it ran before."
    )
    review_hint = (
        "On Python 3 the class is made twice (first without the metaclass): check that the class body "
        "has no side effects that must happen once."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = NestedMetaclass()
