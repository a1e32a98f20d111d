"""`d.has_key(k)` → `k in d`."""
from fissix.fixes.fix_has_key import FixHasKey

from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes, traversal
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import (PARAMETER, binding_nodes, binding_scope, binding_statements,
                                      own_nodes, refers_to_builtin, root_of)
from workers.rewriting.typerefs import module_attribute


def _unbound_dict_has_key(node):
    """The `has_key` leaf of `dict.has_key(d, k)`, the builtin dict's method called unbound."""
    children = node.children
    if node.type != syms.power or len(children) != 3 or children[0].type != token.NAME \
            or children[0].value != "dict" or not refers_to_builtin(children[0]):
        return None
    attr, call = children[1], children[2]
    if attr.type != syms.trailer or attr.children[0].type != token.DOT or attr.children[1].value != "has_key":
        return None
    if call.type != syms.trailer or call.children[0].type != token.LPAR or len(argument_nodes(call)) != 2:
        return None
    return attr.children[1]


class _Impl(TreeFixer, FixHasKey):
    def match(self, node):
        if _unbound_dict_has_key(node) is not None:
            return {"unbound": True}
        results = super().match(node)
        if not results:
            return results
        if may_meet_own_has_key(root_of(node)) and not certainly_dict(results["before"]):
            return False  # e.g. BeautifulSoup's Tag.has_key looks at attributes, `in` at children
        return results

    def transform(self, node, results):
        if "unbound" in results:
            # dict.__contains__ is what dict.has_key was: the dict's own lookup, a subclass's override skipped
            leaf = _unbound_dict_has_key(node)
            leaf.value = "__contains__"
            leaf.changed()
            return None
        return super().transform(node, results)


def module_defines_has_key(tree):
    """Whether a class of this module defines its own has_key(): a receiver of unknown type may
    be one of its instances, for which `k in x` means something else (or nothing)."""
    return any(classes.binds(node, "has_key") for node in traversal.post_order(tree, (syms.classdef,)))


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
    """The receiver is a name bound, in its scope, only to a dict (`{...}`, `dict(...)`, a weakref
    or collections mapping, a call of this module's function that returns one) or as the function's `**kwargs`; or an attribute
    (`self.SELF_CLOSING_TAGS`) that every assignment in the module makes such a dict."""
    if len(before) == 1 and before[0].type == token.NAME:
        return _name_certainly_dict(before[0])
    last = before[-1]
    if len(before) > 1 and last.type == syms.trailer and last.children[0].type == token.DOT:
        return _attribute_certainly_dict(root_of(last), last.children[1].value)
    return False


def _name_certainly_dict(receiver, depth=0):
    bindings = binding_statements(receiver, receiver.value)
    if not bindings:
        return False
    for binding in bindings:
        if binding is PARAMETER and _is_double_star_parameter(receiver):
            continue
        value = None if binding is PARAMETER else _assigned_value(binding)
        if value is None or not _is_dict_value(value, depth):
            return False
    return True


def _assigned_value(stmt):
    """The value of `target = value` (one target, plain `=`), else None."""
    if stmt.type != syms.expr_stmt or len(stmt.children) != 3 or stmt.children[1].type != token.EQUAL:
        return None
    return stmt.children[2]


# Mappings whose has_key(k) is `k in` them on 2.7 (dict subclasses, and the weakref dicts).
_MAPPING_CLASSES = {"collections": {"OrderedDict", "defaultdict", "Counter"},
                    "weakref": {"WeakValueDictionary", "WeakKeyDictionary"}}


def _is_dict_value(value, depth):
    if value.type == syms.atom and value.children[0].value == "{":
        return True
    if _is_mapping_construction(value):
        return True
    if value.type != syms.power or len(value.children) != 2 or value.children[0].type != token.NAME \
            or value.children[1].children[0].type != token.LPAR:
        return False
    callee = value.children[0]
    bindings = binding_statements(callee, callee.value)
    if bindings is None:
        return callee.value == "dict"
    return depth < 2 and len(bindings) == 1 and bindings[0] is not PARAMETER \
        and bindings[0].type == syms.funcdef and _returns_dict(bindings[0], depth + 1)


