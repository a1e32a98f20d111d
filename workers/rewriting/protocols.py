"""Helpers for the protocol fixers (next_method, nonzero, metaclass, function_attributes, …).

- methods defined directly in a class body, and whether they can be called with `self` alone;
- inserting `alias = name` right after a method without disturbing the blank lines, comments and
  indentation that fissix keeps in the method's trailing DEDENT leaves;
- attribute-name awareness: whether a module defines an attribute of a given name itself (a method
  or class attribute called `func_name`, `self.xreadlines = …`), so that attribute-name based
  rewrites leave the module's own attributes alone.
"""
from fissix import pytree
from fissix.fixer_util import Name, Newline, find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import analysis, text_lines, traversal
from workers.rewriting.scopes import AUGMENTED_ASSIGNMENTS, bound_by, bound_names, globals_anywhere, is_bound_around, root_of



def class_of_method(funcdef):
    """The classdef whose body directly holds this (undecorated) funcdef, else None."""
    parent = funcdef.parent
    if parent is None:
        return None
    if parent.type == syms.suite:
        parent = parent.parent
    return parent if parent is not None and parent.type == syms.classdef else None


def enclosing_method(node):
    """(classdef, funcdef) of the method whose body holds node (directly or through nested
    functions), decorated or not; None outside a class's method."""
    while node is not None and node.type != syms.funcdef:
        node = node.parent
    if node is None:
        return None
    holder = node.parent
    if holder is not None and holder.type == syms.decorated:
        holder = holder.parent
    if holder is not None and holder.type == syms.suite:
        holder = holder.parent
    if holder is not None and holder.type == syms.classdef:
        return holder, node
    return enclosing_method(node.parent)


def own_method_call(receiver, name):
    """Whether `receiver.name(...)` calls a method the enclosing class defines itself: the receiver
    is the `self` parameter of a method of a class whose body binds `name` (`self.items()` in a
    class with its own `def items`), so the call is the class's, never a dict's."""
    if receiver.type != token.NAME:
        return False
    node = receiver
    while True:
        found = enclosing_method(node)
        if found is None:
            return False
        classdef, funcdef = found
        groups = parameter_groups(funcdef)
        params = [group[0].value for group in groups if group and group[0].type == token.NAME]
        if receiver.value in params:
            return params.index(receiver.value) == 0 and class_binds(classdef, name)
        node = classdef


def parameter_groups(funcdef):
    """The parameters of a def as lists of nodes, one list per comma-separated parameter."""
    params = funcdef.children[2]
    inner = params.children[1:-1]
    if not inner:
        return []
    if inner[0].type != syms.typedargslist:
        return [inner]
    groups, current = [], []
    for child in inner[0].children:
        if child.type == token.COMMA:
            groups.append(current)
            current = []
        else:
            current.append(child)
    if current:
        groups.append(current)
    return groups


def callable_with_self_only(funcdef):
    """`def m(self)`, `def m(self, n=1)`, `def m(self, *a, **k)`: what a protocol slot calls."""
    groups = parameter_groups(funcdef)
    if not groups or len(groups[0]) != 1 or groups[0][0].type != token.NAME:
        return False
    for group in groups[1:]:
        if group[0].type in (token.STAR, token.DOUBLESTAR):
            continue
        if len(group) >= 3 and group[1].type == token.EQUAL:
            continue
        return False
    return True


def method_named(funcdef, name):
    """The classdef when funcdef is an undecorated `def name(self…)` protocol method, else None."""
    if funcdef.type != syms.funcdef or funcdef.children[1].value != name:
        return None
    classdef = class_of_method(funcdef)
    if classdef is None or not callable_with_self_only(funcdef):
        return None
    return classdef


def class_binds(classdef, name):
    return name in bound_names(classdef)


def alias_statement(target, source, indent):
    """`target = source` as a statement line with the given indentation."""
    expr = pytree.Node(syms.expr_stmt, [Name(target), pytree.Leaf(token.EQUAL, "=", prefix=" "),
                                        Name(source, prefix=" ")])
    stmt = pytree.Node(syms.simple_stmt, [expr, Newline()])
    stmt.prefix = indent
    return stmt


def _trailing_dedents(node):
    leaves = list(node.leaves())
    found = []
    for leaf in reversed(leaves):
        if leaf.type == token.DEDENT or (leaf.type == token.INDENT and not leaf.value):
            found.append(leaf)
        else:
            break
    return list(reversed(found))


