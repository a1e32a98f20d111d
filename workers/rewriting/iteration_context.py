"""How the value of an expression is used: the one question behind `list()` around `d.keys()`,
`map()`, `filter()` and `zip()`.

On Python 2 `d.keys()`, `map()`, `filter()` and `zip()` return lists; on Python 3 a view or a lazy
iterator. Whether that matters depends only on where the value goes:

- LIST: indexed, stored, returned, passed to a function we do not know, concatenated, compared,
  printed … — it must stay a list. Also the default for anything not recognised below.
- EAGER: consumed whole, right there: `sorted(x)`, `list(x)`, `set(x)`, `tuple(x)`, `frozenset(x)`,
  `dict(x)`, `any(x)`, `all(x)`, `sum(x)`, one-argument `min(x)`/`max(x)`, `"".join(x)`, `f(*x)`.
- LOOP: iterated by a `for` statement or a comprehension (`use.loop`); the caller decides whether
  the loop body may change what is being iterated (`loop_may_change`), which is the one way a loop
  over a view or a lazy iterator behaves differently (PyCQA/modernize#176).
- DISCARDED: an expression statement (`d.keys()` alone does nothing; `map(f, x)` alone did).
- TRUTH: `if x`, `while x`, `not x`, the condition of `a if x else b`.
- SIZED: `len(x)` (a view has a length, an iterator does not).
- CONTAINS: the right operand of `in` / `not in`.

A value passed to a lazy wrapper (`enumerate`, `iter`, `itertools.*`, `six.moves.*`, or an
already-lazy `map`/`filter`/`zip`) is used the way the wrapper is. A value passed to a Python 2
builtin `map`/`filter`/`zip` is consumed whole by it there (`use.inner`), unless that call is
itself iterated by a loop, in which case the loop is what counts.
"""
from fissix import pytree
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.scopes import PARAMETER, binding_nodes, binding_scope, is_bound_around, refers_to_builtin

LIST, EAGER, LOOP, DISCARDED, TRUTH, SIZED, CONTAINS = (
    "list", "eager", "loop", "discarded", "truth", "sized", "contains")

# builtin name -> which positional arguments it consumes whole (None: any), and how many it may take
_EAGER_FIRST = {"sorted", "list", "set", "tuple", "frozenset", "dict", "sum"}
_EAGER_ONLY = {"any", "all", "min", "max"}
_LAZY_BUILTINS = {"enumerate": (0,), "iter": (0,)}
_PY2_LAZY_ON_3 = {"map": "rest", "filter": (1,), "zip": "all"}
_ITERTOOLS_LAZY = {
    "imap": "rest", "ifilter": (1,), "izip": "all", "izip_longest": "all", "ifilterfalse": (1,),
    "zip_longest": "all", "filterfalse": (1,), "chain": "all", "islice": (0,), "starmap": (1,),
    "takewhile": (1,), "dropwhile": (1,), "cycle": (0,), "groupby": (0,), "tee": (0,),
    "map": "rest", "filter": (1,), "zip": "all",
}
_LAZY_MODULES = {"itertools", "six.moves", "future_builtins", "builtins"}


class Use:
    def __init__(self, kind, loop=None, inner=False):
        self.kind = kind
        self.loop = loop  # the for_stmt or comp_for node, for LOOP
        self.inner = inner  # consumed by a Python 2 builtin map/filter/zip on the way

    def __repr__(self):
        return "Use(%s%s%s)" % (self.kind, ", loop" if self.loop is not None else "", ", inner" if self.inner else "")


def unparenthesize_up(node):
    """The outermost `(((node)))` around node."""
    parent = node.parent
    while (parent is not None and parent.type == syms.atom and len(parent.children) == 3
           and parent.children[0].type == token.LPAR):
        node, parent = parent, parent.parent
    return node


