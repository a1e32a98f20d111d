"""`ET.tostring(elem)` → `six.ensure_str(ET.tostring(elem))`: the serialized XML stays a native str.

ElementTree's (and lxml's) `tostring()` without an encoding gives a str on 2.7, which code
searches, formats and hands to StringIO as text (pymarc 2.8.4's record_to_xml: its tests did
`xml.find('xmlns=…')` and `StringIO(xml)`); on 3 it gives bytes, US-ASCII with character
references. `six.ensure_str` returns the 2.7 str as it is and decodes the ASCII bytes on 3. A call
naming an encoding asked for bytes in that encoding and is left alone.
"""
from fissix import pytree
from fissix.fixer_util import ArgList, Attr, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, is_call
from workers.rewriting.scopes import (PARAMETER, binding_nodes, binding_scope, from_import_names, from_module,
                                      import_name_items)

# the modules whose tostring() gives a str on 2.7 and bytes on 3
ETREE_MODULES = frozenset({"xml.etree.ElementTree", "xml.etree.cElementTree", "elementtree.ElementTree",
                           "cElementTree", "lxml.etree"})


def _imports_of(name_leaf):
    """[(kind, module, original)] of every binding of the name, or None when one is not an import."""
    scope = binding_scope(name_leaf, name_leaf.value)
    nodes = binding_nodes(scope).get(name_leaf.value, ()) if scope is not None else ()
    found = []
    for node in nodes:
        if node is PARAMETER:
            return None
        if node.type == syms.import_name:
            items = [(module, item) for module, bound, item in import_name_items(node) if bound == name_leaf.value]
            if not items or items[0][1].type != syms.dotted_as_name:
                return None  # `import xml.etree.ElementTree` binds the package xml
            found.append(("module", items[0][0], None))
        elif node.type == syms.import_from and name_leaf.value in from_import_names(node):
            found.append(("from", from_module(node), from_import_names(node)[name_leaf.value]))
        else:
            return None
    return found or None


def _names_etree(name_leaf):
    """The name is bound only by imports of ElementTree modules (try/except alternatives too)."""
    imports = _imports_of(name_leaf)
    return imports is not None and all(
        module in ETREE_MODULES if kind == "module" else "%s.%s" % (module, original) in ETREE_MODULES
        for kind, module, original in imports)


def _names_tostring(name_leaf):
    """A bare `tostring` imported from ElementTree modules only."""
    imports = _imports_of(name_leaf)
    return imports is not None and all(kind == "from" and module in ETREE_MODULES and original == "tostring"
                                       for kind, module, original in imports)


def _without_encoding(call):
    args = argument_nodes(call)
    if not args or args[0].type == syms.argument or str(args[0]).lstrip().startswith("*"):
        return False
    positional = [arg for arg in args if arg.type != syms.argument]
    keywords = [str(arg.children[0]).strip() for arg in args if arg.type == syms.argument]
    return len(positional) == 1 and "encoding" not in keywords and not any(k.startswith("*") for k in keywords)


def _already_native(node):
    """The call is the argument of six.ensure_str(…) already."""
    parent = node.parent
    trailer = parent if parent is not None and parent.type == syms.trailer else None
    power = trailer.parent if trailer is not None else None
    if power is None:
        return False
    index = power.children.index(trailer)
    return "".join(str(c).strip() for c in power.children[:index]) == "six.ensure_str"


def _call_length(node):
    """How many children of the power make the tostring call: 2 (`tostring(x)`), 3 (`ET.tostring(x)`), or 0."""
    children = node.children
    if children[0].type != token.NAME:
        return 0
    if len(children) >= 3 and attr_trailer_name(children[1]) == "tostring" and is_call(children[2]) \
            and _names_etree(children[0]):
        return 3
    if len(children) >= 2 and children[0].value == "tostring" and is_call(children[1]) \
            and _names_tostring(children[0]):
        return 2
    return 0


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        length = _call_length(node)
        if not length or not _without_encoding(node.children[length - 1]):
            return False
        if length == len(node.children) and _already_native(node):
            return False
        return {"length": length}

    def transform(self, node, results):
        length = results["length"]
        call = pytree.Node(syms.power, [child.clone() for child in node.children[:length]])
        call.prefix = ""
        wrapped = Attr(Name("six"), Name("ensure_str")) + [ArgList([call])]
        rest = [child.clone() for child in node.children[length:]]
        self.needs_six = True
        return pytree.Node(syms.power, wrapped + rest, prefix=node.prefix)


class EtreeTostringNative(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 72
    trigger = r"\btostring\s*\("
    summary = "Keep ElementTree's tostring() a native str: six.ensure_str(ET.tostring(elem))"
    explanation = (
        "ElementTree's and lxml's `tostring(elem)` without an encoding gives a str on 2.7, which code "
        "uses as text: searching it, formatting it, handing it to StringIO. On 3 it gives bytes (US-ASCII "
        "with character references), which str operations refuse. `six.ensure_str(ET.tostring(elem))` "
        "is the very same str on 2.7 and the decoded ASCII text on 3. Calls naming an encoding ask for "
        "bytes and are left alone."
    )
    review_hint = "Code that writes the result to a binary file or socket on 3 now needs six.ensure_binary there."
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = EtreeTostringNative()