def insert_after_statement(stmt, new_stmt):
    """Insert new_stmt as the statement right after `stmt` (a statement in a suite).

    fissix keeps the blank lines and comments that follow an indented block, and the next
    statement's indentation, in the prefixes of the block's DEDENT leaves: those move to after the
    new statement, so it sits directly below `stmt` and everything after keeps its layout."""
    moved = ""
    for leaf in _trailing_dedents(stmt):
        moved += leaf.prefix
        leaf.prefix = ""
    # Comments indented deeper than the new statement belong to the block: they stay above it.
    indent = new_stmt.prefix
    lines = text_lines.lines(moved, keepends=True)
    keep = 0
    while keep < len(lines) and lines[keep].endswith("\n") and lines[keep].lstrip().startswith("#") and (
            len(lines[keep]) - len(lines[keep].lstrip(" \t"))) > len(indent):
        keep += 1
    new_stmt.prefix = "".join(lines[:keep]) + indent
    moved = "".join(lines[keep:])
    parent = stmt.parent
    # by identity: fissix nodes compare equal when they look alike
    parent.insert_child(next(i for i, child in enumerate(parent.children) if child is stmt) + 1, new_stmt)
    following = new_stmt.next_sibling
    if moved:
        if following is None:  # cannot happen in a suite (it ends in DEDENT), kept for safety
            new_stmt.append_child(pytree.Leaf(token.DEDENT, "", prefix=moved))
        else:
            following.prefix = moved + following.prefix


def insert_alias_after_method(funcdef, target, source):
    """`target = source` right after the method, indented like it."""
    indent = find_indentation(funcdef)
    insert_after_statement(funcdef, alias_statement(target, source, indent))


def own_attribute_names(tree):
    """Attribute names the module defines for its own objects: names bound directly in a class
    body (methods, class attributes) and targets of `self.attr = …`."""
    return analysis.cached(tree, "own_attribute_names", lambda: _own_attribute_names(tree))


def _own_attribute_names(tree):
    names = set()
    for node in traversal.of_types(tree, (syms.classdef, syms.expr_stmt)):
        if node.type == syms.classdef:
            names.update(bound_names(node))
        elif node.type == syms.expr_stmt:
            children = node.children
            for index, child in enumerate(children[:-1]):
                following = children[index + 1]
                if following.type == token.EQUAL or following.type in AUGMENTED_ASSIGNMENTS:
                    names.update(_self_attribute_targets(child))
    return frozenset(names)


def _self_attribute_targets(target):
    if target.type == syms.power:
        children = target.children
        if len(children) == 2 and is_name(children[0], "self") and attr_trailer_name(children[1]):
            return {attr_trailer_name(children[1])}
        return set()
    if target.type in (syms.atom, syms.exprlist, syms.testlist_gexp, syms.testlist, syms.testlist_star_expr,
                       syms.listmaker):
        names = set()
        for child in target.children:
            names.update(_self_attribute_targets(child))
        return names
    return set()


def imported_names(tree):
    """Names bound by an import statement anywhere in the module (modules and from-imports)."""
    return analysis.cached(tree, "imported_names", lambda: frozenset(
        name for node in traversal.of_types(tree, (syms.import_name, syms.import_from)) for name in bound_by(node)))


def is_assignment_target(node):
    """Whether `node` (a power) is, or is inside, the target of an assignment or `del`."""
    child, parent = node, node.parent
    while parent is not None:
        if parent.type == syms.expr_stmt:
            children = parent.children
            index = children.index(child)
            return index + 1 < len(children) and (
                children[index + 1].type == token.EQUAL or children[index + 1].type in AUGMENTED_ASSIGNMENTS
                or children[index + 1].type == syms.annassign)
        if parent.type == syms.del_stmt:
            return True
        if parent.type in (syms.simple_stmt, syms.suite, syms.file_input, syms.trailer, syms.arglist,
                           syms.argument):
            return False
        if parent.type in (syms.for_stmt, syms.comp_for):
            return child is parent.children[1]
        child, parent = parent, parent.parent
    return False


def is_name(node, value):
    return node.type == token.NAME and node.value == value


def attr_trailer_name(trailer):
    """`x` for a `.x` trailer, else None."""
    if trailer.type == syms.trailer and trailer.children[0].type == token.DOT:
        return trailer.children[1].value
    return None


def is_empty_call(trailer):
    return trailer.type == syms.trailer and len(trailer.children) == 2 and trailer.children[0].type == token.LPAR


def is_call(trailer):
    return trailer.type == syms.trailer and trailer.children[0].type == token.LPAR


def power_from(children, prefix=""):
    """A power node (or the single node) made of clones of `children`."""
    nodes = [child.clone() for child in children]
    if len(nodes) == 1:
        node = nodes[0]
    else:
        node = pytree.Node(syms.power, nodes)
    node.prefix = prefix
    return node


def declared_global_anywhere(tree, name):
    """Whether some function says `global name`: it may rebind the module's name at run time
    (names.is_bound_around only sees module-level bindings of it)."""
    return name in globals_anywhere(tree)


def builtin_is_shadowed(node, name):
    """Whether `name` at node may not be the builtin: bound in an enclosing scope, or a function
    declares it global."""
    return is_bound_around(node, name) or declared_global_anywhere(root_of(node), name)
