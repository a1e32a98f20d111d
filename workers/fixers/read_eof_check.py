"""`data == ''` where `data` is what a read returned → `data in ('', b'')` (`!=`: `not in`).

Python 2 code tests for the end of a file or socket with `data == ''`. On 3 a binary file, BytesIO or
socket returns b'', which never equals '': the loop reading until that test never ends (kid's
expat feed loop hung its suite). On 2.7 b'' is '' itself, so `data in ('', b'')` is the very same
test there, and on 3 it is true for either end. Only a name its scope assigns nothing but the result of a
`read`, `readline`, `read1` or `recv` call (a method, or a name bound to one: `read = f.read`).
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, is_call
from workers.rewriting.scopes import PARAMETER, binding_statements
from workers.rewriting.typerefs import expression

READS = frozenset({"read", "readline", "read1", "recv"})
_EMPTY = ("''", '""')


def _read_call(node):
    """`x.read(…)` or `read(…)`: a call of a read method (or a name that stands for one)."""
    if node.type != syms.power or not is_call(node.children[-1]) or len(node.children) < 2:
        return False
    callee = node.children[-2]
    name = callee.value if callee.type == token.NAME else attr_trailer_name(callee)
    return name in READS


def _assigned_only_reads(name):
    bound = binding_statements(name, name.value) or []
    return bool(bound) and all(
        stmt is not PARAMETER and stmt.type == syms.expr_stmt and len(stmt.children) == 3
        and stmt.children[1].type == token.EQUAL and stmt.children[0].type == token.NAME
        and _read_call(stmt.children[2]) for stmt in bound)


def _read_and_empty(node):
    """(the NAME, the operator) of `name == ''` / `'' != name` on a name holding a read's result, else None."""
    if node.type != syms.comparison or len(node.children) != 3:
        return None
    left, operator, right = node.children
    if operator.type not in (token.EQEQUAL, token.NOTEQUAL):
        return None
    name, empty = (left, right) if right.type == token.STRING else (right, left)
    if empty.type != token.STRING or empty.value not in _EMPTY or name.type != token.NAME:
        return None
    return (name, operator.type) if _assigned_only_reads(name) else None


class _Impl(TreeFixer):
    _accept_type = syms.comparison

    def match(self, node):
        found = _read_and_empty(node)
        return {"name": found[0], "operator": found[1]} if found else False

    def transform(self, node, results):
        name = results["name"].value
        text = ("%s in ('', b'')" if results["operator"] == token.EQEQUAL else "%s not in ('', b'')") % name
        node.replace(expression(text, prefix=node.prefix))


class ReadEofCheck(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 54
    trigger = r"""[!=]=\s*(''|"")|(''|"")\s*[!=]="""
    summary = "Test for the end of a read against both '' and b''"
    explanation = (
        "On Python 3 a binary file, BytesIO or socket returns b'' at the end, which never equals ''. "
        "`data == ''` on what a read returned becomes `data in ('', b'')` (and `!=` `not in`): on 2.7 "
        "b'' is '' itself, so the test is the same there, and on 3 it also ends the loop."
    )
    review_hint = "Nothing changes on 2.7; on 3 a read returning b'' now counts as the end too."
    risk = SAFE


FIXER = ReadEofCheck()
