"""`except E as e:` whose `e` is used after the handler: the handler binds another name and copies it.

Python 3 deletes the name an except clause binds when the handler ends; 2.7 kept it, and code
read it later (unittest2's test: `self.assertIs(cm.exception, e)` after the with block). The
clause binds a fresh name (`_e`) and the handler's first statement is `e = _e`: `e` is then an
ordinary name on 3, bound to the same exception at the same moment as on 2.7.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import parsing, scopes
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

    def transform(self, node, results):
        target = results["target"]
        name, fresh = target.value, _fresh_name(node, target.value)
        target.value = fresh
        target.changed()
        _bind_first(node.next_sibling.next_sibling, "%s = %s" % (name, fresh))


def _fresh_name(node, name):
    used = {leaf.value for leaf in scopes.root_of(node).leaves() if leaf.type == token.NAME}
    fresh = "_" + name
    while fresh in used:
        fresh = "_" + fresh
    return fresh


def _bind_first(body, assignment):
    """Make `assignment` the first statement of a handler's body (a block or one line)."""
    if body.type != syms.suite:
        new = parsing.parse("%s; %s" % (assignment, str(body).lstrip())).children[0]
        new.remove()
        new.prefix = body.prefix
        body.replace(new)
        return
    index = next(i for i, child in enumerate(body.children) if child.type == token.INDENT) + 1
    first = body.children[index]
    statement = parsing.parse(assignment + "\n").children[0]
    statement.remove()
    statement.prefix = first.prefix
    first.prefix = body.children[index - 1].value
    body.insert_child(index, statement)


class ExceptVariableScope(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 92
    trigger = r"\bexcept\b[^:]*(\bas\b|,)"  # `except (A,` may go on to the next line
    summary = "Keep except-clause variables used after their handler"
    explanation = (
        "Python 3 deletes the name bound by `except E as e:` when the handler ends (to break the "
        "traceback reference cycle); Python 2 kept it. Code that reads `e` after the block works on "
        "2.7 and raises NameError or UnboundLocalError on 3. Such a clause binds `_e` instead and the "
        "handler starts with `e = _e`, so `e` outlives the handler on 3 as it did on 2.7."
    )
    review_hint = "The later use may sit on a path where the handler never ran: it fails there on 2.7 and 3 alike."
    risk = NEEDS_REVIEW


FIXER = ExceptVariableScope()
