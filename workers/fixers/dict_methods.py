"""`d.iterkeys()` → `six.iterkeys(d)`, `d.viewitems()` → `six.viewitems(d)`; `d.keys()` →
`list(d.keys())` only where a view would not do; `k in d.keys()` stays as it is."""
from fissix import pytree
from fissix.fixer_util import ArgList, Attr, Call, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import iteration_context as ctx
from workers.rewriting import protocols
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.scopes import is_bound_around, refers_to_builtin

_SIX = {
    "iterkeys": "iterkeys", "itervalues": "itervalues", "iteritems": "iteritems",
    "viewkeys": "viewkeys", "viewvalues": "viewvalues", "viewitems": "viewitems",
}
_LISTS = ("keys", "values", "items")


def _method_call(power):
    """(index of the `.method` trailer, method name) for the first no-argument dict-method call in a
    power node such as `a.b.keys()[0]`, or `dict.keys(d)`; None when there is none."""
    children = power.children
    for index in range(1, len(children) - 1):
        trailer, call = children[index], children[index + 1]
        if trailer.type != syms.trailer or call.type != syms.trailer:
            return None
        if trailer.children[0].type == token.DOT and trailer.children[1].value in _SIX.keys() | set(_LISTS):
            if len(call.children) == 2 and call.children[0].type == token.LPAR:
                return index, trailer.children[1].value
            if index == 1 and _unbound_dict_call(children[0], call):
                return index, trailer.children[1].value
            return None
    return None


def _unbound_dict_call(head, call):
    """`dict.keys(d)`: the builtin dict's method called with the one dict it works on."""
    if head.type != token.NAME or head.value != "dict" or not refers_to_builtin(head):
        return False
    if len(call.children) != 3 or call.children[0].type != token.LPAR:
        return False
    arg = call.children[1]
    return arg.type not in (syms.arglist, syms.argument) and not (arg.type == token.STAR or arg.type == token.DOUBLESTAR)


def _receiver(children, index):
    """The dict a method call works on: `d` in `d.keys()` and in `dict.keys(d)` (a clone)."""
    call = children[index + 1]
    if len(call.children) == 3:
        node = call.children[1].clone()
        node.prefix = ""
        return node
    return _base(children[:index])


def _base(children):
    """The object a method is called on, as one node (a clone)."""
    if len(children) == 1:
        node = children[0].clone()
    else:
        node = pytree.Node(syms.power, [c.clone() for c in children])
    node.prefix = ""
    return node


def _is_next_call(children, index):
    """`.next()` right after position index."""
    return (index + 1 < len(children) and children[index].type == syms.trailer
            and children[index].children[0].type == token.DOT and children[index].children[1].value == "next"
            and children[index + 1].type == syms.trailer and len(children[index + 1].children) == 2
            and children[index + 1].children[0].type == token.LPAR)


def _wrap_list(children, end, prefix):
    """`list(<children[:end]>)` followed by the rest of the trailers."""
    inner = pytree.Node(syms.power, [c.clone() for c in children[:end]])
    inner.prefix = ""
    call = Call(Name("list"), [inner], prefix=prefix)
    rest = [c.clone() for c in children[end:]]
    if not rest:
        return call
    head = [child.clone() for child in call.children]
    head[0].prefix = prefix
    return pytree.Node(syms.power, head + rest)


def _returned_by_iter(power):
    """`return <power>` directly in the body of a class's `def __iter__`."""
    node = ctx.unparenthesize_up(power)
    if node.parent is None or node.parent.type != syms.return_stmt:
        return False
    found = protocols.enclosing_method(node)
    if found is None:
        return False
    _, funcdef = found
    scope = node.parent
    while scope is not None and scope.type not in (syms.funcdef, syms.lambdef, syms.classdef):
        scope = scope.parent
    return scope is funcdef and funcdef.children[1].value == "__iter__"


def _iter_call_around(power):
    """The `iter(<power>)` call whose only argument is power, else None."""
    node = ctx.unparenthesize_up(power)
    trailer = node.parent
    if trailer is None or trailer.type != syms.trailer or trailer.children[0].type != token.LPAR:
        return None
    call = trailer.parent
    if call.type != syms.power or len(call.children) != 2 or call.children[0].type != token.NAME or \
            call.children[0].value != "iter" or is_bound_around(call, "iter"):
        return None
    return call


