"""`def f(x, True=True, False=False)` → `def f(x)`: the "globals into locals" speed-up."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer

_CONSTANTS = {"True", "False"}
_PARAMETER_LISTS = (syms.typedargslist, syms.varargslist)


def _is_constant_parameter(leaf):
    """`True=True` in a parameter list: the parameter defaults to the builtin of its own name."""
    following = leaf.next_sibling
    return leaf.value in _CONSTANTS and leaf.parent is not None and leaf.parent.type in _PARAMETER_LISTS \
        and following is not None and following.type == token.EQUAL \
        and following.next_sibling.type == token.NAME and following.next_sibling.value == leaf.value


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        return _is_constant_parameter(node)

    def transform(self, node, results):
        default = node.next_sibling.next_sibling
        parts = [node, node.next_sibling, default]
        after = default.next_sibling
        if after is not None and after.type == token.COMMA:
            parts.append(after)
        elif node.prev_sibling is not None and node.prev_sibling.type == token.COMMA:
            parts.insert(0, node.prev_sibling)
        following = parts[-1].next_sibling
        if following is not None:
            following.prefix = parts[0].prefix if "#" in parts[0].prefix else following.prefix
        for part in parts:
            part.remove()


class ConstantParameters(FissixFixer):
    tree_fixer = _Impl
    order = 6
    trigger = r"\b(?:True|False)\s*=\s*(?:True|False)\b"
    summary = "Remove True=True and False=False parameters"
    explanation = (
        "Some Python 2 code binds builtins as parameter defaults to make lookups local "
        "(`def f(x, False=False, True=True)`); True and False are keywords on Python 3, so such a "
        "function does not compile there. The parameter is removed: in the body the name is then "
        "the builtin itself, the same value. Only a caller passing that parameter (positionally past "
        "the real ones, or as `**{'True': …}`) would see a difference."
    )
    review_hint = "Check that no caller passes the removed parameter."
    risk = SAFE


FIXER = ConstantParameters()
