"""`map()`, `filter()`, `zip()`: lazy on both versions (`from six.moves import map`), with
`list(...)` where the result is used as a list."""
from fissix import pytree
from fissix.fixer_util import ArgList, Call, Comma, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import iteration_context as ctx
from workers.rewriting.builtin_calls import argument_nodes, is_none
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import add_from_import
from workers.rewriting.patterns import any_of
from workers.rewriting.scopes import PARAMETER, binding_statements, is_bound_around, refers_to_builtin

_NAMES = ("map", "filter", "zip")
# which arguments are the iterables the call walks through
_ITERABLES = {"map": slice(1, None), "filter": slice(1, 2), "zip": slice(0, None)}


def _arguments(trailer):
    """The argument nodes of a call trailer, or None if any is a keyword or `**` argument."""
    args = argument_nodes(trailer)
    for arg in args:
        if arg.type == syms.argument and not (arg.children[0].type == token.STAR and arg.children[0].value == "*"):
            return None
    return args


def _is_star(arg):
    return arg.type == syms.argument


def _is_simple_reference(node):
    """`a`, `self.items`: objects a loop body could visibly change."""
    if node.type == token.NAME:
        return True
    return node.type == syms.power and ctx._dotted(node.children) is not None


def plan(power, name, trailer):
    """(action, arguments[, needs list]) for `name(...)` (map, filter or zip), or None to leave it."""
    if not refers_to_builtin(name):
        return None
    args = _arguments(trailer)
    if not args:
        return None
    if name.value == "map" and is_none(args[0]):
        # map(None, a) was list(a); map(None, a, b) padded with None like zip_longest.
        if any(_is_star(a) for a in args) or len(args) < 2:
            return None
        if len(args) == 2:
            return ("none_one", args) if ctx.list_is_builtin(power) else None
        return ("none_many", args, _needs_list(power, args[1:])) if ctx.list_is_builtin(power) else None
    if not ctx.list_is_builtin(power):
        return None
    if name.value == "filter":
        kept = keeps_type(power)
        if kept == MAYBE:
            return None  # 2.7's filter() may return a str/unicode/tuple here: list() would change that
        if kept is not None:
            use = ctx.use_of(power)
            if use.kind in (ctx.EAGER, ctx.LOOP) or use.inner or (kept == TUPLE and is_bound_around(power, "tuple")):
                return None  # iterated or consumed whole: the same on both
            return (kept, args)  # certainly a string / a tuple: ''.join(filter(…)) / tuple(filter(…))
    if len(power.children) > 2:
        return ("list", args)  # zip(*x)[0], map(f, x).sort() …   (PyCQA/modernize#204)
    if _needs_list(power, args[_ITERABLES[name.value]]):
        return ("list", args)
    return None


_TEXT_CALLS = ("str", "unicode", "repr", "chr", "unichr")
_TEXT_METHODS = ("decode", "encode", "join", "strip", "lstrip", "rstrip", "lower", "upper", "replace",
                 "format", "title", "capitalize", "translate", "expandtabs", "zfill", "ljust", "rjust", "center")