def use_of(expr):
    """How the value of expression `expr` is used (a Use)."""
    node = unparenthesize_up(expr)
    parent = node.parent
    if parent is None:
        return Use(LIST)
    ptype = parent.type
    if ptype in (syms.for_stmt, syms.comp_for) and len(parent.children) > 3 and parent.children[3] is node:
        return Use(LOOP, loop=parent)
    if ptype == syms.simple_stmt:
        return Use(DISCARDED)
    if ptype in (syms.if_stmt, syms.while_stmt):
        index = parent.children.index(node)
        if index > 0 and parent.children[index - 1].type == token.NAME and parent.children[index - 1].value in (
                "if", "elif", "while"):
            return Use(TRUTH)
        return Use(LIST)
    if ptype == syms.not_test:
        return Use(TRUTH)
    if ptype in (syms.and_test, syms.or_test):
        # `if a and b`: only truth matters; `x = a or b`: the value itself is passed on
        return Use(TRUTH) if use_of(parent).kind == TRUTH else Use(LIST)
    if ptype == syms.test and len(parent.children) == 5 and parent.children[2] is node:
        return Use(TRUTH)
    if ptype == syms.comparison and len(parent.children) == 3 and parent.children[2] is node:
        op = parent.children[1]
        if (op.type == token.NAME and op.value == "in") or (
                op.type == syms.comp_op and [c.value for c in op.children] == ["not", "in"]):
            return Use(CONTAINS)
        return Use(LIST)
    return _argument_use(node)


def _argument_use(node):
    parent = node.parent
    if parent.type == syms.argument:
        first = parent.children[0]
        if first.type in (token.STAR, token.DOUBLESTAR) and first.value == "*":
            return Use(EAGER)  # f(*x) unpacks x whole
        return Use(LIST)
    if parent.type == syms.trailer and parent.children[0].type == token.LPAR:
        position, count = 0, 1
        trailer = parent
    elif parent.type == syms.arglist and parent.parent is not None and parent.parent.type == syms.trailer:
        args = [c for c in parent.children if c.type != token.COMMA]
        if any(a.type == syms.argument for a in args[: args.index(node)]):
            return Use(LIST)
        position = args.index(node)
        count = len([a for a in args if a.type != syms.argument])
        if any(a.type == syms.argument and a.children[0].type != token.NAME for a in args):
            count = None  # star arguments: unknown count
        trailer = parent.parent
    else:
        return Use(LIST)
    call = trailer.parent
    if call is None or call.type != syms.power:
        return Use(LIST)
    index = call.children.index(trailer)
    callee = call.children[:index]
    is_whole_call = index == len(call.children) - 1
    if len(callee) == 1 and callee[0].type == token.NAME:
        return _named_call_use(callee[0], call, position, count, is_whole_call)
    dotted = _dotted(callee)
    if dotted is None:
        # "sep".join(x), sep.join(x)
        last = callee[-1]
        if (last.type == syms.trailer and last.children[0].type == token.DOT and last.children[1].value == "join"
                and count == 1):
            return Use(EAGER)
        return Use(LIST)
    module, _, name = dotted.rpartition(".")
    if module in _LAZY_MODULES and name in _ITERTOOLS_LAZY and _consumes(_ITERTOOLS_LAZY[name], position):
        return use_of(call) if is_whole_call else Use(LIST)
    if name == "join" and count == 1:
        return Use(EAGER)
    return Use(LIST)


def _named_call_use(name_leaf, call, position, count, is_whole_call):
    name = name_leaf.value
    builtin = refers_to_builtin(name_leaf) or builtin_through_parameter(name_leaf, name)
    if builtin:
        if name in _EAGER_FIRST and position == 0:
            return Use(EAGER)
        if name in _EAGER_ONLY and count == 1:
            return Use(EAGER)
        if name == "len" and count == 1:
            return Use(SIZED)
        if name in _LAZY_BUILTINS and position in _LAZY_BUILTINS[name]:
            return use_of(call) if is_whole_call else Use(LIST)
        if name in _PY2_LAZY_ON_3 and _consumes(_PY2_LAZY_ON_3[name], position):
            if not is_whole_call:
                return Use(LIST, inner=True)
            outer = use_of(call)
            outer.inner = True
            return outer
        return Use(LIST)
    if name in _ITERTOOLS_LAZY and _consumes(_ITERTOOLS_LAZY[name], position) and bound_by_lazy_import(name_leaf):
        return use_of(call) if is_whole_call else Use(LIST)
    return Use(LIST)


