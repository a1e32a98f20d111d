"""`parser.returns_unicode = True` on an expat parser → `if six.PY2:` around it."""
from fissix.fixer_util import find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.parsing import compound_statement
from workers.rewriting.protocols import attr_trailer_name, builtin_is_shadowed, root_of
from workers.rewriting.typerefs import free_or_module

_GUARD = "if six.PY2:  # Python 3's expat parsers have no returns_unicode: they always give text\n"


def _is_true(value):
    if value.type == token.NUMBER:
        return value.value == "1"
    return value.type == token.NAME and value.value == "True" and not builtin_is_shadowed(value, "True")


def _uses_expat(tree):
    """Whether the module imports expat (xml.parsers.expat or pyexpat): the parsers it makes are its."""
    for node in tree.pre_order():
        if node.type in (syms.import_name, syms.import_from) and "expat" in str(node):
            return True
    return False


def _statement_alone(expr_stmt):
    """The simple statement holding only expr_stmt, as a block's own line, or None."""
    stmt = expr_stmt.parent
    if stmt.type != syms.simple_stmt or len(stmt.children) != 2:
        return None
    if stmt.parent.type == syms.suite and _guarded(stmt.parent.parent):
        return None
    return stmt if stmt.parent.type in (syms.suite, syms.file_input) else None


def _guarded(block):
    """`if six.PY2:` (or `if PY2:`) with no other branch: this fixer's own output."""
    return block.type == syms.if_stmt and len(block.children) == 4 and \
        str(block.children[1]).strip() in ("six.PY2", "PY2")


class _Impl(TreeFixer):
    _accept_type = syms.expr_stmt

    def match(self, node):
        if len(node.children) != 3 or node.children[1].type != token.EQUAL or node.children[0].type != syms.power:
            return False
        target, value = node.children[0], node.children[2]
        if attr_trailer_name(target.children[-1]) != "returns_unicode" or not _is_true(value):
            return False
        stmt = _statement_alone(node)
        if stmt is None or not free_or_module(node, "six", "six") or not _uses_expat(root_of(stmt)):
            return False
        return {"stmt": stmt}

    def transform(self, node, results):
        stmt = results["stmt"]
        stmt.replace(compound_statement(_GUARD + "    " + str(stmt).lstrip(), find_indentation(stmt), stmt.prefix))
        self.needs_six = True
        return None


class ExpatReturnsUnicode(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\.\s*returns_unicode\s*="
    summary = "Set an expat parser's returns_unicode only on Python 2"
    explanation = (
        "Python 3's `xml.parsers.expat` parsers have no `returns_unicode` attribute (their handlers "
        "always get text), and setting it raises AttributeError. In a module that imports expat, "
        "`parser.returns_unicode = True` (or `= 1`), alone on its line, goes under `if six.PY2:`, "
        "so 2.7 sets it exactly as before and 3 skips it. An assignment of another value (asking "
        "for UTF-8 bytes) is left alone: Python 3 has no way to do that."
    )
    review_hint = "Nothing special: 2.7 runs the same statement."
    risk = SAFE
    requires = ("six",)


FIXER = ExpatReturnsUnicode()
