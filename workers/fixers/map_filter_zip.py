"""`map()`, `filter()`, `zip()`: lazy on both versions (`from six.moves import map`), with
`list(...)` where the result is used as a list."""
from fissix import pytree
from fissix.fixer_util import ArgList, Call, Comma, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import iteration_context as ctx
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import add_from_import, add_import
from workers.rewriting.scopes import refers_to_builtin

_NAMES = ("map", "filter", "zip")
# which arguments are the iterables the call walks through
_ITERABLES = {"map": slice(1, None), "filter": slice(1, 2), "zip": slice(0, None)}


def _arguments(trailer):
    """The argument nodes of a call trailer, or None if any is a keyword or `**` argument."""
    inner = trailer.children[1:-1]
    if not inner:
        return []
    args = [c for c in inner[0].children if c.type != token.COMMA] if inner[0].type == syms.arglist else [inner[0]]
    for arg in args:
        if arg.type == syms.argument and not (arg.children[0].type == token.STAR and arg.children[0].value == "*"):
            return None
    return args


def _is_star(arg):
    return arg.type == syms.argument


def _is_none(node):
    return node.type == token.NAME and node.value == "None"


def _is_simple_reference(node):
    """`a`, `self.items`: objects a loop body could visibly change."""
    if node.type == token.NAME:
        return True
    return node.type == syms.power and ctx._dotted(node.children) is not None


def plan(power):
    children = power.children
    if len(children) < 2 or children[0].type != token.NAME or children[0].value not in _NAMES:
        return None
    trailer = children[1]
    if trailer.type != syms.trailer or trailer.children[0].type != token.LPAR:
        return None
    name = children[0]
    if not refers_to_builtin(name):
        return None
    args = _arguments(trailer)
    if not args:
        return None
    if name.value == "map" and _is_none(args[0]):
        # map(None, a) was list(a); map(None, a, b) padded with None like zip_longest.
        if any(_is_star(a) for a in args) or len(args) < 2:
            return None
        if len(args) == 2:
            return ("none_one", args) if ctx.list_is_builtin(power) else None
        return ("none_many", args, _needs_list(power, args[1:])) if ctx.list_is_builtin(power) else None
    if not ctx.list_is_builtin(power):
        return None
    if len(children) > 2:
        return ("list", args)  # zip(*x)[0], map(f, x).sort() …   (PyCQA/modernize#204)
    if _needs_list(power, args[_ITERABLES[name.value]]):
        return ("list", args)
    return None


def _needs_list(call, iterables):
    use = ctx.use_of(call)
    if use.kind == ctx.EAGER:
        return False
    if use.kind == ctx.LOOP:
        # a loop that changes what it walks through would see the change through a lazy iterator
        targets = [a for a in iterables if _is_simple_reference(a)]
        return ctx.loop_may_change(use.loop, targets)
    if use.inner:
        return False  # consumed whole by an enclosing map/filter/zip, which gets its own list()
    return True


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        return plan(node)

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.moves = set()
        self.needs_six = False

    def transform(self, node, results):
        action = results[0]
        children = node.children
        prefix = node.prefix
        if action == "none_one":
            arg = results[1][1].clone()
            arg.prefix = ""
            new = Call(Name("list"), [arg], prefix=prefix)
            return _with_rest(new, children[2:], prefix)
        if action == "none_many":
            self.needs_six = True
            args = []
            for arg in results[1][1:]:
                clone = arg.clone()
                if args:
                    args.append(Comma())
                    clone.prefix = " " if not clone.prefix.strip() else clone.prefix
                else:
                    clone.prefix = ""
                args.append(clone)
            call = pytree.Node(syms.power, [Name("six"), _dot("moves"), _dot("zip_longest"), ArgList(args)])
            if results[2] or len(children) > 2:
                call = Call(Name("list"), [call])
            return _with_rest(call, children[2:], prefix)
        self.moves.add(children[0].value)
        inner = pytree.Node(syms.power, [c.clone() for c in children[:2]])
        inner.prefix = ""
        return _with_rest(Call(Name("list"), [inner]), children[2:], prefix)

    def after_fix(self, tree):
        for name in sorted(self.moves):
            add_from_import(tree, "six.moves", name)
        if self.needs_six:
            add_import(tree, "six")


def _dot(name):
    return pytree.Node(syms.trailer, [pytree.Leaf(token.DOT, "."), Name(name)])


def _with_rest(call, rest, prefix):
    if not rest:
        call.prefix = prefix
        return call
    head = [child.clone() for child in call.children]
    node = pytree.Node(syms.power, head + [c.clone() for c in rest])
    node.prefix = prefix
    return node


class MapFilterZip(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 55
    trigger = r"\b(?:map|filter|zip)\s*\("
    summary = "Make map(), filter() and zip() lazy on 2.7 too, with list() where a list is needed"
    explanation = (
        "On Python 3 `map()`, `filter()` and `zip()` return one-shot iterators; on Python 2 lists. "
        "A module where a result is used as a list (indexed, stored, returned, passed on, printed, "
        "measured with len(), or a call made only for its side effects) gets `list(...)` around "
        "that call and `from six.moves import map` (resp. filter, zip), so 2.7 uses the lazy "
        "itertools versions too and both versions behave the same from now on. Calls that are only "
        "iterated (a for loop that does not change what it walks through, a comprehension, "
        "sorted(), set(), ''.join() …) stay as they are. `map(None, a)` becomes `list(a)` and "
        "`map(None, a, b)` `six.moves.zip_longest(a, b)`, which pads with None as Python 2 did. "
        "Never a list comprehension, which is where the peers produce invalid code "
        "(`filter(None, a if b else c)`, bpo-38871)."
    )
    review_hint = (
        "Calls left lazy in for loops now run their function as the loop goes instead of all at "
        "once: check map()/filter() callbacks with side effects that the loop body depends on."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = MapFilterZip()
