"""Parsing Python 2 (and 2-and-3) source into fissix trees.

fissix parses Python 2 syntax, which libcst cannot. A module with
`from __future__ import print_function` is parsed without the print statement, as Python 2.7
itself would. A module that does not parse with the print statement but does without it is
already written for print(): it is parsed that way too.
"""
import re

from fissix import pygram, pytree
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms
from fissix.refactor import _detect_future_features

from workers.rewriting import fast_parser, fissix_walks

fissix_walks.install()

_DRIVERS = {}


class ParseError(Exception):
    pass


def _driver(grammar):
    key = id(grammar)
    if key not in _DRIVERS:
        _DRIVERS[key] = fast_parser.Driver(grammar)
    return _DRIVERS[key]


def future_features(text):
    return _detect_future_features(text)


def parse(text, context=None):
    """Parse text (ending in "\\n") into a fissix tree; raises ParseError with a one-line reason.

    `context` (a ModuleContext, or None when the file's place is unknown) is kept on the tree as
    `module_context` for the fixers that need to know the module's neighbours."""
    features = future_features(text)
    grammars = [pygram.python_grammar_no_print_statement]
    if "print_function" not in features:
        grammars.insert(0, pygram.python_grammar)
    first_error = None
    for grammar in grammars:
        try:
            tree = _driver(grammar).parse_string(text)
        except Exception as err:  # fissix raises ParseError, TokenError, IndentationError...
            first_error = first_error or err
            continue
        tree.future_features = features
        tree.module_context = context
        tree.mentions_global = _has_global_statement(text)  # lets name analysis skip walks for them
        tree.parsed_without_print_statement = grammar is pygram.python_grammar_no_print_statement
        return tree
    raise ParseError(_describe(first_error))


# `global` where a statement starts: a line (after its indentation), or after `;` or a `:` that
# ends a one-line compound statement's header. "global" in prose or `global_settings` is not one.
_GLOBAL_STATEMENT = re.compile(r"(?:^|[:;])[ \t\f]*global\b", re.MULTILINE)


def _has_global_statement(text):
    return "global" in text and _GLOBAL_STATEMENT.search(text) is not None


def _describe(err):
    context = getattr(err, "context", None)
    if context and len(context) == 2 and isinstance(context[1], tuple):
        line, col = context[1]
        return "%s at line %d, column %d" % (getattr(err, "msg", "bad input"), line, col)
    return "%s: %s" % (err.__class__.__name__, err)


def source_text(tree):
    """str(tree) without recursion: a file nested a thousand brackets deep has a tree deeper than
    the recursion limit allows str() to walk."""
    parts, stack = [], [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, pytree.Leaf):
            parts.append(node.prefix + node.value)
        else:
            stack.extend(reversed(node.children))
    return "".join(parts)


_CLAUSE_KEYWORDS = ("else", "elif", "except", "finally")


def compound_statement(text, indent, prefix):
    """The compound statement `text` (written at column 0, one level of blocks) parsed and
    indented to stand at `indent` where a statement with `prefix` stood."""
    new = parse(text).children[0]
    new.remove()
    for child in new.children[1:]:
        if child.type == syms.suite:
            child.children[1].value = indent + "    "
        elif child.type == syms.except_clause or child.type == token.NAME and child.value in _CLAUSE_KEYWORDS:
            child.prefix = indent  # a clause after the dedent
    new.prefix = prefix
    return new
