"""`operator.getslice(a, i, j)` → `a[i:j]`; `setslice(a, i, j, v)` → `a[i:j] = v` and
`delslice(a, i, j)` → `del a[i:j]` as statements."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.string_module import needs_parentheses
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import drop_from_import_name
from workers.rewriting.scopes import from_import_items, from_module, root_of
from workers.rewriting.star_exports import star_exported
from workers.rewriting.typerefs import expression, from_import_origin, is_plain_use, module_attribute, replace_head

# name: (statement or expression template, number of arguments, whether it must be a whole statement)
_FUNCTIONS = {
    "getslice": ("{0}[{1}:{2}]", 3, False),
    "setslice": ("{0}[{1}:{2}] = {3}", 4, True),
    "delslice": ("del {0}[{1}:{2}]", 3, True),
}


def _called_function(node):
    """(name, number of head children) for `operator.getslice(…)` or a from-imported `getslice(…)`."""
    attribute = module_attribute(node, "operator")
    if attribute is not None:
        return (attribute.value, 2) if attribute.value in _FUNCTIONS else (None, 0)
    head = node.children[0]
    if head.type == token.NAME and head.value in _FUNCTIONS and len(node.children) > 1 and (
            from_import_origin(head, "operator") == head.value):
        return head.value, 1
    return None, 0


def _plan(node):
    """(name, call trailer position, arguments) for a call this fixer rewrites; None otherwise."""
    if node.type != syms.power:
        return None
    name, head_count = _called_function(node)
    if name is None or len(node.children) <= head_count:
        return None
    template, count, statement_only = _FUNCTIONS[name]
    args = _positional_arguments(node.children[head_count])
    if args is None or len(args) != count or any("#" in str(arg) for arg in args):
        return None
    if statement_only and not _is_whole_statement(node, head_count):
        return None
    return name, head_count, args


def _positional_arguments(call):
    """The arguments of a call trailer when all are plain positional ones; else None."""
    if call.type != syms.trailer or call.children[0].type != token.LPAR or len(call.children) != 3:
        return None
    inner = call.children[1]
    items = [c for c in inner.children if c.type != token.COMMA] if inner.type == syms.arglist else [inner]
    if any(item.type in (syms.argument, syms.star_expr, token.STAR, token.DOUBLESTAR) for item in items):
        return None
    return items


def _is_whole_statement(node, head_count):
    parent = node.parent
    return (len(node.children) == head_count + 1 and parent is not None and parent.type == syms.simple_stmt
            and parent.children[0] is node)


def _text(arg, receiver=False):
    text = str(arg).strip()
    if arg.type == syms.lambdef or (receiver and (needs_parentheses(arg) or "\n" in text)):
        return "(%s)" % text
    return text


def _replacement(name, args):
    template = _FUNCTIONS[name][0]
    return expression(template.format(_text(args[0], receiver=True), *[_text(arg) for arg in args[1:]]))


def _droppable_imports(stmt):
    """Names of the from-operator import `stmt` whose every use is a call this fixer rewrites."""
    if from_module(stmt) != "operator":
        return set()
    root = root_of(stmt)
    imported = {leaf.value for leaf, alias in from_import_items(stmt) if alias is None} & set(_FUNCTIONS)
    return {name for name in imported if not star_exported(root, name) and all(
        _plan(leaf.parent) is not None for leaf in _uses(root, name))}


def _uses(root, name):
    return [leaf for leaf in root.leaves() if leaf.value == name and is_plain_use(leaf)]


class _Impl(TreeFixer):
    _accept_type = {syms.power, syms.import_from}

    def match(self, node):
        if node.type == syms.import_from:
            return bool(_droppable_imports(node))
        return _plan(node) is not None

    def transform(self, node, results):
        if node.type == syms.import_from:
            return None  # after_fix drops the names once the calls are rewritten
        name, head_count, args = _plan(node)
        new = _replacement(name, args)
        if _FUNCTIONS[name][2]:
            new.prefix = node.prefix
            node.replace(new)
            return None
        replace_head(node, [child.clone() for child in new.children], count=head_count + 1)
        return None

    def after_fix(self, tree):
        used = _names_used(tree)
        for stmt in list(tree.pre_order()):
            if stmt.type == syms.import_from and from_module(stmt) == "operator":
                for name in sorted(set(_FUNCTIONS) - used):
                    if not star_exported(root_of(stmt), name):
                        drop_from_import_name(stmt, name)


def _names_used(tree):
    return {leaf.value for leaf in tree.leaves() if is_plain_use(leaf)}


class OperatorSlices(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 33
    trigger = r"\b(?:get|set|del)slice\b"
    summary = "Replace operator.getslice/setslice/delslice with slice syntax"
    explanation = (
        "Python 3's `operator` has no `getslice`, `setslice` or `delslice`. On 2.7 each does what the "
        "slice syntax does: `getslice(a, i, j)` is `a[i:j]`, `setslice(a, i, j, v)` is `a[i:j] = v` "
        "and `delslice(a, i, j)` is `del a[i:j]` (the last two only where the call is a whole "
        "statement, as their result is always None). `from operator import getslice` is dropped once "
        "nothing uses the name, which also lets modules that import it without using it load on 3."
    )
    risk = SAFE


FIXER = OperatorSlices()
