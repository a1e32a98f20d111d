"""Adding a line to a class body right after one of its methods, without disturbing the layout.

fissix keeps the blank lines and comments that follow an indented block, and the indentation of
the next statement, in the prefix of the block's closing DEDENT leaf. A line inserted after the
method takes the method's indentation, and that prefix moves past it, onto whatever comes next.
"""
from fissix import pytree
from fissix.fixer_util import Name, Newline, find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms


def insert_alias_after(statement, alias, target):
    """Insert `alias = target` after `statement` (a funcdef, or the decorated node holding it)."""
    assignment = pytree.Node(syms.expr_stmt, [Name(alias), pytree.Leaf(token.EQUAL, "=", prefix=" "),
                                              Name(target, prefix=" ")])
    insert_after(statement, pytree.Node(syms.simple_stmt, [assignment, Newline()]))


def insert_after(statement, new_stmt):
    last = _last_leaf(statement)
    carried = None
    if last.type == token.DEDENT:
        carried, last.prefix = last.prefix, ""
    new_stmt.prefix = find_indentation(statement)
    suite = statement.parent
    suite.insert_child(_position(suite.children, statement) + 1, new_stmt)
    if carried:
        following = _first_leaf(new_stmt.next_sibling)
        following.prefix = carried + following.prefix


def _last_leaf(node):
    while isinstance(node, pytree.Node) and node.children:
        node = node.children[-1]
    return node


def _first_leaf(node):
    while isinstance(node, pytree.Node) and node.children:
        node = node.children[0]
    return node


def _position(children, node):
    """Index of node by identity: fissix nodes compare equal when they look alike."""
    return next(index for index, child in enumerate(children) if child is node)
