"""`raise StopIteration` that ends a generator → `return`."""
from fissix.pytree import Leaf
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import analysis
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import own_nodes, refers_to_builtin

_SCOPES = (syms.funcdef, syms.classdef, syms.lambdef, syms.file_input)


def _raises_bare_stop_iteration(raise_stmt):
    """`raise StopIteration` or `raise StopIteration()`: no value a caller could read."""
    exception = raise_stmt.children[1:]
    if len(exception) != 1:
        return False
    node = exception[0]
    if node.type == syms.power:
        call = node.children[1:]
        if len(call) != 1 or [leaf.type for leaf in call[0].children] != [token.LPAR, token.RPAR]:
            return False
        node = node.children[0]
    return node.type == token.NAME and node.value == "StopIteration" and refers_to_builtin(node)


def directly_in_generator(statement):
    """The statement is directly in a generator's body (through if/for/while): no try or with
    could see an exception it raises, which ends the generator on 2.7."""
    node = statement.parent
    while node.type not in _SCOPES:
        if node.type in (syms.try_stmt, syms.with_stmt):
            return False
        node = node.parent
    return node.type == syms.funcdef and analysis.cached_on(node, "is_generator", _yields)


def _yields(function):
    return any(leaf.type == token.NAME and leaf.value == "yield" for leaf in own_nodes(function))


class _Impl(TreeFixer):
    _accept_type = syms.raise_stmt

    def match(self, node):
        return _raises_bare_stop_iteration(node) and directly_in_generator(node)

    def transform(self, node, results):
        return Leaf(token.NAME, "return", prefix=node.prefix)


class GeneratorStopIteration(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 16
    trigger = r"\bStopIteration\b"
    summary = "Replace raise StopIteration in a generator with return"
    explanation = (
        "Since Python 3.7 (PEP 479) a StopIteration raised inside a generator becomes a RuntimeError "
        "instead of ending it. In a generator's own body, outside any try or with statement, "
        "`raise StopIteration` (or `StopIteration()`) becomes `return`, which ends the generator the "
        "same way on 2.7 and 3. A StopIteration carrying a value, or raised where an enclosing try or "
        "with would see it, is left alone."
    )
    review_hint = "Nothing special: the generator stops at the same point on 2.7."
    risk = SAFE


FIXER = GeneratorStopIteration()