def plan(power):
    """What to do with a power node: None, or (action, index, method)."""
    found = _method_call(power)
    if found is None:
        return None
    index, method = found
    children = power.children
    if index == 1 and protocols.own_method_call(children[0], method):
        return None  # self.items() of a class with its own items(): not a dict's
    unbound = len(children[index + 1].children) == 3
    if unbound and method in _SIX:
        return _unbound_iter_plan(power, index, method)
    if unbound and _in_version_branch(power):
        return None
    if unbound and ctx.use_of(power).kind == ctx.CONTAINS:
        # `k in d` would call a dict subclass's own methods, which dict.keys(d) bypasses
        return None
    if method in _SIX:
        return "six", index, method
    if index + 2 < len(children):
        # d.keys()[0], d.keys().sort(), d.keys() ** x
        return ("list", index, method) if ctx.list_is_builtin(power) else None
    use = ctx.use_of(power)
    if use.kind == ctx.CONTAINS:
        # a view's membership is the dict's on 3; `k in d` would ask a mapping class's __contains__,
        # which need not agree with its keys() (mutagen's APEv2: case-insensitive lookups, keys as written)
        return None
    if use.kind in (ctx.EAGER, ctx.TRUTH, ctx.SIZED, ctx.DISCARDED):
        return None
    if use.kind == ctx.LOOP:
        if not ctx.loop_may_change(use.loop, [_receiver(children, index)]):
            return None
    elif use.inner:
        return None  # consumed whole by a Python 2 map/filter/zip (the map_filter_zip fixer's business)
    if _returned_by_iter(power):
        # __iter__ must return an iterator: a list raises "iter() returned non-iterator" (as the 2.7
        # list did), iter() over the view or the list is what both versions iterate the same way
        return ("iter", index, method) if not is_bound_around(power, "iter") else None
    wrapper = _iter_call_around(power)
    if wrapper is not None and _returned_by_iter(wrapper):
        return None  # already `return iter(d.keys())`
    return ("list", index, method) if ctx.list_is_builtin(power) else None


def _unbound_iter_plan(power, index, method):
    """`dict.iteritems(d)` alone: ("unbound", …), for `(dict.iteritems(d) if six.PY2 else
    iter(dict.items(d)))`. six.iteritems(d) would call a dict subclass's own methods, which
    dict.iteritems(d) bypasses (Werkzeug's MultiDict.iteritems reads its lists through it)."""
    then_next = _is_next_call(power.children, index + 2) and index + 4 == len(power.children)
    if (index + 2 != len(power.children) and not then_next) or _in_version_branch(power):
        return None
    loop = ctx.use_of(power).kind == ctx.LOOP
    if not loop and not method.startswith("view") and is_bound_around(power, "iter"):
        return None
    if then_next and is_bound_around(power, "next"):
        return None
    return "unbound", index, method


def _in_version_branch(power):
    """X or Y of `(X if six.PY2 else Y)`, Y maybe in `iter()`: this fixer's own output."""
    node = ctx.unparenthesize_up(power)
    call = _iter_call_around(power)
    if call is not None:
        node = ctx.unparenthesize_up(call)
    parent = node.parent
    return parent is not None and parent.type == syms.test and len(parent.children) == 5 and \
        node in (parent.children[0], parent.children[4]) and str(parent.children[2]).strip() in ("six.PY2", "PY2")