def bound_by_lazy_import(leaf):
    """`imap`, `izip`, a six.moves `map` …: taken as the lazy function when the module imports the
    name (and does not also define it)."""
    root = leaf
    while root.parent is not None:
        root = root.parent
    if not is_bound_around(leaf, leaf.value):
        return False
    for node in root.pre_order():
        if node.type in (syms.funcdef, syms.classdef) and node.children[1].value == leaf.value:
            return False
        if node.type == syms.import_from:
            if _import_source(node) in _LAZY_MODULES and any(
                    l.type == token.NAME and l.value == leaf.value for l in node.leaves()):
                return True
    return False


def _import_source(import_from):
    """`six.moves` for `from six.moves import …`, and for a vendored copy (`from .six.moves import …`,
    `from django.utils.six.moves import …`)."""
    parts = []
    for child in import_from.children[1:]:
        if child.type == token.NAME and child.value == "import":
            break
        parts.append(str(child).strip())
    source = "".join(parts).lstrip(".")
    return "six.moves" if source.endswith("six.moves") else source


def _consumes(which, position):
    if which == "all":
        return True
    if which == "rest":
        return position >= 1
    return position in which


def _dotted(nodes):
    """'a.b.c' for [NAME a, trailer .b, trailer .c]; None for anything else."""
    if not nodes or nodes[0].type != token.NAME:
        return None
    parts = [nodes[0].value]
    for trailer in nodes[1:]:
        if trailer.type != syms.trailer or trailer.children[0].type != token.DOT:
            return None
        parts.append(trailer.children[1].value)
    return ".".join(parts)


def text_of(node):
    """Source text of node without whitespace or comments: how expressions are compared."""
    if isinstance(node, pytree.Leaf):
        return node.value
    return "".join(leaf.value for leaf in node.leaves())


# Methods that never change the object they are called on (dicts and lists).
READ_ONLY_METHODS = frozenset((
    "get", "keys", "values", "items", "iterkeys", "itervalues", "iteritems", "viewkeys", "viewvalues",
    "viewitems", "has_key", "copy", "count", "index", "__contains__", "__getitem__", "__len__", "__iter__",
))
# Builtins that only read an argument.
_READING_BUILTINS = frozenset((
    "len", "str", "repr", "print", "sorted", "list", "set", "tuple", "frozenset", "dict", "isinstance", "type",
    "id", "iter", "bool", "any", "all", "sum", "min", "max", "enumerate", "zip", "map", "filter", "hash",
    "unicode", "format", "getattr", "hasattr", "reversed", "sorted",
))


def loop_body(loop):
    """(nodes to look at, subtree to skip) for a for statement or a comprehension."""
    if loop.type == syms.for_stmt:
        return [loop.children[5]], loop.children[3]
    container = loop
    while container.parent is not None and container.parent.type in (syms.comp_for, syms.comp_if):
        container = container.parent
    container = container.parent
    return [container], loop.children[3]


def loop_may_change(loop, targets):
    """Whether the body of `loop` may change any of the objects `targets` (expression nodes):
    an item assigned or deleted, a method called that is not known to only read, the object passed
    to a function we do not know; for `self.data`, also a method called on `self` or `self` passed on;
    a `yield` in the body (the consumer runs in between). A generator expression also counts where it
    is consumed. Conservative: a call that might change it counts; a change made by a function that
    reaches the object some other way (a global) is not seen."""
    wanted = {text_of(t) for t in targets}
    owners = set()
    for target in targets:
        if target.type == syms.power and _dotted(target.children) is not None:
            owners.add(_dotted(target.children[:-1]))
    if not wanted:
        return False
    if _changes_in_body(loop, wanted, owners):
        return True
    genexp = _generator_expression(loop)
    if genexp is None:
        return False
    # A generator expression runs later, where it is consumed: it is safe only when consumed whole
    # right away, or by a loop that does not change the object either.
    use = use_of(genexp)
    if use.kind == LOOP:
        return loop_may_change(use.loop, targets)
    return not (use.kind in (EAGER, SIZED, TRUTH) or use.inner)


