"""`string.join(words, sep)` → `sep.join(words)`, `string.lower(s)` → `s.lower()`, `string.atoi(s)` → `int(s)` …"""
from fissix import pytree
from fissix.fixer_util import Comma, Dot, LParen, Name, RParen, String
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import drop_from_import_name
from workers.rewriting.scopes import (binding_statements, from_import_items, from_module, imported_module,
                                      root_of)
from workers.rewriting.star_exports import star_exported
from workers.rewriting.typerefs import from_import_origin, is_plain_use

# string.f(s, *rest) → s.f(*rest): py2's string.py defines each as exactly that method call
METHODS = {
    "capitalize": "capitalize", "center": "center", "count": "count", "expandtabs": "expandtabs", "find": "find",
    "index": "index", "ljust": "ljust", "lower": "lower", "lstrip": "lstrip", "replace": "replace",
    "rfind": "rfind", "rindex": "rindex", "rjust": "rjust", "rsplit": "rsplit", "rstrip": "rstrip",
    "split": "split", "splitfields": "split", "strip": "strip", "swapcase": "swapcase", "upper": "upper",
}
JOINS = ("join", "joinfields")  # string.join(words, sep=" ") → sep.join(words)
NUMBERS = {"atoi": ("int", 2), "atol": ("int", 2), "atof": ("float", 1)}  # name, most arguments
CONSTANTS = {"letters": "ascii_letters", "lowercase": "ascii_lowercase", "uppercase": "ascii_uppercase"}
# every name of Python 2's string module that Python 3's does not have
REMOVED = set(METHODS) | set(JOINS) | set(NUMBERS) | set(CONSTANTS) | {
    "maketrans", "translate", "zfill", "atof_error", "atoi_error", "atol_error", "index_error",
}
REWRITTEN = set(METHODS) | set(JOINS) | set(NUMBERS)


def string_function(node):
    """(X, number of head children) for `string.X…` (`string` the imported stdlib module) or for a
    bare `X…` bound by `from string import X` at module level; (None, 0) otherwise."""
    name = string_attribute(node)
    if name is not None:
        return name, 2
    if node.type != syms.power or len(node.children) < 2 or node.children[0].type != token.NAME:
        return None, 0
    origin = from_import_origin(node.children[0], "string")
    return (origin, 1) if origin in REWRITTEN else (None, 0)


def string_attribute(node):
    """For a `string.X…` power node where `string` is the imported stdlib module: X; else None."""
    if node.type != syms.power or len(node.children) < 2:
        return None
    first, trailer = node.children[:2]
    if first.type != token.NAME or first.value != "string" or trailer.type != syms.trailer:
        return None
    if trailer.children[0].type != token.DOT:
        return None
    bound = binding_statements(first, "string")
    if not bound or not all(imported_module(stmt, "string") == "string" for stmt in bound):
        return None
    return trailer.children[1].value


def call_arguments(node, head_count=2):
    """The arguments of `string.X(...)` when they are all plain positional ones; else None."""
    if len(node.children) <= head_count:
        return None
    call = node.children[head_count]
    if call.type != syms.trailer or call.children[0].type != token.LPAR:
        return None
    if len(call.children) == 2:
        return []
    inner = call.children[1]
    items = [c for c in inner.children if c.type != token.COMMA] if inner.type == syms.arglist else [inner]
    for item in items:
        if item.type in (syms.argument, syms.star_expr) or item.type in (token.STAR, token.DOUBLESTAR):
            return None
    return items


def rewrite_plan(node):
    """(kind, name, args) for a call this fixer rewrites; None otherwise."""
    name, head_count = string_function(node)
    if name not in REWRITTEN:
        return None
    args = call_arguments(node, head_count)
    if not args:
        # `string.join(x for x in y)` is a generator argument: fine as join's only argument
        if name in JOINS and len(node.children) > head_count and _single_generator(node.children[head_count]):
            return "join", name, [node.children[head_count].children[1]]
        return None
    if any("#" in item.prefix for item in args):
        return None
    if name in NUMBERS:
        return ("number", name, args) if len(args) <= NUMBERS[name][1] else None
    if name in JOINS:
        return ("join", name, args) if len(args) <= 2 else None
    return "method", name, args


def _single_generator(call):
    return call.type == syms.trailer and len(call.children) == 3 and call.children[1].type == syms.argument and (
        call.children[1].children[1].type == syms.comp_for)


