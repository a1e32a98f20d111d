"""Adding a line to a class body right after one of its methods, without disturbing the layout.

fissix keeps the blank lines and comments that follow an indented block, and the indentation of
the next statement, in the prefix of the block's closing DEDENT leaf. A line inserted after the
method takes the method's indentation, and that prefix moves past it, onto whatever comes next.
(All of them: when blocks nest, the text is on the first of the DEDENT leaves closing them.)
"""
from fissix import pytree
from fissix.fixer_util import Name, Newline, find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.protocols import insert_after_statement


def insert_alias_after(statement, alias, target):
    """Insert `alias = target` after `statement` (a funcdef, or the decorated node holding it)."""
    assignment = pytree.Node(syms.expr_stmt, [Name(alias), pytree.Leaf(token.EQUAL, "=", prefix=" "),
                                              Name(target, prefix=" ")])
    insert_after(statement, pytree.Node(syms.simple_stmt, [assignment, Newline()]))


def insert_after(statement, new_stmt):
    """Insert `new_stmt` right after `statement`, indented like it. The layout text fissix keeps in
    the DEDENT leaves closing the statement's block (on the first of them when blocks nest, e.g. a
    method ending in an `if`/`else`) moves past the new line: protocols.insert_after_statement."""
    new_stmt.prefix = find_indentation(statement)
    insert_after_statement(statement, new_stmt)