_CHAR_PREDICATES = ("isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "istitle")
_USED_AS_TEXT = _TEXT_METHODS + ("startswith", "endswith", "split", "splitlines", "find", "rfind", "index",
                                 "count", "partition", "rpartition") + _CHAR_PREDICATES


TEXT, TUPLE, MAYBE = "str", "tuple", "maybe"


def keeps_type(call):
    """For a `filter(f, s)` call whose `s` may be a string or a tuple, for which 2.7's filter()
    returns the same type (not a list): TEXT or TUPLE when it certainly is one (a literal, or a name
    bound only to such values / text-making calls), MAYBE when it may be (a name bound to one among
    other values, or an argument of unknown type filtered character by character or whose result
    is used as text); None otherwise."""
    args = _arguments(call.children[1])
    if not args or len(args) != 2 or any(_is_star(a) for a in args):
        return None
    function, iterable = args
    iterable = _unparenthesized(iterable)
    kind = _text_or_tuple(iterable)
    if kind is not None:
        return kind
    if iterable.type != token.NAME:
        return MAYBE if _filters_characters(function) else None
    bindings = binding_statements(iterable, iterable.value) or []
    kinds = set()
    for binding in bindings:
        if binding is not PARAMETER and binding.type == syms.expr_stmt and len(binding.children) == 3 \
                and binding.children[1].type == token.EQUAL and binding.children[0].type == token.NAME:
            kinds.add(_text_or_tuple(_unparenthesized(binding.children[2])))
        else:
            kinds.add(None)
    if len(kinds) == 1 and None not in kinds:
        return kinds.pop()
    if kinds - {None} or _filters_characters(function) or _result_used_as_text(call):
        return MAYBE
    return None


def _unparenthesized(node):
    while node.type == syms.atom and len(node.children) == 3 and node.children[0].value == "(" \
            and not (node.children[1].type == syms.testlist_gexp
                     and any(c.type == token.COMMA for c in node.children[1].children)):
        node = node.children[1]
    return node


def _string_literal(leaf):
    """TEXT for a text literal, MAYBE for bytes (b'…': filtering it gives ints on 3)."""
    return MAYBE if leaf.value.lstrip("uUrR")[:1] in ("b", "B") or leaf.value[:2].lower() in ("rb", "br") else TEXT


def _text_or_tuple(node):
    """TEXT, TUPLE, MAYBE (a str or bytes on 3) or None for an expression."""
    if node.type == token.STRING:
        return _string_literal(node)
    if node.type == syms.atom:
        first = node.children[0]
        if first.type == token.STRING:
            return _string_literal(first)  # implicit concatenation
        if first.value == "(":
            inner = node.children[1] if len(node.children) == 3 else None
            if inner is None or (inner.type == syms.testlist_gexp and inner.children[1].type == token.COMMA):
                return TUPLE
    if node.type == syms.term and len(node.children) == 3 and node.children[1].type == token.PERCENT \
            and node.children[0].type == token.STRING:
        return _string_literal(node.children[0])
    if node.type == syms.power and len(node.children) >= 2:
        head, last = node.children[0], node.children[-1]
        if last.type != syms.trailer or last.children[0].type != token.LPAR:
            return None
        if len(node.children) == 2 and head.type == token.NAME and head.value in _TEXT_CALLS:
            return TEXT if refers_to_builtin(head) else None
        method = node.children[-2]
        if method.type == syms.trailer and method.children[0].type == token.DOT \
                and method.children[1].value in _TEXT_METHODS:
            return TEXT if method.children[1].value == "decode" else MAYBE  # bytes or text on 3 (encode, join of either …)
    return None


def _filters_characters(function):
    """`lambda c: c != u'x'`, `lambda c: c in 'abc'`, `lambda c: c.isdigit()`: walks a string."""
    if function.type != syms.lambdef:
        return False
    body = function.children[-1]
    for leaf in body.leaves():
        if leaf.type == token.STRING:
            parent = leaf.parent
            if parent.type in (syms.comparison, syms.not_test, syms.and_test, syms.or_test):
                return True
        if leaf.type == token.NAME and leaf.value in _CHAR_PREDICATES and leaf.prev_sibling is not None \
                and leaf.prev_sibling.type == token.DOT:
            return True
    return False


def _result_used_as_text(call):
    """`t = filter(f, s)` whose `t` is later used as text in the same scope (a string method, `+`
    or a comparison with a string literal, `%` formatting)."""
    statement = call.parent
    if statement.type != syms.expr_stmt or len(statement.children) != 3 or statement.children[2] is not call \
            or statement.children[0].type != token.NAME or statement.children[1].type != token.EQUAL:
        return False
    name = statement.children[0].value
    scope = statement
    while scope.parent is not None and scope.type not in (syms.funcdef, syms.file_input):
        scope = scope.parent
    for leaf in scope.leaves():
        if leaf.type != token.NAME or leaf.value != name or leaf is statement.children[0]:
            continue
        following = leaf.next_sibling
        if following is not None and following.type == syms.trailer and following.children[0].type == token.DOT \
                and following.children[1].value in _USED_AS_TEXT:
            return True
        parent = leaf.parent
        if parent.type in (syms.comparison, syms.arith_expr, syms.term) \
                and any(c.type == token.STRING for c in parent.children):
            return True
    return False


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
    PATTERN = "power< %s call=trailer< '(' [any] ')' > rest=any* >" % any_of("name", _NAMES)

    def match(self, node):
        results = super().match(node)
        found = results and plan(node, results["name"], results["call"])
        return dict(results, plan=found) if found else False

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.moves = set()

    def transform(self, node, results):
        action, args = results["plan"][:2]
        rest, prefix = results["rest"], node.prefix
        if action == "none_one":
            arg = args[1].clone()
            arg.prefix = ""
            return _with_rest(Call(Name("list"), [arg], prefix=prefix), rest, prefix)
        if action == "none_many":
            self.needs_six = True
            call = pytree.Node(syms.power, [Name("six"), _dot("moves"), _dot("zip_longest"), ArgList(_listed(args[1:]))])
            if results["plan"][2] or rest:
                call = Call(Name("list"), [call])
            return _with_rest(call, rest, prefix)
        inner = pytree.Node(syms.power, [results["name"].clone(), results["call"].clone()])
        inner.prefix = ""
        if action == TUPLE:
            return _with_rest(Call(Name("tuple"), [inner]), rest, prefix)
        if action == TEXT:
            joined = pytree.Node(syms.power, [pytree.Leaf(token.STRING, "''"), _dot("join"), ArgList([inner])])
            return _with_rest(joined, rest, prefix)
        self.moves.add(results["name"].value)
        return _with_rest(Call(Name("list"), [inner]), rest, prefix)

    def after_fix(self, tree):
        if "filter" in self.moves and any(self._kept_filter(node) for node in tree.pre_order()):
            self.moves.discard("filter")  # the lazy filter would turn that call's str/tuple into an iterator
        for name in sorted(self.moves):
            add_from_import(tree, "six.moves", name)
        super().after_fix(tree)

    def _kept_filter(self, node):
        results = super().match(node)
        return bool(results) and results["name"].value == "filter" and refers_to_builtin(
            results["name"]) and keeps_type(node) == MAYBE


def _listed(args):
    """Clones of `args` separated by commas, the first without its leading space."""
    listed = []
    for arg in args:
        clone = arg.clone()
        if listed:
            listed.append(Comma())
            clone.prefix = " " if not clone.prefix.strip() else clone.prefix
        else:
            clone.prefix = ""
        listed.append(clone)
    return listed


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
