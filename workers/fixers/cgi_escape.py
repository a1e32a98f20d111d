"""`cgi.escape(s)` → `xml.sax.saxutils.escape(s)`: the same text on 2.7 and 3.

Python 3.8 removed cgi.escape (python-gflags' help-as-XML output). xml.sax.saxutils.escape
replaces the same three characters (&, <, >, & first) on 2.7 and every Python 3; cgi.escape's
`quote=True` also replaced `"` by `&quot;`, which saxutils does when given that entity:
`escape(s, {'"': "&quot;"})`, or `{…} if quote else {}` for a quote flag that is not a literal.

Only `cgi.escape(…)` with `cgi` bound by a module-level `import cgi`; the module gains
`import xml.sax.saxutils` (left alone when the module or its package has a name `xml` of its own).
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import module_imports as mi
from workers.rewriting import scopes
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.protocols import attr_trailer_name, is_call
from workers.rewriting.scopes import root_of
from workers.rewriting.typerefs import expression

ESCAPER = "xml.sax.saxutils"
XML_SUBMODULES = frozenset({"dom", "etree", "parsers", "sax"})
QUOTE_ENTITY = "{'\"': \"&quot;\"}"


def is_cgi_module(head):
    """Whether a NAME used as `head.attr` means the cgi module imported at module level."""
    if head.type != token.NAME or scopes.in_import(head):
        return False
    meaning = scopes.meaning(head)
    return meaning.scope is root_of(head) and meaning.kind == scopes.MODULE and meaning.module == "cgi"


def _xml_is_free(tree):
    """No sibling module `xml` that `import xml…` would find, and the name `xml` used in the module
    only as the xml package: `import xml.<sub>…` and `xml.<sub>…` (dom, etree, parsers, sax)."""
    if mi.is_sibling_module(tree, "xml"):
        return False
    return all(_means_xml_package(leaf) for leaf in tree.leaves() if leaf.type == token.NAME and leaf.value == "xml")


def _means_xml_package(leaf):
    parent, following = leaf.parent, leaf.next_sibling
    if parent is None or following is None:
        return False
    if parent.type == syms.dotted_name:
        outer = parent.parent
        return outer is not None and outer.type == syms.import_name and following.type == token.DOT
    return parent.type == syms.power and attr_trailer_name(following) in XML_SUBMODULES


def _quote_argument(args):
    """(value node or None, whether args fit cgi.escape(s[, quote]))."""
    if len(args) == 1:
        return None, True
    if len(args) != 2:
        return None, False
    quote = args[1]
    if quote.type == syms.argument:
        if str(quote.children[0]).strip() != "quote":
            return None, False
        quote = quote.children[2]
    return quote, True


def _escape_call(power):
    """The argument nodes of `cgi.escape(…)` as a whole power, else None."""
    children = power.children
    if len(children) != 3 or attr_trailer_name(children[1]) != "escape" or not is_call(children[2]):
        return None
    if not is_cgi_module(children[0]):
        return None
    args = argument_nodes(children[2])
    if not args or args[0].type == syms.argument or any(arg.type in (token.STAR, token.DOUBLESTAR) for arg in args):
        return None
    return args if _quote_argument(args)[1] else None


def _entities(quote):
    if quote is None or (quote.type == token.NAME and quote.value in ("False", "0")):
        return ""
    if quote.type == token.NAME and quote.value in ("True", "1") or quote.type == token.NUMBER and quote.value != "0":
        return ", " + QUOTE_ENTITY
    return ", %s if %s else {}" % (QUOTE_ENTITY, str(quote).strip())


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        args = _escape_call(node)
        return {"args": args} if args and _xml_is_free(root_of(node)) else False

    def transform(self, node, results):
        args = results["args"]
        quote, _ = _quote_argument(args)
        text = "%s.escape(%s%s)" % (ESCAPER, str(args[0]).strip(), _entities(quote))
        self.changed = True
        return expression(text, prefix=node.prefix)

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.changed = False

    def after_fix(self, tree):
        super().after_fix(tree)
        if self.changed:
            add_import(tree, ESCAPER)


class CgiEscape(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 52
    trigger = r"\bcgi\b"  # `import cgi as c` then `c.escape`
    summary = "Escape HTML with xml.sax.saxutils.escape instead of the removed cgi.escape"
    explanation = (
        "Python 3.8 removed cgi.escape. xml.sax.saxutils.escape replaces the same characters (&, <, >) "
        "on 2.7 and 3, and `\"` too when given that entity, which is what cgi.escape's quote=True did: "
        "`cgi.escape(s)` becomes `xml.sax.saxutils.escape(s)` and `cgi.escape(s, True)` "
        "`xml.sax.saxutils.escape(s, {'\"': \"&quot;\"})`, with `import xml.sax.saxutils` added."
    )
    review_hint = "Nothing beyond the rewrite: the output is the same text on 2.7 and 3."
    risk = SAFE


FIXER = CgiEscape()
