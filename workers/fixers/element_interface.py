"""`ElementTree._ElementInterface` → `ElementTree.Element`: the same class under its Python 3 name.

2.7's xml.etree.ElementTree keeps `_ElementInterface = Element` for code written against
ElementTree 1.2, where Element was a factory function and `_ElementInterface` the class to
subclass (docutils' odf_odt writer: `class _ElementInterfaceWrapper(etree._ElementInterface)`).
Python 3 dropped the alias. Where every binding of the name is an import of an ElementTree module
(xml.etree's, or the old elementtree package's tried as its fallback) and one is xml.etree's,
`name._ElementInterface` becomes `name.Element`: the very same class on 2.7.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name
from workers.rewriting.scopes import PARAMETER, binding_statements, import_name_items, imported_from

STDLIB = "xml.etree.ElementTree"
ELEMENT_TREES = frozenset({STDLIB, "elementtree.ElementTree"})


def _imported_module(stmt, name):
    """The dotted module an import statement binds to `name`, or None."""
    if stmt is PARAMETER:
        return None
    if stmt.type == syms.import_from:
        found = imported_from(stmt, name)
        return "%s.%s" % found if found else None
    if stmt.type == syms.import_name:
        for module, bound, item in import_name_items(stmt):
            if bound == name and item.type == syms.dotted_as_name:
                return module
    return None


def _is_element_tree(leaf):
    bound = binding_statements(leaf, leaf.value)
    if not bound:
        return False
    modules = {_imported_module(stmt, leaf.value) for stmt in bound}
    return modules <= ELEMENT_TREES and STDLIB in modules


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        head = node.children[0]
        if head.type != token.NAME or attr_trailer_name(node.children[1]) != "_ElementInterface":
            return False
        return _is_element_tree(head)

    def transform(self, node, results):
        attr = node.children[1].children[1]
        attr.value = "Element"
        attr.changed()


class ElementInterface(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\._ElementInterface\b"
    summary = "Use ElementTree.Element for 2.7's _ElementInterface alias"
    explanation = (
        "2.7's xml.etree.ElementTree has `_ElementInterface`, an alias of `Element` kept for code "
        "written against ElementTree 1.2; Python 3 removed it (AttributeError). `etree._ElementInterface` "
        "becomes `etree.Element`, the same class on 2.7, where etree is only ever that module."
    )
    risk = SAFE


FIXER = ElementInterface()
