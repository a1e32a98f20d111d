"""The statements of a libcst module of some kind (imports, assignments, try statements), found
from the nodes' fields through statements, suites and clauses only.

A libcst walk, or a matcher's findall, enters every node of the module and rebuilds each one it
leaves, expressions and whitespace included: io_open's three findall walks for its imports took
4 s of Paste's 28 s of CPU for two files. Statements stand only in the module, in suites and
in statement lines, below other statements and clauses (`may_hold_an_import`), and a node's
fields list them in source order.
"""
from workers.rewriting.cst_imports import may_hold_an_import
from workers.rewriting.cst_kinds import is_kind
from workers.rewriting.cst_parents import children


def statements_of(node, kind):
    """The statements or clauses of type `kind` below `node`, in source order."""
    found = []
    _collect(node, kind, found)
    return found


def _collect(node, kind, found):
    for child in children(node):
        if is_kind(child, kind):
            found.append(child)
        if may_hold_an_import(child):
            _collect(child, kind, found)
