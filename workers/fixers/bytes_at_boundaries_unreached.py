"""Report hashlib/hmac/zlib/base64/struct calls whose argument no recorded evidence decided.

bytes_at_boundaries rewrites the calls the 2.7 tests gave text. A call they never reached (or any
call, when no evidence was recorded) may be given text on 3 all the same: it is listed, never
guessed at.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.bytes_at_boundaries import CALLS, called_name, certainly_bytes, source_lines, tree_boundaries
from workers.rewriting import analysis
from workers.rewriting import module_imports as mi
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.protocols import is_call
from workers.rewriting.scopes import root_of

MODULES = ("hashlib", "hmac", "zlib", "base64", "struct")
NO_EVIDENCE = "no bytes/text evidence recorded (`python -m bot evidence`)"
UNREACHED = "the 2.7 tests never reached this call"


def _from_imported(tree):
    """{name bound outside functions and classes by `from <MODULES> import name`: module}."""
    names = {}
    for node in _module_level(tree):
        if node.type == syms.import_from:
            module, pairs = mi.from_import_parts(node)
            names.update({alias or name: module for name, alias in pairs or () if module in MODULES})
    return names


def _module_level(node):
    for child in node.children:
        if child.type not in (syms.funcdef, syms.classdef, syms.decorated):
            yield child
            yield from _module_level(child)


def _module_called(node, children):
    """The boundary module whose function the call at children[1] or [2] calls, or None."""
    head = children[0]
    if head.type != token.NAME:
        return None
    if head.value in MODULES and len(children) > 2 and is_call(children[2]):
        return head.value
    imported = analysis.cached(root_of(node), "boundary_from_imports", lambda: _from_imported(root_of(node)))
    return imported.get(head.value) if is_call(children[1]) else None


def _unsettled_argument(node):
    """The call's argument Python 3 wants bytes for, when it is not bytes already and no evidence covers it."""
    children = node.children
    module = _module_called(node, children)
    index = 2 if module is not None and children[0].value == module else 1
    positions = CALLS.get(module, {}).get(called_name(children, index), ()) if module else ()
    arguments = argument_nodes(children[index])
    unsettled = [arguments[p] for p in positions if p < len(arguments) and not certainly_bytes(arguments[p])
                 and arguments[p].type != syms.argument]
    if not unsettled:
        return None
    recorded = tree_boundaries(root_of(node))
    if any(module in recorded.get(line, {}) for line in source_lines(children, index)):
        return None
    return unsettled[0]


def _unsettled_argument_once(node):
    return analysis.cached_on(node, "unsettled_boundary_argument", _unsettled_argument)


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        return _unsettled_argument_once(node) is not None

    def note(self, node):
        context = getattr(root_of(node), "module_context", None)
        reason = NO_EVIDENCE if context is None or context.evidence is None else UNREACHED
        argument = _unsettled_argument_once(node)
        return "%s: Python 3 wants bytes for %s, which may be text there" % (reason, str(argument).strip())


class BytesAtBoundariesUnreached(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 94
    reports_only = True
    trigger = r"\b(hashlib|hmac|zlib|base64|struct)\b"
    summary = "Report hashlib, hmac, zlib, base64 and struct calls that no recorded evidence decided bytes or text for"
    explanation = (
        "Python 3 refuses text where these functions want bytes. Where the 2.7 tests gave a call text, "
        "bytes_at_boundaries rewrites it; a call they never reached, or any call when no evidence was "
        "recorded, is listed here instead of guessed at: whether its str is text or data cannot be told "
        "from the code. Calls given a b'' literal or an `.encode()` result are not listed."
    )
    review_hint = "Follow the argument back to where it is made: text that is hashed or compressed needs `.encode()`."
    risk = NEEDS_REVIEW


FIXER = BytesAtBoundariesUnreached()