def needs_parentheses(expr):
    if expr.type in (token.NAME, token.STRING):
        return False
    if expr.type == syms.atom:
        return expr.children[0].type not in (token.LPAR, token.LSQB, token.LBRACE)
    if expr.type == syms.power:
        return any(child.type == token.DOUBLESTAR for child in expr.children) or expr.children[0].type == token.AWAIT
    return True


def receiver(expr):
    """Nodes to put before `.method(...)`: the expression, in parentheses when it needs them."""
    expr = expr.clone()
    expr.prefix = ""
    if needs_parentheses(expr):
        return [pytree.Node(syms.atom, [LParen(), expr, RParen()])]
    if expr.type == syms.power:
        return [child.clone() for child in expr.children]
    return [expr]


def arguments(items):
    """A call trailer `(a, b)` of clones of items; the first one loses its leading space."""
    inner = []
    for index, item in enumerate(items):
        clone = item.clone()
        if index == 0:
            clone.prefix = clone.prefix.lstrip(" \t")
        else:
            inner.append(Comma())
        inner.append(clone)
    children = [LParen()]
    if len(inner) == 1:
        children += inner
    elif inner:
        children.append(pytree.Node(syms.arglist, inner))
    children.append(RParen())
    return pytree.Node(syms.trailer, children)


def _method_call(target, method, rest):
    trailer = pytree.Node(syms.trailer, [Dot(), Name(method)])
    return receiver(target) + [trailer, arguments(rest)]


def droppable_imports(stmt):
    """Names of the `from string import …` statement whose every use is a call this fixer rewrites."""
    if from_module(stmt) != "string":
        return set()
    root = root_of(stmt)
    imported = {leaf.value for leaf, alias in from_import_items(stmt) if alias is None} & REWRITTEN
    return {name for name in imported if not star_exported(root, name) and all(
        leaf.parent.children[0] is leaf and rewrite_plan(leaf.parent) is not None for leaf in _uses(root, name))}


def _uses(root, name):
    return [leaf for leaf in root.leaves() if leaf.value == name and is_plain_use(leaf)]


class _Impl(TreeFixer):
    _accept_type = {syms.power, syms.import_from}

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.droppable = set()

    def match(self, node):
        if node.type == syms.import_from:
            return bool(droppable_imports(node))
        return rewrite_plan(node) is not None

    def transform(self, node, results):
        if node.type == syms.import_from:
            self.droppable |= droppable_imports(node)
            return None  # after_fix drops the names once the calls are rewritten
        kind, name, args = rewrite_plan(node)
        after = [child.clone() for child in node.children[string_function(node)[1] + 1:]]
        if kind == "number":
            new_children = [Name(NUMBERS[name][0]), arguments(args)]
        elif kind == "join":
            separator = args[1] if len(args) > 1 else String('" "')
            new_children = _method_call(separator, "join", args[:1])
        else:
            new_children = _method_call(args[0], METHODS[name], args[1:])
        new = pytree.Node(syms.power, new_children + after)
        new.prefix = node.prefix
        return new

    def after_fix(self, tree):
        super().after_fix(tree)
        used = {leaf.value for leaf in tree.leaves() if is_plain_use(leaf)}
        for stmt in list(tree.pre_order()):
            if stmt.type == syms.import_from and from_module(stmt) == "string":
                for name in sorted(self.droppable - used):
                    drop_from_import_name(stmt, name)


class StringModule(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 32
    trigger = r"\bstring\s*\.\s*(%s)\b|\bfrom\s+string\s+import\b" % "|".join(sorted(REWRITTEN))
    summary = "Replace string-module functions with str methods, int() and float()"
    explanation = (
        "Python 3's `string` module has no `join`, `split`, `lower`, `strip`, `replace`, `find`, "
        "`atoi`… functions. On 2.7 each of them is defined in string.py as the matching call: "
        "`string.join(words, sep)` is `sep.join(words)` (with `\" \"` as the default separator), "
        "`string.lower(s)` is `s.lower()`, `string.atoi(s, base)` is `int(s, base)` and "
        "`string.atof(s)` is `float(s)`, so writing that call directly means the same on 2.7 and 3; "
        "the same for the names `from string import` binds, whose import goes once nothing else uses them. "
        "Only where `string` is the imported stdlib module; calls with keyword or `*` arguments are "
        "left alone (the string_module_notes report lists them)."
    )
    review_hint = (
        "`string.atol(s)` returned a long on 2.7; `int(s)` returns an int when the value fits, equal "
        "in value but not in type (`isinstance(x, long)`, repr with `L`)."
    )
    risk = SAFE


FIXER = StringModule()
