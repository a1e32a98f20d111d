"""`BytesIO(s)` where s is a native str built from str literals → `BytesIO(six.b(s))`."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import traversal
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, enclosing_method, root_of
from workers.rewriting.scopes import PARAMETER, binding_statements, imported_from, imported_module
from workers.rewriting.typerefs import expression, free_or_module

_BYTES_IO = {("six", "BytesIO"), ("io", "BytesIO")}


def _native_literal(node):
    """A str literal (or adjacent ones) with no b or u prefix."""
    leaves = node.children if node.type == syms.atom and node.children[0].type == token.STRING else [node]
    return all(leaf.type == token.STRING and not set(leaf.value[:2].lower()) & set("bu") for leaf in leaves)


def _native_expression(node, depth=2):
    """'...', '...' % args, 'sep'.join(items), or a name only ever assigned one of those."""
    if _native_literal(node):
        return True
    if node.type == syms.term and node.children[1].type == token.PERCENT:
        return _native_literal(node.children[0])
    if node.type == syms.power and len(node.children) == 3 and attr_trailer_name(node.children[1]) == "join":
        return _native_literal(node.children[0])
    if depth and node.type == token.NAME:
        return _assigned_native(binding_statements(node, node.value), node.value, depth)
    if depth and node.type == syms.power and len(node.children) == 2 and node.children[0].type == token.NAME:
        return _class_attribute_native(node, depth)
    return False


def _assigned_native(statements, name, depth):
    """Every statement binding `name` is `name = <native str expression>`."""
    if not statements:
        return False
    for stmt in statements:
        if stmt is PARAMETER or stmt.type != syms.expr_stmt or len(stmt.children) != 3:
            return False
        target, value = stmt.children[0], stmt.children[2]
        if target.type != token.NAME or target.value != name or not _native_expression(value, depth - 1):
            return False
    return True


def _class_attribute_native(node, depth):
    """`self.X` in a method, X assigned only in the class body and never as an attribute anywhere."""
    name = attr_trailer_name(node.children[1])
    found = enclosing_method(node)
    if name is None or found is None:
        return False
    classdef, funcdef = found
    parameters = [leaf for leaf in funcdef.children[2].leaves() if leaf.type == token.NAME]
    if not parameters or node.children[0].value != parameters[0].value or _attribute_assigned(root_of(node), name):
        return False
    body = classdef.children[-1]
    statements = [stmt.children[0] for stmt in body.children if stmt.type == syms.simple_stmt]
    assigned = [stmt for stmt in statements if stmt.type == syms.expr_stmt and str(stmt.children[0]).strip() == name]
    return _assigned_native(assigned, name, depth)


def _attribute_assigned(tree, name):
    for node in tree.pre_order():
        if node.type == syms.expr_stmt and any(
                child.type == syms.power and attr_trailer_name(child.children[-1]) == name
                for child in node.children[:-1:2]):
            return True
    return False


def _is_bytes_io(callee):
    """`BytesIO` imported from six or io, or `six.BytesIO`."""
    if len(callee) == 1 and callee[0].type == token.NAME and callee[0].value == "BytesIO":
        bound = binding_statements(callee[0], "BytesIO")
        return bool(bound) and all(stmt is not PARAMETER and imported_from(stmt, "BytesIO") in _BYTES_IO
                                   for stmt in bound)
    if len(callee) == 2 and callee[0].type == token.NAME and attr_trailer_name(callee[1]) == "BytesIO":
        bound = binding_statements(callee[0], callee[0].value)
        return bool(bound) and all(stmt is not PARAMETER and imported_module(stmt, callee[0].value) in ("six", "io")
                                   for stmt in bound)
    return False


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        call = node.children[-1]
        if call.type != syms.trailer or call.children[0].type != token.LPAR or len(call.children) != 3:
            return False
        argument = call.children[1]
        if argument.type in (syms.arglist, syms.argument) or not _is_bytes_io(node.children[:-1]):
            return False
        if "unicode_literals" in traversal.module_text(root_of(node)) or not free_or_module(node, "six", "six"):
            return False
        return {"argument": argument} if _native_expression(argument) else False

    def transform(self, node, results):
        argument = results["argument"]
        wrapped = expression("six.b(x)", prefix=argument.prefix)
        argument.replace(wrapped)
        argument.prefix = ""
        wrapped.children[-1].children[1].replace(argument)
        self.needs_six = True
        return None


class BytesBufferNativeStr(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 57  # after stringio, which makes the BytesIO calls
    trigger = r"\bBytesIO\s*\("
    summary = "Give a bytes buffer made from str literals six.b() of them"
    explanation = (
        "On Python 3 `BytesIO` takes bytes, and a native str built from str literals (`'...'`, "
        "`'...' % args`, `'sep'.join(items)`, or a name or class attribute only ever assigned one) "
        "is text there: `BytesIO(s)` raises TypeError. It becomes `BytesIO(six.b(s))`: `six.b` is the "
        "identity on 2.7, so nothing changes there, and encodes as Latin-1 on 3. Not in modules with "
        "`unicode_literals`, where the literals are text on 2.7 too."
    )
    review_hint = (
        "On 3 the text is encoded as Latin-1 (six.b): text with characters beyond it, formatted in "
        "from unicode arguments, raises UnicodeEncodeError there."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = BytesBufferNativeStr()
