"""`try: True` / `except NameError: True = 1; False = 0` (for Pythons before 2.2.1) → removed.

On 2.7 `True` and `False` always exist, so the handler never runs; Python 3 does not even compile
an assignment to them. Only a module-level (or class-level) fallback whose `try` body does nothing
but look the names up is removed: inside a function the assignment makes `True` a local, the
lookup raises UnboundLocalError and the handler does run on 2.7.
"""
from fissix.fixer_util import Name, Newline
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms
from fissix.pytree import Node

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import enclosing_scope, target_names

_CONSTANTS = {"True", "False"}


def _statements(suite):
    if suite.type != syms.suite:
        return [suite]
    return [child for child in suite.children if child.type not in (token.NEWLINE, token.INDENT, token.DEDENT)]


def _only_constants(node):
    """`True`, `False`, `True, False`, `(True, False)`: looking these up is all the node does."""
    if node.type == token.NAME:
        return node.value in _CONSTANTS
    if node.type in (syms.testlist_star_expr, syms.testlist, syms.exprlist, syms.testlist_gexp):
        return all(child.type == token.COMMA or _only_constants(child) for child in node.children)
    if node.type == syms.atom and len(node.children) == 3 and node.children[0].type == token.LPAR:
        return _only_constants(node.children[1])
    return False


def _lookup_only(stmt):
    if stmt.type != syms.simple_stmt:
        return False
    parts = [child for child in stmt.children if child.type not in (token.NEWLINE, token.SEMI)]
    return bool(parts) and all(_only_constants(part) for part in parts)


def _catches_name_error(caught):
    """`except:` (caught is None), `except NameError` or a tuple of classes naming NameError."""
    if caught is None:
        return True
    if caught.type == token.NAME:
        return caught.value == "NameError"
    if caught.type == syms.atom and len(caught.children) == 3:
        inner = caught.children[1]
        names = inner.children if inner.type == syms.testlist_gexp else [inner]
        return any(name.type == token.NAME and name.value == "NameError" for name in names)
    return False


def _assigns_constants(suite):
    for node in suite.pre_order():
        if node.type == syms.expr_stmt:
            children = node.children
            for index, child in enumerate(children[:-1]):
                if children[index + 1].type == token.EQUAL and target_names(child) & _CONSTANTS:
                    return True
    return False


def is_fallback(node, results):
    """The matched try statement only looks the constants up, catches NameError and assigns them,
    at module or class level."""
    scope = enclosing_scope(node)
    if scope is None or scope.type not in (syms.file_input, syms.classdef):
        return False
    return (all(_lookup_only(stmt) for stmt in _statements(results["body"]))
            and _catches_name_error(results.get("caught")) and _assigns_constants(results["fallback"]))


def _without_own_comments(prefix):
    """The prefix of a removed statement without the comment lines right above it (they were about it)."""
    lines = prefix.split("\n")
    indent, lines = lines[-1], lines[:-1]
    while lines and lines[-1].lstrip().startswith("#"):
        lines.pop()
    return "".join(line + "\n" for line in lines) + indent


class _Impl(TreeFixer):
    PATTERN = """
              try_stmt< 'try' ':' body=any
                        except_clause< 'except' [caught=any [(',' | 'as') any]] > ':' fallback=any >
              """

    def match(self, node):
        results = super().match(node)
        return results if results and is_fallback(node, results) else False

    def transform(self, node, results):
        parent = node.parent
        siblings = _statements(parent) if parent.type == syms.suite else [node]
        if parent.type == syms.suite and len(siblings) == 1:
            # the block's only statement: `pass` keeps it a block
            return Node(syms.simple_stmt, [Name("pass", prefix=node.prefix), Newline()])
        following = node.next_sibling
        if following is not None and following.type != token.DEDENT:
            following.prefix = _without_own_comments(node.prefix)
        node.remove()
        return None


class TrueFalseFallback(FissixFixer):
    tree_fixer = _Impl
    order = 5
    summary = "Remove `try: True` / `except NameError: True = 1` fallbacks, dead code on 2.7"
    explanation = (
        "Code written for Python 2.2 and older defined `True` and `False` when they were missing: "
        "`try: True` / `except NameError: True, False = 1, 0`. On 2.7 both names always exist, so "
        "the handler never runs; Python 3 refuses to compile an assignment to them, which makes "
        "the whole file fail to import. The whole `try` statement is removed (a `pass` is left "
        "when it was the only statement of its block). A fallback inside a function is left alone: "
        "there the assignment makes `True` local and the handler does run."
    )
    risk = SAFE


FIXER = TrueFalseFallback()
