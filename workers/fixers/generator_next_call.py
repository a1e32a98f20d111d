"""`yield next(it)` in a generator → the statement in `try: … except StopIteration: return`.

On 2.7 a StopIteration escaping a generator's body (`next(it)` on an exhausted iterator) ends the
generator quietly; since 3.7 (PEP 479) it becomes RuntimeError. A statement of a generator's own
body that calls the builtin `next` with no default, outside any try or with that could see the
exception, is wrapped so that the StopIteration ends the generator by `return`, as it did on 2.7
(whichever part of the statement raised it: on 2.7 any of them ended the generator).
"""
from fissix.fixer_util import find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.generator_stop_iteration import directly_in_generator
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.parsing import compound_statement
from workers.rewriting.scopes import refers_to_builtin

# a next() inside these runs in its own frame (a lambda, a generator expression) or is caught
_STOPS = (syms.lambdef, syms.comp_for)
WRAPPED = "try:\n    {statement}except StopIteration:\n    return\n"


def _next_without_default(leaf):
    """`next(x)`: the builtin, one positional argument (with a default it never raises StopIteration)."""
    power = leaf.parent
    if leaf.type != token.NAME or leaf.value != "next" or power is None or power.type != syms.power:
        return False
    if power.children[0] is not leaf or len(power.children) < 2:
        return False
    call = power.children[1]
    if call.type != syms.trailer or call.children[0].type != token.LPAR or len(call.children) != 3:
        return False
    arguments = [call.children[1]]
    if arguments[0].type == syms.arglist:  # as a rewritten `it.next()` builds even one argument
        arguments = [child for child in arguments[0].children if child.type != token.COMMA]
    if len(arguments) != 1 or arguments[0].type == syms.argument or arguments[0].type in (token.STAR, token.DOUBLESTAR):
        return False
    return refers_to_builtin(leaf)


def _calls_next(statement):
    for leaf in statement.leaves():
        if _next_without_default(leaf) and not _inside(leaf, statement, _STOPS):
            return True
    return False


def _inside(node, top, types):
    """Under a node of these types, or in a comprehension (its comp_for is a sibling, not a parent)."""
    node = node.parent
    while node is not None and node is not top:
        if node.type in types or any(child.type in types for child in node.children):
            return True
        node = node.parent
    return False


def _generator_body_statement(simple_stmt):
    """The line sits in a block of a generator's own body, not under a try or with."""
    return simple_stmt.parent is not None and simple_stmt.parent.type == syms.suite and directly_in_generator(
        simple_stmt)


def _one_statement(node):
    """A line holding one statement (no `a; b`), not a return (a generator's return value is 3-only)."""
    return (len(node.children) == 2 and node.children[-1].type == token.NEWLINE
            and node.children[0].type != syms.return_stmt)


class _Impl(TreeFixer):
    _accept_type = syms.simple_stmt

    def match(self, node):
        return _one_statement(node) and _generator_body_statement(node) and _calls_next(node)

    def transform(self, node, results):
        text = WRAPPED.format(statement=str(node)[len(node.prefix):])
        node.replace(compound_statement(text, find_indentation(node), node.prefix))


class GeneratorNextCall(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 25
    trigger = r"\bnext\b"
    summary = "Wrap next(it) statements of a generator in try/except StopIteration: return"
    explanation = (
        "Since Python 3.7 (PEP 479) a StopIteration escaping a generator's body becomes a RuntimeError; "
        "on 2.7 it ended the generator. A statement of a generator's own body (outside any try or with) "
        "that calls the builtin `next(it)` without a default, such as `yield next(it)`, is wrapped in "
        "`try:` / `except StopIteration: return`, which ends the generator at the same point on 2.7 and 3."
    )
    review_hint = "Nothing special: the generator stops where it stopped on 2.7."
    risk = SAFE


FIXER = GeneratorNextCall()
