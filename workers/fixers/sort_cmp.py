"""`sorted(x, cmp=f)` / `x.sort(cmp=f)` / `sorted(x, f)` → `key=functools.cmp_to_key(f)`."""
from fissix.fixer_util import Call, KeywordArg, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes
from workers.rewriting.protocols import enclosing_method, own_method_call, parameter_groups
from workers.rewriting.scopes import PARAMETER, binding_statements, refers_to_builtin
from workers.rewriting.builtin_calls import call_arguments, dotted, is_none
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import

_POSITIONAL_NAMES = ("cmp", "key", "reverse")  # sorted(iterable, cmp, key, reverse) on Python 2


def _call_of(leaf):
    """The call trailer of `sorted(...)` (the builtin) or `<expr>.sort(...)`."""
    parent = leaf.parent
    if leaf.value == "sorted":
        if parent.type == syms.power and parent.children[0] is leaf and refers_to_builtin(leaf):
            trailer = parent.children[1]
            if trailer.type == syms.trailer and trailer.children[0].type == token.LPAR:
                return trailer, True
    elif leaf.value == "sort":
        if parent.type == syms.trailer and parent.children[0].type == token.DOT:
            trailer = parent.next_sibling
            if trailer is not None and trailer.type == syms.trailer and trailer.children[0].type == token.LPAR:
                return trailer, False
    return None


def _two_required_parameters(params):
    """The parameter nodes of a def/lambda are exactly two plain names (no defaults, no *args)."""
    if params is None or params.type not in (syms.typedargslist, syms.varargslist):
        return False
    items = params.children
    return len(items) == 3 and items[0].type == token.NAME and items[1].type == token.COMMA and \
        items[2].type == token.NAME


def _is_comparison_function(node):
    """A lambda of two arguments, a name bound only to a `def f(a, b)` / such a lambda, or
    `self.f` for the class's own `def f(self, a, b)`."""
    if node.type == syms.lambdef:
        return _two_required_parameters(node.children[1])
    if node.type == syms.power:
        return _own_comparison_method(node)
    if node.type != token.NAME:
        return False
    bound = binding_statements(node, node.value)
    if not bound or PARAMETER in bound:
        return False
    for stmt in bound:
        if stmt.type == syms.funcdef:
            if stmt.parent is not None and stmt.parent.type == syms.decorated:
                return False
            parameters = stmt.children[2]
            if len(parameters.children) != 3 or not _two_required_parameters(parameters.children[1]):
                return False
        elif stmt.type == syms.expr_stmt and len(stmt.children) == 3 and stmt.children[0].type == token.NAME and (
                stmt.children[2].type == syms.lambdef):
            if not _two_required_parameters(stmt.children[2].children[1]):
                return False
        else:
            return False
    return True


def _own_comparison_method(node):
    """`self.f` where the enclosing class itself defines `f` once, as an undecorated `def f(self, a, b)`."""
    if len(node.children) != 2 or node.children[0].type != token.NAME or node.children[1].children[0].type != token.DOT:
        return False
    receiver, name = node.children[0], node.children[1].children[1].value
    if not own_method_call(receiver, name):
        return False
    classdef = enclosing_method(node)[0]
    method = classes.methods(classdef).get(name)
    if method is None or classes.definitions_of(classdef, name) != 1 or classes.is_decorated(method):
        return False
    groups = parameter_groups(method)
    return len(groups) == 3 and all(len(group) == 1 and group[0].type == token.NAME for group in groups)