def _generator_expression(loop):
    """The generator expression node whose (first) `for` is loop, or None."""
    if loop.type != syms.comp_for:
        return None
    container = loop.parent
    if container is None or container.children.index(loop) != 1:
        return None
    if container.type == syms.argument:
        return container
    if container.type == syms.testlist_gexp and container.parent is not None and container.parent.type == syms.atom:
        return container.parent
    return None


def _changes_in_body(loop, wanted, owners):
    bodies, skip = loop_body(loop)
    for body in bodies:
        stack = [body]
        while stack:
            node = stack.pop()
            if node is skip:
                continue
            if node.type in (syms.yield_expr, syms.yield_stmt) or (
                    node.type == token.NAME and node.value == "yield"):
                return True  # the code the generator yields to may change it meanwhile
            if node.type == syms.power and _power_changes(node, wanted, owners):
                return True
            if node.type in (token.NAME, syms.power) and (text_of(node) in wanted or text_of(node) in owners) \
                    and _passed_to_unknown_call(node):
                return True
            if isinstance(node, pytree.Node):
                stack.extend(node.children)
    return False


def _power_changes(power, wanted, owners):
    children = power.children
    text = text_of(children[0])
    for index in range(1, len(children)):
        trailer = children[index]
        if trailer.type != syms.trailer:
            break
        following = children[index + 1] if index + 1 < len(children) else None
        if text in wanted:
            if trailer.children[0].type == token.LSQB and index == len(children) - 1 and _is_store(power):
                return True
            if trailer.children[0].type == token.DOT and _is_call(following) and (
                    trailer.children[1].value not in READ_ONLY_METHODS):
                return True
        if text in owners and trailer.children[0].type == token.DOT and _is_call(following) and (
                trailer.children[1].value not in READ_ONLY_METHODS):
            return True
        text += text_of(trailer)
    return False


def _is_call(node):
    return node is not None and node.type == syms.trailer and node.children[0].type == token.LPAR


def _is_store(node):
    node = unparenthesize_up(node)
    parent = node.parent
    while parent is not None and parent.type in (syms.exprlist, syms.testlist_star_expr, syms.testlist):
        node, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type == syms.del_stmt:
        return True
    if parent.type == syms.expr_stmt:
        children = parent.children
        index = children.index(node)
        following = children[index + 1] if index + 1 < len(children) else None
        # `x[k] = v`, `x[k] += v` (augmented operators are leaves ending in "=")
        return isinstance(following, pytree.Leaf) and following.value.endswith("=")
    return False


def _passed_to_unknown_call(node):
    node = unparenthesize_up(node)
    parent = node.parent
    if parent is not None and parent.type == syms.argument:
        node, parent = parent, parent.parent
    if parent is not None and parent.type == syms.arglist:
        parent = parent.parent
    if parent is None or parent.type != syms.trailer or parent.children[0].type != token.LPAR:
        return False
    call = parent.parent
    index = call.children.index(parent)
    callee = call.children[:index]
    if len(callee) == 1 and callee[0].type == token.NAME and callee[0].value in _READING_BUILTINS \
            and refers_to_builtin(callee[0]):
        return False
    return True


def list_is_builtin(node):
    """Whether `list` at node still means the builtin (so `list(...)` can be written there)."""
    return not is_bound_around(node, "list") or builtin_through_parameter(node, "list")


def builtin_through_parameter(node, name):
    """`name` at node is only a parameter defaulting to the builtin (`def f(x, list=list)`, the
    globals-into-locals speed-up), so it still means the builtin."""
    scope = binding_scope(node, name)
    return scope is not None and scope.type == syms.funcdef and binding_nodes(scope)[name] == [PARAMETER] \
        and _defaults_to_itself(scope, name) and not is_bound_around(scope, name)


def _defaults_to_itself(funcdef, name):
    leaves = list(funcdef.children[2].leaves())
    return any(first.value == name and equal.type == token.EQUAL and default.value == name
               and (default.next_sibling is None or default.next_sibling.type == token.COMMA)
               for first, equal, default in zip(leaves, leaves[1:], leaves[2:])
               if first.type == token.NAME and default.type == token.NAME)
