"""`element.getchildren()` → `list(element)` in modules that use ElementTree.

Element.getchildren() (deprecated since 2.7) is gone from Python 3.9's ElementTree; the list of an
element's children is `list(element)` on 2.7 and 3 alike (lxml's elements too). docutils' ODT
writer called `self.current_element.getchildren()[-1]`. Only in a module using ElementTree, where no
class of its own defines getchildren, and only for the call with no arguments. A module uses
ElementTree when it imports an ElementTree module (xml.etree's, cElementTree, the elementtree
package, lxml.etree) or names one (`from markdown.util import etree`, `util.etree.SubElement`: a
package's own re-export of whichever ElementTree it found).
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, is_call
from workers.rewriting.scopes import root_of
from workers.rewriting.typerefs import expression

ELEMENT_TREE_MODULES = ("xml.etree", "elementtree", "lxml")
ELEMENT_TREE_NAMES = frozenset({"etree", "ElementTree", "cElementTree"})


def imported_element_tree_modules(tree):
    """The ELEMENT_TREE_MODULES the module's import statements name."""
    found = set()
    for node in tree.pre_order():
        if node.type in (syms.import_name, syms.import_from):
            text = " ".join(str(node).split())
            found.update(module for module in ELEMENT_TREE_MODULES if " %s" % module in text)
    return found


def uses_element_tree(tree):
    return bool(imported_element_tree_modules(tree)) or any(
        leaf.type == token.NAME and leaf.value in ELEMENT_TREE_NAMES for leaf in tree.leaves())


def _defines_getchildren(tree):
    return any(node.type == syms.funcdef and node.children[1].value == "getchildren" for node in tree.pre_order())


def _getchildren_index(power):
    """Index of the `.getchildren` trailer called with no arguments, after something; else None."""
    children = power.children
    for index in range(1, len(children) - 1):
        call = children[index + 1]
        if attr_trailer_name(children[index]) == "getchildren" and is_call(call) and len(call.children) == 2:
            return index
    return None


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        if node.children[0].type != token.NAME or _getchildren_index(node) is None:
            return False
        tree = root_of(node)
        return uses_element_tree(tree) and not _defines_getchildren(tree)

    def transform(self, node, results):
        index = _getchildren_index(node)
        element = "".join(str(child) for child in node.children[:index]).strip()
        rest = "".join(str(child) for child in node.children[index + 2:])
        node.replace(expression("list(%s)%s" % (element, rest), prefix=node.prefix))


class ElementGetchildren(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 75
    trigger = r"\.getchildren\s*\(\s*\)"
    summary = "Replace ElementTree's getchildren() with list(element)"
    explanation = (
        "Python 3.9 removed Element.getchildren(). `element.getchildren()` becomes `list(element)`, "
        "the element's children on 2.7 and 3, in modules that import ElementTree (or lxml) and "
        "define no getchildren of their own."
    )
    review_hint = ("2.7's xml.etree Element.getchildren() returned its own child list; list(element) is a "
                   "copy, so code appending to the result no longer changes the element.")
    risk = NEEDS_REVIEW


FIXER = ElementGetchildren()