def _version_branches(power, method):
    """`(dict.iteritems(d) if six.PY2 else iter(dict.items(d)))`: dict's own method on both
    versions; no iter() for a view, nor in a loop, which iterates the view itself. Followed by
    `.next()`: `next(dict.itervalues(d) if six.PY2 else iter(dict.values(d)))`."""
    then_next = len(power.children) == 5
    py2 = pytree.Node(syms.power, [c.clone() for c in power.children[:3]])
    py2.prefix = ""
    py3 = pytree.Node(syms.power, [c.clone() for c in power.children[:3]])
    py3.children[1].children[1].value = method[4:]
    py3.prefix = ""
    if method.startswith("iter") and ctx.use_of(power).kind != ctx.LOOP:
        py3 = Call(Name("iter"), [py3])
    py3.prefix = " "
    condition = pytree.Node(syms.power, Attr(Name("six", prefix=" "), Name("PY2")))
    test = pytree.Node(syms.test, [py2, Name("if", prefix=" "), condition, Name("else", prefix=" "), py3])
    if then_next:
        return Call(Name("next"), [test], prefix=power.prefix)
    return pytree.Node(syms.atom, [pytree.Leaf(token.LPAR, "("), test, pytree.Leaf(token.RPAR, ")")],
                       prefix=power.prefix)


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        return plan(node)

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_six = False

    def transform(self, node, results):
        action, index, method = results
        children = node.children
        if action == "list":
            return _wrap_list(children, index + 2, node.prefix)
        if action == "unbound":
            self.needs_six = True
            return _version_branches(node, method)
        if action == "iter":
            inner = pytree.Node(syms.power, [c.clone() for c in children[:index + 2]])
            inner.prefix = ""
            return Call(Name("iter"), [inner], prefix=node.prefix)
        base = _base(children[:index])
        self.needs_six = True
        six_call = pytree.Node(syms.power, Attr(Name("six"), Name(_SIX[method])) + [ArgList([base])])
        rest_at = index + 2
        if _is_next_call(children, rest_at):
            # d.itervalues().next() -> next(six.itervalues(d))   (PyCQA/modernize#169)
            next_name = "six.next" if is_bound_around(node, "next") else "next"
            func = Attr(Name("six"), Name("next")) if next_name == "six.next" else [Name("next")]
            six_call = pytree.Node(syms.power, list(func) + [ArgList([six_call])])
            rest_at += 2
        rest = [c.clone() for c in children[rest_at:]]
        if rest:
            six_call = pytree.Node(syms.power, [c.clone() for c in six_call.children] + rest)
        six_call.prefix = node.prefix
        return six_call

    def after_fix(self, tree):
        if self.needs_six:
            add_import(tree, "six")


class DictMethods(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\.(?:iter|view)?(?:keys|values|items)\s*\(\s*\)|\bdict\.(?:iter|view)?(?:keys|values|items)\b"
    summary = "Make dict.keys()/values()/items() and their iter*/view* forms work alike on 2.7 and 3"
    explanation = (
        "Python 3 dicts have no `iterkeys()`/`itervalues()`/`iteritems()` or `viewkeys()`/… methods, "
        "and their `keys()`/`values()`/`items()` return views instead of lists. "
        "`d.iteritems()` becomes `six.iteritems(d)` (and `d.viewitems()` `six.viewitems(d)`), which "
        "calls the very same method on 2.7 and the view-based one on 3; `d.itervalues().next()` "
        "becomes `next(six.itervalues(d))`. `d.keys()` becomes `list(d.keys())` only where a view "
        "would behave differently: where the result is indexed, stored, returned, passed on, "
        "concatenated or compared, and in a loop whose body changes the dict (on 3 that raises "
        "\"dictionary changed size during iteration\"). Where it is only iterated, sorted, counted "
        "or tested it stays as it is: a view does the same there, `k in d.keys()` included (not `k in d`, "
        "which asks a mapping class's own __contains__ rather than its keys()). `return d.keys()` in "
        "`__iter__` becomes `return iter(d.keys())`: `__iter__` must return an iterator. "
        "`self.items()` in a class that defines its own `items` is the class's method, not a dict's, "
        "and is never rewritten. `dict.keys(d)` (and values, items) gets `list(...)` where `d.keys()` would. "
        "`dict.iteritems(d)` becomes `(dict.iteritems(d) if six.PY2 else iter(dict.items(d)))` (no "
        "`iter()` in a loop, nor for `dict.viewitems(d)`): dict's own method on both versions, where "
        "`six.iteritems(d)` would call a dict subclass's override (often the very method making the call)."
    )
    review_hint = (
        "A loop over `d.keys()`/`d.items()` is left alone when its body does not visibly change `d`; "
        "check loops whose body calls a function that changes that same dict (a global, or a dict "
        "reached another way). `k in x.keys()` → `k in x` assumes `x` is a mapping."
    )
    risk = SAFE
    requires = ("six",)


FIXER = DictMethods()
