"""`html_parser.HTMLParseError` (`HTMLParser.HTMLParseError`) → `HTMLParseError`, bound after the
module's import of html_parser to the module's class on 2.7 and, on Python 3.5+ (which removed it), to one
stand-in class that the first module defining it stores on the module for every other module:

    try:
        HTMLParseError = html_parser.HTMLParseError
    except AttributeError:  # Python 3.5+: its parser never raises it
        class HTMLParseError(Exception):
            pass
        html_parser.HTMLParseError = HTMLParseError

Python 3's parser never raises it, so `except HTMLParseError` catches what it did (nothing from
the parser), and a class deriving from it (mechanize's `ParseError(SGMLParseError, HTMLParseError)`)
can still be defined. The class is shared so that an error raised where one module subclasses it
is still caught where another module names it. A module-level `from HTMLParser import
HTMLParseError` (or from six.moves.html_parser) becomes that import in a `try`, with the same
stand-in, stored the same way, when it raises ImportError.
"""
from fissix.fixer_util import Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import module_imports as mi
from workers.rewriting import parsing, scopes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.after_binding import add_after_binding
from workers.rewriting.scopes import is_bound_around, module_binds, root_of
from workers.rewriting.typerefs import replace_head

NAME = "HTMLParseError"
_DEFINITION = """try:
    HTMLParseError = {module}.HTMLParseError
except AttributeError:  # Python 3.5+: its parser never raises it
    class HTMLParseError(Exception):
        pass
    {module}.HTMLParseError = HTMLParseError
"""


def _html_parser_module(head):
    """Whether a NAME used as `head.attr` means HTMLParser (imported as such or from six.moves) by
    a module-level import, which the module-level definition can read too."""
    if head.type != token.NAME or scopes.in_import(head):
        return False
    meaning = scopes.meaning(head)
    if meaning.scope is not root_of(head):
        return False
    if meaning.kind == scopes.MODULE:
        return meaning.module == "HTMLParser"
    return meaning.kind == scopes.FROM_IMPORT and meaning.module == "six.moves" and meaning.name == "html_parser"


def _is_html_parse_error(node):
    children = node.children
    if len(children) < 2 or children[1].type != syms.trailer or children[1].children[0].type != token.DOT:
        return False
    return children[1].children[1].value == NAME and _html_parser_module(children[0])


_FROM_IMPORT = """try:
    from six.moves.html_parser import HTMLParseError{alias}
except ImportError:  # Python 3.5+: its parser never raises it
    import six
    class {name}(Exception):
        pass
    six.moves.html_parser.HTMLParseError = {name}
"""
_PARSER_MODULES = ("HTMLParser", "six.moves.html_parser")


def _imported_here(node):
    """For a module-level `from HTMLParser import …, HTMLParseError [as alias], …` statement on a
    line of its own (or six.moves.html_parser): (the alias or None, the other (name, alias) pairs
    it imports); else None."""
    stmt = node.parent
    if stmt.type != syms.simple_stmt or len(stmt.children) != 2 or stmt.parent is not root_of(node):
        return None
    module, pairs = mi.from_import_parts(node)
    errors = [alias for name, alias in pairs or () if name == NAME]
    if module not in _PARSER_MODULES or len(errors) != 1:
        return None
    return errors[0], [pair for pair in pairs if pair[0] != NAME]


def _as(alias):
    return "" if alias is None else " as %s" % alias


def _replacement(node, alias, others):
    module = mi.dotted(mi.from_module_node(node))
    names = ", ".join(name + _as(other) for name, other in others)
    definition = _FROM_IMPORT.format(alias=_as(alias), name=alias or NAME)
    return ("from %s import %s\n" % (module, names) if others else "") + definition


class _Impl(TreeFixer):
    _accept_type = (syms.power, syms.import_from)

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.module = None

    def match(self, node):
        if node.type == syms.import_from:
            return _imported_here(node) is not None
        return _is_html_parse_error(node) and not module_binds(root_of(node), NAME) \
            and not is_bound_around(node, NAME)

    def transform(self, node, results):
        if node.type == syms.import_from:
            stmt = node.parent
            text = _replacement(node, *_imported_here(node))
            new = [child for child in parsing.parse(text).children if child.type != token.ENDMARKER]
            for child in new:
                child.remove()
            new[0].prefix = stmt.prefix
            stmt.replace(new)
            return
        self.module = self.module or node.children[0].value
        replace_head(node, [Name(NAME)])

    def after_fix(self, tree):
        super().after_fix(tree)
        if self.module:
            add_after_binding(tree, self.module, _DEFINITION.format(module=self.module))


class HtmlParseError(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 72
    trigger = r"\bHTMLParseError\b"
    summary = "Bind HTMLParser.HTMLParseError to a stand-in class on Python 3.5+"
    explanation = (
        "Python 3.5 removed `HTMLParser.HTMLParseError` (`html.parser` recovers from bad markup and "
        "never raises it), so a class deriving from it or an `except html_parser.HTMLParseError` fails "
        "on 3 with AttributeError. Each use becomes the name `HTMLParseError`, bound after the imports "
        "to the module's own class on 2.7; on 3 to a class deriving from Exception, stored on "
        "`html_parser` by the first module that needs it so that every module shares it (an error "
        "raised in one is caught by the name in another). Python 3's parser never raises it, so "
        "except clauses catch what they caught from the parser before: nothing."
    )
    review_hint = (
        "On Python 3 html.parser reports no malformed markup: code that relied on HTMLParseError to "
        "reject bad HTML accepts it now."
    )
    risk = NEEDS_REVIEW


FIXER = HtmlParseError()
