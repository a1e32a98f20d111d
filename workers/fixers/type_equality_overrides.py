"""`def assertMultiLineEqual(self, first, second):` in a class → `…(self, first, second, msg=None):`.

unittest's assertEqual hands two values of one type to the method registered for that type and
passes `msg=` as a keyword: assertMultiLineEqual, assertListEqual, assertTupleEqual,
assertDictEqual, assertSetEqual. A test case overriding one of them with two arguments only
(python-gflags' tests sort lists before comparing) breaks every assertEqual of such values with
TypeError. On 2.7 that was lists and tuples; on 3 assertMultiLineEqual is registered for str, so
every assertEqual of two strings fails too. The override gets the `msg=None` its caller passes;
its body is left as it is.
"""
from fissix.fixer_util import Comma, Leaf, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import parameter_groups

TYPE_EQUALITY_METHODS = frozenset({"assertMultiLineEqual", "assertListEqual", "assertTupleEqual",
                                   "assertDictEqual", "assertSetEqual"})


def _two_value_override(funcdef):
    """Whether the def is a method of that name taking exactly (self, first, second)."""
    if funcdef.children[1].value not in TYPE_EQUALITY_METHODS:
        return False
    suite = funcdef.parent.parent if funcdef.parent.type == syms.decorated else funcdef.parent
    if suite is None or suite.type != syms.suite or suite.parent.type != syms.classdef:
        return False
    groups = parameter_groups(funcdef)
    if funcdef.children[2].children[1].type == syms.typedargslist and \
            funcdef.children[2].children[1].children[-1].type == token.COMMA:
        return False
    return len(groups) == 3 and all(len(group) == 1 and group[0].type == token.NAME for group in groups)


class _Impl(TreeFixer):
    _accept_type = syms.funcdef

    def match(self, node):
        return _two_value_override(node)

    def transform(self, node, results):
        arguments = node.children[2].children[1]
        arguments.append_child(Comma())
        arguments.append_child(Name("msg", prefix=" "))
        arguments.append_child(Leaf(token.EQUAL, "="))
        arguments.append_child(Name("None"))


class TypeEqualityOverrides(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 51
    trigger = r"def\s+assert(MultiLine|List|Tuple|Dict|Set)Equal\b"
    summary = "Let overridden type-specific equality asserts take the msg unittest passes"
    explanation = (
        "unittest's assertEqual calls the method registered for the values' type (assertMultiLineEqual, "
        "assertListEqual, assertTupleEqual, assertDictEqual, assertSetEqual) with `msg=` as a keyword. "
        "An override taking only the two values raises TypeError there, for lists and tuples on 2.7 and "
        "for every pair of strings on Python 3, where assertMultiLineEqual is registered for str. The "
        "override gets a `msg=None` parameter; its body is unchanged."
    )
    review_hint = "The override still ignores msg: pass it on if the custom failure message matters."
    risk = SAFE


FIXER = TypeEqualityOverrides()
