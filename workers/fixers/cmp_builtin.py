"""`cmp(a, b)` → `((a > b) - (a < b))` for simple operands (`not cmp(a, b)`, `cmp(a, b) == 0` → `a == b`); any other use of the builtin (a call with
complex operands, `cmp` passed as a value: `sortUsing=cmp`) gives the module, after its imports,

    try:
        cmp
    except NameError:  # Python 3
        cmp = lambda a, b: (a > b) - (a < b)

so on 2.7 `cmp` is still the builtin and on 3 it is the same -1/0/1 comparison.

A class attribute bound to it (`sortTestMethodsUsing = cmp`, 2.7's unittest) becomes
`staticmethod(cmp)`, as in Python 3's unittest: the Python 3 lambda is a function, which
`self.attr` would bind as a method (the builtin never was one); on 2.7 the wrapper changes nothing.
"""
from fissix.fixer_util import Call, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import parsing
from workers.rewriting.builtin_calls import call_arguments, call_trailer, is_simple, is_whole_call
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import define_for_python3
from workers.rewriting.scopes import refers_to_builtin


def _operands(leaf):
    """The two operands of a `cmp(a, b)` call that can be written inline, else None."""
    if not is_whole_call(leaf):
        return None
    arguments = call_arguments(call_trailer(leaf))
    if arguments is None:
        return None
    positional, keywords = arguments
    if keywords or len(positional) != 2 or not all(is_simple(arg) for arg in positional):
        return None
    if any("#" in inner.prefix for inner in list(leaf.parent.leaves())[1:]):
        return None  # a comment inside the call would be lost
    return positional


def _is_class_attribute_value(leaf):
    """Whether `leaf` is the whole value of an assignment in a class body (`attr = cmp`)."""
    stmt = leaf.parent
    if stmt.type != syms.expr_stmt or stmt.children[-1] is not leaf or len(stmt.children) < 3 \
            or stmt.children[-2].type != token.EQUAL:
        return False
    body = stmt.parent.parent if stmt.parent is not None else None
    return body is not None and (body.type == syms.classdef or (
        body.type == syms.suite and body.parent is not None and body.parent.type == syms.classdef))


def _expression(text):
    tree = parsing.parse("_ = %s\n" % text)
    expr = tree.children[0].children[0].children[2]
    expr.remove()
    return expr


def _equality_test(call):
    """(node, operator) when the call only serves to test equality, `not cmp(a, b)` or
    `cmp(a, b) == 0` / `!= 0`: then `a == b` / `a != b` says it, and stays False for unrelated types
    on 3 where `a > b` raises; else (None, None)."""
    parent = call.parent
    if parent.type == syms.not_test:
        return parent, "=="
    if parent.type == syms.comparison and len(parent.children) == 3 and parent.children[0] is call:
        operator, other = parent.children[1:]
        if operator.type in (token.EQEQUAL, token.NOTEQUAL) and other.type == token.NUMBER and other.value == "0":
            return parent, operator.value
    return None, None


class _Impl(TreeFixer):
    _accept_type = token.NAME
    _accept_values = frozenset({"cmp"})

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_definition = False

    def match(self, node):
        return node.value == "cmp" and refers_to_builtin(node)

    def transform(self, node, results):
        operands = _operands(node)
        if operands is None:
            self.needs_definition = True
            if _is_class_attribute_value(node):
                node.replace(Call(Name("staticmethod", prefix=node.prefix), [Name("cmp")]))
            return
        a, b = (str(arg).strip() for arg in operands)
        replaced, operator = _equality_test(node.parent)
        if replaced is not None:
            new = _expression("%s %s %s" % (a, operator, b))
        else:
            replaced, new = node.parent, _expression("((%s > %s) - (%s < %s))" % (a, b, a, b))
        new.prefix = replaced.prefix
        replaced.replace(new)

    def after_fix(self, tree):
        super().after_fix(tree)
        if self.needs_definition:
            define_for_python3(tree, "cmp", "lambda a, b: (a > b) - (a < b)")


class CmpBuiltin(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 26
    trigger = r"\bcmp\b"
    summary = "Replace cmp(a, b) with ((a > b) - (a < b))"
    explanation = (
        "The `cmp` builtin is gone in Python 3. `(a > b) - (a < b)` is the replacement Python 3's "
        "documentation gives: -1, 0 or 1 on both versions, and on 2.7 `>` and `<` fall back to "
        "`__cmp__` just as `cmp()` did. It is written inline when both operands are names, attributes, "
        "literals or simple subscripts, which can be evaluated twice. Any other use (complex operands, "
        "`cmp` passed as a comparison function) gets a definition after the module's imports, made only "
        "on Python 3, so 2.7 keeps the builtin; a class attribute bound to it becomes "
        "`staticmethod(cmp)`, so that `self.attr(a, b)` does not pass `self` on 3. A module or function that defines or imports its own "
        "`cmp` (very common) is left alone."
    )
    review_hint = (
        "Values that are unordered (NaN, sets compared by subset) gave other answers from cmp(); "
        "on Python 3 the module's cmp is a new function each module defines, so `f is cmp` across "
        "modules is no longer true."
    )
    risk = SAFE


FIXER = CmpBuiltin()