def _is_mapping_construction(value):
    """`weakref.WeakValueDictionary(...)`, `collections.OrderedDict(...)`, …"""
    if value.type != syms.power or len(value.children) != 3 or value.children[2].children[0].type != token.LPAR:
        return False
    return any(attribute is not None and attribute.value in names
               for attribute, names in ((module_attribute(value, module), names)
                                        for module, names in _MAPPING_CLASSES.items()))


def _returns_dict(funcdef, depth):
    """Every return of the function gives a name bound only to a dict (buildTagMap's `return built`)."""
    nodes = list(own_nodes(funcdef))
    returns = [node for node in nodes if node.type == syms.return_stmt]
    if not returns or any(node.type == token.NAME and node.value == "yield" for node in nodes):
        return False
    return all(len(ret.children) == 2 and ret.children[1].type == token.NAME
               and _name_certainly_dict(ret.children[1], depth) for ret in returns)


def _attribute_certainly_dict(tree, name):
    """Every assignment to `.name` in the module, or to `name` in a class body, assigns a dict."""
    values = []
    for node in _classes_and_mentions(tree, name):
        if node.type == syms.classdef:
            values.extend(_class_assignment(stmt, name) for stmt in binding_nodes(node).get(name, ()))
        elif node.type == token.NAME and node.value == name and _after_dot(node):
            values.append(_attribute_assignment(node))
    values = [value for value in values if value is not None]
    return bool(values) and all(value is not False and _is_dict_value(value, 0) for value in values)


def _classes_and_mentions(tree, name):
    """The class definitions and the NAME leaves spelled `name` in the module (a walk of the module
    per receiver was most of a plan's time in has_key on Django)."""
    return traversal.of_types(tree, (syms.classdef,)) + traversal.mentions(tree, name)


def _class_assignment(stmt, name):
    """The value of a class body's `name = value`; False for any other binding of `name`."""
    if stmt is PARAMETER or _assigned_value(stmt) is None or stmt.children[0].type != token.NAME:
        return False
    return stmt.children[2]


def _after_dot(leaf):
    return leaf.prev_sibling is not None and leaf.prev_sibling.type == token.DOT


def _attribute_assignment(leaf):
    """The value assigned by `obj.name = value`; None when `obj.name` is only read here; False when
    it is stored some other way (augmented, unpacked, a loop target, deleted)."""
    trailer = leaf.parent
    power = trailer.parent
    if power is None or power.type != syms.power or power.children[-1] is not trailer:
        return None
    parent = power.parent
    if parent.type == syms.expr_stmt and parent.children[-1] is not power:
        return parent.children[2] if _assigned_value(parent) is not None and parent.children[0] is power else False
    return False if _is_store_target(power) else None


def _is_store_target(node):
    while node.parent.type in (syms.exprlist, syms.testlist_star_expr, syms.testlist_gexp, syms.atom, syms.testlist):
        node = node.parent
    parent = node.parent
    if parent.type == syms.expr_stmt:
        return parent.children[-1] is not node
    if parent.type in (syms.for_stmt, syms.comp_for):
        return parent.children[1] is node
    previous = node.prev_sibling
    return parent.type == syms.del_stmt or previous is not None and previous.type == token.NAME \
        and previous.value == "as"


class HasKey(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 10
    trigger = r"\.has_key\b"
    summary = "Replace d.has_key(k) with k in d"
    explanation = (
        "`dict.has_key()` no longer exists on Python 3. `k in d` means the same on 2.7 and 3 and is "
        "what 2.7's own documentation recommends; `not d.has_key(k)` becomes `k not in d`, and an "
        "operand that needs them keeps its parentheses. `dict.has_key(d, k)` (a dict subclass calling "
        "the method it overrides) becomes `dict.__contains__(d, k)`, the same lookup on both."
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
