"""`data == ''` on what `.read()` returned → `data in ('', b'')` (end of data on 2.7 and 3)."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name
from workers.rewriting.scopes import PARAMETER, binding_statements
from workers.rewriting.typerefs import expression

_READS = {"read", "readline", "read1", "recv"}
_EMPTY = {"''", '""'}


def _read_result(value):
    """`<anything>.read(...)` (readline, read1, recv), or `read(...)` through a name bound to one
    (`read = f.read`: kid's expat feed loop)."""
    if value.type != syms.power or len(value.children) < 2 or value.children[-1].type != syms.trailer \
            or value.children[-1].children[0].type != token.LPAR:
        return False
    callee = value.children[-2]
    return (callee.value if callee.type == token.NAME else attr_trailer_name(callee)) in _READS


def _of_itself(value, name):
    """`name.encode('utf-8')` and the like: the data read, converted."""
    return value.type == syms.power and value.children[0].type == token.NAME and value.children[0].value == name


def _bound_to_reads(leaf):
    """Every binding of the name around leaf is `name = x.read(...)` (at least one) or `name = name.f(...)`."""
    statements = binding_statements(leaf, leaf.value) or []
    reads = 0
    for stmt in statements:
        if stmt is PARAMETER or stmt.type != syms.expr_stmt or len(stmt.children) != 3:
            return False
        target, value = stmt.children[0], stmt.children[2]
        if target.type != token.NAME or target.value != leaf.value:
            return False
        if _read_result(value):
            reads += 1
        elif not _of_itself(value, leaf.value):
            return False
    return reads > 0


class _Impl(TreeFixer):
    _accept_type = syms.comparison

    def match(self, node):
        if len(node.children) != 3 or node.children[1].type not in (token.EQEQUAL, token.NOTEQUAL):
            return False
        left, right = node.children[0], node.children[2]
        if left.type == token.STRING:
            left, right = right, left
        if right.type != token.STRING or right.value not in _EMPTY or left.type != token.NAME:
            return False
        return {"name": left, "empty": right} if _bound_to_reads(left) else False

    def transform(self, node, results):
        operator = "in" if node.children[1].type == token.EQEQUAL else "not in"
        empty = results["empty"].value
        text = "%s %s (%s, b%s)" % (results["name"].value, operator, empty, empty)
        return expression(text, prefix=node.prefix)


class ReadEndOfData(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"""[=!]=\s*(?:''|"")|(?:''|"")\s*[=!]="""
    trigger_on_code = False  # in the code alone, every string compared looks like ''
    summary = "Test for the end of data with data in ('', b'') where data is what .read() returned"
    explanation = (
        "A stream opened for bytes returns `b''` at the end of data on Python 3, which is never equal "
        "to `''`: a `while` loop waiting for `data == ''` never ends. Where `data` is only ever "
        "assigned what `.read()`, `.readline()`, `.read1()` or `.recv()` returned (or `data.f(...)` of "
        "it), `data == ''` "
        "becomes `data in ('', b'')` (and `!=` `not in`). On 2.7 `b''` is `''`, so the test is the "
        "same; on 3 it holds for text and bytes streams alike."
    )
    review_hint = "Nothing special: the same test on 2.7."
    risk = SAFE


FIXER = ReadEndOfData()
