"""Report `except … as e:` whose `e` is used after the handler: Python 3 deletes it there."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import scopes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer

_TARGET_PARTS = (syms.atom, syms.testlist_gexp, syms.exprlist, syms.testlist_star_expr, syms.star_expr,
                 syms.listmaker, syms.testlist)


def _binds(leaf):
    """Whether this occurrence of a name (re)binds it rather than reading it."""
    child, parent = leaf, leaf.parent
    while parent is not None and parent.type in _TARGET_PARTS:
        child, parent = parent, parent.parent
    if parent is None:
        return False
    siblings = parent.children
    if parent.type == syms.expr_stmt:
        index = siblings.index(child)
        return index + 1 < len(siblings) and siblings[index + 1].type == token.EQUAL
    if parent.type in (syms.for_stmt, syms.comp_for):
        return child is siblings[1]
    if parent.type == syms.except_clause:
        return child is siblings[-1] and len(siblings) == 4
    if parent.type in (syms.with_stmt, syms.with_item):
        index = siblings.index(child)
        return index > 0 and siblings[index - 1].type == token.NAME and siblings[index - 1].value == "as"
    if parent.type in (syms.import_as_name, syms.dotted_as_name, syms.import_as_names, syms.import_from,
                       syms.import_name, syms.funcdef, syms.classdef):
        return True
    return False


def _is_name_use(leaf):
    previous = leaf.prev_sibling
    if previous is not None and previous.type == token.DOT:
        return False
    return not scopes.is_keyword_argument(leaf) and not (
        leaf.parent.type in (syms.funcdef, syms.classdef) and leaf is leaf.parent.children[1])


def later_use(clause, target):
    """The first leaf reading the except target after the handler, in the same scope; or None."""
    suite = clause.next_sibling.next_sibling if clause.next_sibling is not None else None
    if suite is None:
        return None
    end = max(leaf.lineno for leaf in suite.leaves() if leaf.type not in (token.INDENT, token.DEDENT) and leaf.value)
    scope = scopes.enclosing_scope(clause)
    for node in scopes.own_nodes(scope):
        if node.type != token.NAME or node.value != target.value or node.lineno <= end or not _is_name_use(node):
            continue
        if _binds(node):
            return None
        return node
    return None


class _Impl(TreeFixer):
    PATTERN = "except_clause< 'except' any (',' | 'as') target=NAME >"

    def match(self, node):
        results = super().match(node)
        use = results and later_use(node, results["target"])
        return dict(results, use=use) if use else False

    def note(self, node):
        use = self.match(node)["use"]
        return ("`%s` is deleted at the end of this except block on Python 3, but line %d still uses it "
                "(NameError there): assign it to another name inside the block" % (use.value, use.lineno))


class ExceptVariableScope(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 92
    reports_only = True
    trigger = r"\bexcept\b[^:\n]*(\bas\b|,)"
    summary = "Report except-clause variables used after their handler"
    explanation = (
        "Python 3 deletes the name bound by `except E as e:` when the handler ends (to break the "
        "traceback reference cycle); Python 2 kept it. Code that reads `e` after the block works on "
        "2.7 and raises NameError or UnboundLocalError on 3. Each such handler is listed with the line "
        "of the later use; the fix is to copy the exception to another name inside the block."
    )
    review_hint = "The later use may sit on a path where the handler never ran; it still has to be renamed."
    risk = NEEDS_REVIEW


FIXER = ExceptVariableScope()
