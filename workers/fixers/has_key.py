"""`d.has_key(k)` → `k in d`."""
from fissix.fixes.fix_has_key import FixHasKey

from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import PARAMETER, binding_scope, binding_statements, root_of


class _Impl(TreeFixer, FixHasKey):
    def match(self, node):
        results = super().match(node)
        if not results:
            return results
        if may_meet_own_has_key(root_of(node)) and not certainly_dict(results["before"]):
            return False  # e.g. BeautifulSoup's Tag.has_key looks at attributes, `in` at children
        return results


def module_defines_has_key(tree):
    """Whether a class of this module defines its own has_key(): a receiver of unknown type may
    be one of its instances, for which `k in x` means something else (or nothing)."""
    return any(node.type == syms.classdef and classes.binds(node, "has_key") for node in tree.pre_order())


def imports_has_key_class(tree):
    """Whether the module imports a module of the checkout that defines its own has_key()
    (BeautifulSoupTests.py's `from BeautifulSoup import *`): its instances may be receivers here."""
    context = getattr(tree, "module_context", None)
    return bool(context is not None and context.has_key_imports)


def may_meet_own_has_key(tree):
    """Whether a receiver of unknown type in this module may be an instance of a class of the
    checkout with its own has_key(): defined here or in a module this one imports."""
    return module_defines_has_key(tree) or imports_has_key_class(tree)


def certainly_dict(before):
    """The receiver is a name bound, in its scope, only to `{...}`, `dict(...)` or as the
    function's `**kwargs`."""
    if len(before) != 1 or before[0].type != token.NAME:
        return False
    receiver = before[0]
    bindings = binding_statements(receiver, receiver.value)
    if not bindings:
        return False
    for binding in bindings:
        if binding is PARAMETER and _is_double_star_parameter(receiver):
            continue
        if binding is PARAMETER or binding.type != syms.expr_stmt or len(binding.children) != 3 \
                or binding.children[0].type != token.NAME or binding.children[1].type != token.EQUAL:
            return False
        value = binding.children[2]
        is_literal = value.type == syms.atom and value.children[0].value == "{"
        is_call = value.type == syms.power and len(value.children) == 2 and value.children[0].type == token.NAME \
            and value.children[0].value == "dict" and binding_statements(value.children[0], "dict") is None
        if not (is_literal or is_call):
            return False
    return True


class HasKey(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 10
    trigger = r"\.has_key\b"
    summary = "Replace d.has_key(k) with k in d"
    explanation = (
        "`dict.has_key()` no longer exists on Python 3. `k in d` means the same on 2.7 and 3 and is "
        "what 2.7's own documentation recommends; `not d.has_key(k)` becomes `k not in d`, and an "
        "operand that needs them keeps its parentheses."
    )
    review_hint = "An object of your own that defines has_key() but not __contains__ needs __contains__."
    risk = SAFE


FIXER = HasKey()


def _is_double_star_parameter(leaf):
    """Whether the name is the `**name` parameter of the function whose scope binds it."""
    scope = binding_scope(leaf, leaf.value)
    if scope is None or scope.type not in (syms.funcdef, syms.lambdef):
        return False
    params = scope.children[2] if scope.type == syms.funcdef else scope.children[1]
    leaves = list(params.leaves())
    return any(star.type == token.DOUBLESTAR and following.type == token.NAME and following.value == leaf.value
               for star, following in zip(leaves, leaves[1:]))
