"""Deprecated unittest aliases → their 2.7-and-3 names; py2-only asserts → six helpers."""
from fissix.fixer_util import Attr, Comma, Name
from fissix.pygram import python_symbols as syms
from fissix import pytree

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, is_call, is_name, own_attribute_names, root_of

RENAMES = {
    "assertEquals": "assertEqual",
    "assertNotEquals": "assertNotEqual",
    "assert_": "assertTrue",
    "failUnless": "assertTrue",
    "failIf": "assertFalse",
    "failUnlessEqual": "assertEqual",
    "failIfEqual": "assertNotEqual",
    "failUnlessRaises": "assertRaises",
    "failUnlessAlmostEqual": "assertAlmostEqual",
    "assertAlmostEquals": "assertAlmostEqual",
    "failIfAlmostEqual": "assertNotAlmostEqual",
    "assertNotAlmostEquals": "assertNotAlmostEqual",
}
# Python-2-only names (3 renamed them; 2.7 lacks the new names): six picks the right one.
SIX_HELPERS = {
    "assertItemsEqual": "assertCountEqual",
    "assertRaisesRegexp": "assertRaisesRegex",
    "assertRegexpMatches": "assertRegex",
    "assertNotRegexpMatches": "assertNotRegex",
}


def _site(power):
    """('rename', index) / ('six', None) for the first rewritable trailer of a power, else None."""
    children = power.children
    own = None  # the module's own attribute names, listed only once a trailer has a name of ours
    for index in range(1, len(children)):
        name = attr_trailer_name(children[index])
        if name not in RENAMES and name not in SIX_HELPERS:
            continue
        if own is None:
            own = own_attribute_names(root_of(power))
        if name in own:
            continue
        if name in RENAMES:
            return "rename", index
        if name in SIX_HELPERS and index == 1 and is_name(children[0], "self") and len(children) >= 3 and is_call(
                children[2]):
            return "six", index
    return None


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        return bool(_site(node))

    def transform(self, node, results):
        new = node.clone()
        while True:
            found = _site(new)
            if found is None:
                return new
            kind, index = found
            if kind == "rename":
                leaf = new.children[index].children[1]
                leaf.replace(Name(RENAMES[leaf.value], prefix=leaf.prefix))
                continue
            new = self._six_call(new)

    def _six_call(self, power):
        """`self.assertItemsEqual(a, b).x` → `six.assertCountEqual(self, a, b).x`, keeping the
        call's own parentheses (and the layout inside them)."""
        self.needs_six = True
        children = power.children
        helper = SIX_HELPERS[attr_trailer_name(children[1])]
        call = children[2].clone()
        if len(call.children) == 2:  # no arguments
            call.insert_child(1, Name("self"))
        else:
            inner = call.children[1]
            first_prefix = inner.prefix
            inner.prefix = "" if "\n" in first_prefix else " "
            if inner.type != syms.arglist:
                inner.replace(pytree.Node(syms.arglist, [inner.clone()]))
                inner = call.children[1]
            inner.insert_child(0, Comma())
            inner.insert_child(0, Name("self"))
            if "\n" in first_prefix:
                inner.children[2].prefix = first_prefix
        head = [Name("six", prefix=power.prefix)] + Attr(Name(""), Name(helper))[1:]
        return pytree.Node(syms.power, head + [call] + [c.clone() for c in children[3:]])


class UnittestAliases(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 12
    trigger = (r"\b(assertEquals|assertNotEquals|assert_|failUnless|failIf|failUnlessEqual|failIfEqual|"
               r"failUnlessRaises|failUnlessAlmostEqual|assertAlmostEquals|failIfAlmostEqual|"
               r"assertNotAlmostEquals|assertItemsEqual|assertRaisesRegexp|assertRegexpMatches|"
               r"assertNotRegexpMatches)\b")
    summary = "Use unittest assertion names that exist on 2.7 and 3"
    explanation = (
        "The deprecated aliases (`assertEquals`, `failUnless`, `assert_`, `failIf`, "
        "`failUnlessRaises`, …) are removed in Python 3.12; they become the names they alias "
        "(`assertEqual`, `assertTrue`, `assertFalse`, `assertRaises`, …), which 2.7 has too. The "
        "assertions Python 3 renamed and 2.7 does not know under the new name go through six, which "
        "calls the right one on each version: `self.assertItemsEqual(a, b)` → "
        "`six.assertCountEqual(self, a, b)`, `assertRaisesRegexp` → `six.assertRaisesRegex` (also as "
        "a context manager), `assertRegexpMatches` → `six.assertRegex`, `assertNotRegexpMatches` → "
        "`six.assertNotRegex`. A module that defines methods of these names itself is left alone."
    )
    review_hint = "The six helpers are used only for calls on `self`; other receivers keep the old names."
    risk = SAFE
    requires = ("six",)


FIXER = UnittestAliases()
