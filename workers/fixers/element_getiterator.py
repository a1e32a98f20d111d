"""`element.getiterator(tag)` → `list(element.iter(tag))` in modules that use ElementTree.

Python 3.9 removed getiterator() from ElementTree's Element and ElementTree classes. On 2.7 it
returned `list(self.iter(tag))` (cElementTree's a list too), and iter() is there on 2.7 and 3, so
the list of iter() is what 2.7 computed: a snapshot, so code changing the tree while it loops
sees the same elements. Only in a module using ElementTree (as element_getchildren decides) and
defining no getiterator of its own; not where the module imports the old `elementtree` package
alone, whose 1.2 elements have no iter().
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.element_getchildren import imported_element_tree_modules, uses_element_tree
from workers.rewriting import analysis
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, is_call
from workers.rewriting.scopes import root_of
from workers.rewriting.typerefs import expression


def _getiterator_index(power):
    """Index of a `.getiterator` trailer that is called, after something; else None."""
    children = power.children
    for index in range(1, len(children) - 1):
        if attr_trailer_name(children[index]) == "getiterator" and is_call(children[index + 1]):
            return index
    return None


def _applies(tree):
    def compute():
        if not uses_element_tree(tree) or imported_element_tree_modules(tree) == {"elementtree"}:
            return False
        return not any(node.type == syms.funcdef and node.children[1].value == "getiterator"
                       for node in tree.pre_order())
    return analysis.cached(tree, "element_getiterator_applies", compute)


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        return (node.children[0].type == token.NAME and _getiterator_index(node) is not None
                and _applies(root_of(node)))

    def transform(self, node, results):
        index = _getiterator_index(node)
        element = "".join(str(child) for child in node.children[:index]).strip()
        call = str(node.children[index + 1]).strip()
        rest = "".join(str(child) for child in node.children[index + 2:])
        node.replace(expression("list(%s.iter%s)%s" % (element, call, rest), prefix=node.prefix))


class ElementGetiterator(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 75
    trigger = r"\.getiterator\s*\("
    summary = "Replace ElementTree's getiterator() with list(element.iter())"
    explanation = (
        "Python 3.9 removed getiterator() from ElementTree. On 2.7 it returned the list of "
        "iter(tag), so `x.getiterator(tag)` becomes `list(x.iter(tag))`, the same list on 2.7 and 3, "
        "in modules using ElementTree (or lxml) that define no getiterator of their own."
    )
    review_hint = ("The module was taken for an ElementTree user by its imports or an `etree` name: check that "
                   "the object is an element or element tree (anything else with getiterator() keeps its own).")
    risk = NEEDS_REVIEW


FIXER = ElementGetiterator()
