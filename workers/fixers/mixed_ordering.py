"""Report orderings Python 3 refuses: `x < None`, `1 < "a"`, `sorted([1, "a", None])`."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.patterns import any_of
from workers.rewriting.scopes import refers_to_builtin

_ORDERING = {token.LESS, token.GREATER, token.LESSEQUAL, token.GREATEREQUAL}
_SORTERS = ("sorted", "min", "max")


def kind(node):
    """'number', 'string', 'None' for a literal; None for anything else."""
    if node.type == token.NUMBER:
        return "number"
    if node.type == syms.factor and node.children[0].type in (token.MINUS, token.PLUS):
        return "number" if kind(node.children[1]) == "number" else None
    if node.type == token.STRING or node.type == syms.atom and all(c.type == token.STRING for c in node.children):
        return "string"
    if node.type == token.NAME and node.value == "None":
        return "None"
    return None


def _comparison_note(node):
    children = node.children
    for index in range(1, len(children) - 1, 2):
        operator = children[index]
        if operator.type not in _ORDERING:
            continue
        left, right = kind(children[index - 1]), kind(children[index + 1])
        if "None" in (left, right):
            return ("ordering comparison with None: TypeError on Python 3 (on 2.7 None is smaller than "
                    "everything); test `is None` first")
        if left and right and left != right:
            return "ordering a number against a string: TypeError on Python 3 (2.7 put numbers first)"
    return ""


def _elements(sorter, call):
    """Literal kinds in the elements a sorted/min/max call orders, or set()."""
    positional = [a for a in argument_nodes(call) if a.type != syms.argument]
    if len(positional) == 1:
        display = positional[0]
        if display.type != syms.atom or display.children[0].type not in (token.LSQB, token.LPAR) or len(
                display.children) != 3:
            return set()
        content = display.children[1]
        if content.type in (syms.listmaker, syms.testlist_gexp):
            if any(c.type == syms.comp_for for c in content.children):
                return set()
            items = [c for c in content.children if c.type != token.COMMA]
        else:
            items = [content]
    elif sorter.value != "sorted":
        items = positional
    else:
        return set()
    return {kind(item) for item in items} - {None}


def _call_note(sorter, call):
    if not refers_to_builtin(sorter):
        return ""
    kinds = _elements(sorter, call)
    if len(kinds) >= 2:
        return ("%s() of a mix of %s: TypeError on Python 3 (2.7 ordered None < numbers < strings); "
                "give a key function" % (sorter.value, " and ".join(sorted(kinds))))
    return ""


def _may_match(node):
    """Whether the pattern below can find something here: a comparison with an ordering operator,
    or a call of a name spelled like a sorter (most calls and comparisons are neither)."""
    if node.type == syms.comparison:
        return any(child.type in _ORDERING for child in node.children[1::2])
    first = node.children[0]
    return first.type == token.NAME and first.value in _SORTERS


class _Impl(TreeFixer):
    PATTERN = """
              comparison=comparison< any* >
              |
              power< %s call=trailer< '(' any ')' > any* >
              """ % any_of("sorter", _SORTERS)

    def match(self, node):
        results = _may_match(node) and super().match(node)
        if not results:
            return False
        if "comparison" in results:
            note = _comparison_note(node)
        else:
            note = _call_note(results["sorter"], results["call"])
        return dict(results, note=note) if note else False

    def note(self, node):
        return self.match(node)["note"]


class MixedOrdering(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 91
    reports_only = True
    trigger = r"[<>]=?\s*(None\b|[-+\d'\"])|(\bNone|\d|['\"])\s*[<>]|\b(sorted|min|max)\s*\("
    summary = "Report orderings of None and of mixed types, which raise TypeError on Python 3"
    explanation = (
        "Python 2 ordered any two objects (None first, then numbers, then other types by type name). "
        "Python 3 raises TypeError for `<`, `<=`, `>`, `>=` between unrelated types, including None, "
        "and so do sorted(), min() and max() of such mixes. Comparisons against None and literal "
        "mixes are listed; the fix (a test for None, a key function) depends on what the code meant."
    )
    review_hint = "Only literal mixes are visible here; lists built at run time can mix types too."
    risk = NEEDS_REVIEW


FIXER = MixedOrdering()