def _plan(leaf):
    """[(argument node, "key-cmp" | "key" | "reverse" | "drop", value node)] or None."""
    found = _call_of(leaf)
    if found is None:
        return None
    trailer, is_sorted = found
    arguments = call_arguments(trailer)
    if arguments is None:
        return None
    positional, keywords = arguments
    given = {}  # name -> (argument node, value node)
    if is_sorted:
        if not positional or len(positional) > 4:
            return None
        for name, arg in zip(_POSITIONAL_NAMES, positional[1:]):
            given[name] = (arg, arg)
    elif positional:
        # x.sort(f) may be any object's sort(): only a two-argument comparison function (a lambda, or
        # a function of this module) is a sure sign that f is list.sort's cmp
        if len(positional) != 1 or not _is_comparison_function(positional[0]):
            return None
        given["cmp"] = (positional[0], positional[0])
    for name, arg in keywords.items():
        if name in given or name not in _POSITIONAL_NAMES:
            return None
        given[name] = (arg, arg.children[2])
    cmp = given.get("cmp")
    key = given.get("key")
    if cmp is not None and cmp[1].type == token.NAME and cmp[1].value == "cmp" and refers_to_builtin(cmp[1]):
        return None  # cmp=cmp: the builtin cmp does not exist on 3 either; left for a person
    real_cmp = cmp is not None and not is_none(cmp[1])
    if real_cmp and key is not None and not is_none(key[1]):
        return None  # cmp and key together: left for a person
    if cmp is None and not (is_sorted and len(positional) > 1):
        return None
    plan = []
    for name, (arg, value) in given.items():
        positional_arg = arg.type != syms.argument
        if name == "cmp":
            plan.append((arg, "key-cmp" if real_cmp else "drop", value))
        elif name == "key":
            if real_cmp or is_none(value):
                plan.append((arg, "drop", value))
            elif positional_arg:
                plan.append((arg, "key", value))
        elif positional_arg:
            plan.append((arg, "reverse", value))
    return plan or None


def _drop(arg):
    previous, following = arg.prev_sibling, arg.next_sibling
    if previous is not None and previous.type == token.COMMA:
        previous.remove()
    elif following is not None and following.type == token.COMMA:
        after = following.next_sibling
        following.remove()
        if after is not None:
            after.prefix = arg.prefix
    arg.remove()


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        if node.value not in ("sorted", "sort"):
            return False
        return _plan(node) or False

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_functools = False

    def transform(self, node, results):
        for arg, action, value in results:
            if action == "drop":
                _drop(arg)
                continue
            if arg.type == syms.argument:  # cmp=f → key=functools.cmp_to_key(f)
                prefix = value.prefix
                value.remove()
                value.prefix = ""
                new_value = Call(dotted("functools.cmp_to_key"), [value], prefix=prefix)
                arg.children[0].value = "key"
                arg.children[0].changed()
                arg.insert_child(2, new_value)
            else:  # a positional argument becomes a keyword one
                prefix = arg.prefix
                placeholder = Name("_")
                arg.replace(placeholder)
                arg.prefix = ""
                new_value = Call(dotted("functools.cmp_to_key"), [arg]) if action == "key-cmp" else arg
                keyword = KeywordArg(Name("reverse" if action == "reverse" else "key"), new_value)
                keyword.prefix = prefix
                placeholder.replace(keyword)
            if action == "key-cmp":
                self.needs_functools = True

    def after_fix(self, tree):
        if self.needs_functools:
            add_import(tree, "functools")


class SortCmp(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 28
    trigger = r"\bsort(ed)?\s*\("
    summary = "Replace sort/sorted cmp= functions with key=functools.cmp_to_key(...)"
    explanation = (
        "Python 3's `sorted()` and `list.sort()` take no `cmp` argument and take `key`/`reverse` only "
        "as keywords. `key=functools.cmp_to_key(f)` sorts exactly as `cmp=f` did and exists since "
        "2.7, so `sorted(x, cmp=f)`, `sorted(x, f)` and `x.sort(cmp=f)` become "
        "`...key=functools.cmp_to_key(f)`, and so does `x.sort(f)` when `f` is certainly a comparison "
        "function (a two-argument lambda, a function of the module taking two arguments, or `self.f` for the class's own `def f(self, a, b)`); positional key/reverse become keywords and `cmp=None` is "
        "dropped. A call that gives both a cmp and a key function is left for a person."
    )
    review_hint = (
        "`x.sort(f)` with a positional argument is touched only when `f` is a two-argument lambda or "
        "function (it may not be a list's sort); "
        "calls with both cmp and key, and `cmp=cmp` (the builtin), are left unchanged."
    )
    risk = SAFE


FIXER = SortCmp()
