"""Report names read after a list comprehension that bound them: `[x for x in xs]; print x`.

Python 2 runs a list comprehension in the enclosing scope, so its loop variable stays bound
afterwards, holding the last item; Python 3 gives the comprehension its own scope, so the same
read raises NameError, or finds another binding of the name (the module's, an earlier one). A
read is reported when the closest earlier mention of the name in the same scope, in source order,
is the target of a list comprehension it is not part of; `del x` after the comprehension counts.
No rewrite: the value left behind is the last item, or nothing when the list was empty, and only
a person knows which the code relies on.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import analysis, traversal
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.module_exports import is_list_comprehension_for
from workers.rewriting.scopes import enclosing_scope, is_keyword_argument, target_names, root_of



def _leaking_names(tree):
    """The names the module's list comprehensions bind (their `for` clauses from the tree's index)."""
    return analysis.cached(tree, "comprehension_variable_leak.names", lambda: frozenset(
        name for comp_for in traversal.post_order(tree, (syms.comp_for,)) if is_list_comprehension_for(comp_for)
        for name in target_names(comp_for.children[1])))


def _is_variable(leaf):
    previous = leaf.prev_sibling
    if previous is not None and previous.type == token.DOT:
        return False
    return not is_keyword_argument(leaf)


def _is_store(leaf):
    """Whether the mention binds the name (an assignment, a for target, an import, a def…)."""
    child, node = leaf, leaf.parent
    while node is not None and node.type not in (syms.simple_stmt, syms.suite, syms.file_input):
        kind = node.type
        if kind in (syms.funcdef, syms.classdef):
            return child is node.children[1]
        if kind == syms.for_stmt:
            return child is node.children[1]
        if kind in (syms.import_name, syms.import_from):
            return True
        if kind == syms.with_item:
            return child is node.children[-1]
        if kind == syms.except_clause:
            return len(node.children) >= 4 and child is node.children[-1]
        if kind == syms.expr_stmt:
            children = node.children
            index = children.index(child)
            return index + 1 < len(children) and children[index + 1].type == token.EQUAL
        child, node = node, node.parent
    return False


def _binding_comprehension(leaf):
    """The innermost comprehension `for` clause around leaf (its target included) binding leaf's
    name, or None: inside it the name is the comprehension's variable on both versions."""
    node = leaf.parent
    while node is not None and node.type not in (syms.simple_stmt, syms.file_input, syms.suite):
        if node.type in (syms.listmaker, syms.testlist_gexp, syms.dictsetmaker, syms.argument):
            for child in node.pre_order():
                if child.type == syms.comp_for and leaf.value in target_names(child.children[1]) and (
                        _owner(child) is node):
                    return child
        node = node.parent
    return None


def _owner(comp_for):
    node = comp_for.parent
    while node is not None and node.type in (syms.comp_for, syms.comp_if, syms.comp_iter):
        node = node.parent
    return node


def _occurrences(scope):
    """{name: [leaf, …]} of the variables the scope's own code mentions, in source order."""
    return analysis.cached_on(scope, "comprehension_variable_leak.occurrences", _read_occurrences)


def _read_occurrences(scope):
    found = {}
    tree = root_of(scope)
    for name in _leaking_names(tree):
        mentions = [leaf for leaf in traversal.mentions(tree, name, within=scope)
                    if _is_variable(leaf) and enclosing_scope(leaf) is scope]
        if mentions:
            found[name] = mentions
    return found


def leaked_from(leaf):
    """The list comprehension `for` clause whose leaked variable this read depends on, or None."""
    if leaf.type != token.NAME or leaf.value not in _leaking_names(root_of(leaf)) or not _is_variable(leaf):
        return None
    if _is_store(leaf) or _binding_comprehension(leaf) is not None:
        return None
    scope = enclosing_scope(leaf)
    if scope is None:
        return None
    mentions = _occurrences(scope).get(leaf.value, [])
    index = next((i for i, other in enumerate(mentions) if other is leaf), None)
    if index is None:
        return None
    for earlier in reversed(mentions[:index]):
        comp_for = _binding_comprehension(earlier)
        if comp_for is not None:
            if is_list_comprehension_for(comp_for):
                return comp_for
            continue  # a generator's own variable: not this scope's
        if _is_store(earlier):
            return None  # bound again since: the read follows that binding on both versions
    return None


def deleted_name(del_stmt):
    """The NAME leaf of `del name` / `del(name)`, else None."""
    target = del_stmt.children[1]
    if target.type == syms.atom and len(target.children) == 3 and target.children[0].type == token.LPAR:
        target = target.children[1]
    return target if target.type == token.NAME else None


def is_guarded_del(leaf):
    """Whether leaf is the name of `try: del name` / `except NameError:` (comprehension_variable_del's form)."""
    del_stmt = leaf.parent if leaf.parent.type == syms.del_stmt else leaf.parent.parent
    if del_stmt is None or del_stmt.type != syms.del_stmt or deleted_name(del_stmt) is not leaf:
        return False
    suite = del_stmt.parent.parent
    try_stmt = suite.parent if suite is not None and suite.type == syms.suite else None
    if try_stmt is None or try_stmt.type != syms.try_stmt or try_stmt.children[2] is not suite:
        return False
    return any(child.type == syms.except_clause and str(child).split() == ["except", "NameError"]
               for child in try_stmt.children)


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        return leaked_from(node) is not None and not is_guarded_del(node)

    def note(self, node):
        comp_for = leaked_from(node)
        if comp_for is None:
            return ""
        return ("`%s` here is the variable the list comprehension on line %d left behind on 2.7 (its last item); "
                "Python 3 does not leak it: NameError, or another binding of the name. Bind it explicitly "
                "(a for loop, or next/last item)" % (node.value, comp_for.get_lineno()))


class ComprehensionVariableLeak(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 93
    reports_only = True
    trigger = r"\bfor\b"
    summary = "Report names read after the list comprehension that bound them (Python 2 leaked them)"
    explanation = (
        "On Python 2 a list comprehension's loop variable stays bound after it, holding the last "
        "item; on Python 3 it does not exist outside the comprehension. Each later read of such a "
        "name (or `del` of it) in the same scope is listed: on Python 3 it raises NameError or "
        "reads another binding of the name."
    )
    review_hint = "Bind the name explicitly where it is read (an ordinary for loop keeps it bound on both)."
    risk = NEEDS_REVIEW

    def applies_to(self, tree):
        """Only a module with a list comprehension: most have a `for`, and every NAME is asked about."""
        return bool(_leaking_names(tree))

    def name_values(self, tree):
        return _leaking_names(tree)  # a read of any other name leaks nothing


FIXER = ComprehensionVariableLeak()
