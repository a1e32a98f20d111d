"""`obj.async` → `getattr(obj, "async")`, `obj.async = v` → `setattr(obj, "async", v)`: `async` and
`await` are keywords on Python 3.7+, where the dotted form does not compile."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, power_from
from workers.rewriting.typerefs import expression

KEYWORDS = {"async", "await"}
_AUGMENTED = {"+=": "+", "-=": "-"}


def _keyword_index(power):
    """Index of the first `.async` / `.await` trailer of the power node, or None."""
    for index, child in enumerate(power.children[1:], 1):
        if child.type == token.DOUBLESTAR:
            return None
        if attr_trailer_name(child) in KEYWORDS:
            return index
    return None


def _statement_form(power):
    """'set' for `x.async = v`, 'augment' for `name.async += 1`, 'load' for a read; None otherwise."""
    parent = power.parent
    last = _keyword_index(power) == len(power.children) - 1
    if parent.type == syms.expr_stmt and parent.children[0] is power and last:
        if len(parent.children) != 3 or parent.parent.type != syms.simple_stmt:
            return None
        operator, value = parent.children[1].value, parent.children[2]
        if operator == "=":
            return "set"
        simple_receiver = len(power.children) == 2 and power.children[0].type == token.NAME
        return "augment" if operator in _AUGMENTED and simple_receiver and value.type == token.NUMBER else None
    if parent.type in (syms.del_stmt, syms.exprlist, syms.testlist_star_expr, syms.for_stmt) or (
            parent.type == syms.expr_stmt and parent.children[-1] is not power):
        return None
    return "load"


def _text(node):
    return str(node).strip()


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        return _keyword_index(node) is not None and _statement_form(node) is not None

    def transform(self, node, results):
        form = _statement_form(node)
        index = _keyword_index(node)
        receiver = _text(power_from(node.children[:index]))
        name = attr_trailer_name(node.children[index])
        if form == "load":
            rest = "".join(str(child) for child in node.children[index + 1:])
            return expression('getattr(%s, "%s")%s' % (receiver, name, rest), prefix=node.prefix)
        stmt = node.parent
        value = _text(stmt.children[2])
        if form == "augment":
            value = 'getattr(%s, "%s") %s %s' % (receiver, name, _AUGMENTED[stmt.children[1].value], value)
        stmt.replace(expression('setattr(%s, "%s", %s)' % (receiver, name, value), prefix=stmt.prefix))
        return None


class KeywordAttributes(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 16
    trigger = r"\.\s*(?:async|await)\b"
    summary = "Spell attributes named async or await with getattr/setattr"
    explanation = (
        "`async` and `await` are keywords on Python 3.7+, so `self.async` does not compile there. "
        "Reading it becomes `getattr(self, \"async\")`, `self.async = v` becomes "
        "`setattr(self, \"async\", v)` and `self.async += 1` becomes `setattr(self, \"async\", "
        "getattr(self, \"async\") + 1)`: the same attribute on 2.7 and 3, so code elsewhere that uses "
        "it keeps working. Other stores (`del`, unpacking, augmented assignment of something other than "
        "a number) are left for a person."
    )
    review_hint = "Consider renaming the attribute (async_) where no other code reads it."
    risk = SAFE


FIXER = KeywordAttributes()
