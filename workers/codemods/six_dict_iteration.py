"""six's dictionary iteration and function-introspection helpers → what they call on Python 3.

`six.iteritems(d)` is `iter(d.items())` on Python 3; where the result is only iterated once (a
`for`, a comprehension, `list(...)`, `sorted(...)`, ...) the `iter()` adds nothing and is dropped.
"""
import libcst as cst

from workers.rewriting.codemod import Codemod
from workers.rewriting.six_names import SixTransformer, parenthesized

ITERATORS = {"iteritems": "items", "iterkeys": "keys", "itervalues": "values", "iterlists": "lists"}
VIEWS = {"viewitems": "items", "viewkeys": "keys", "viewvalues": "values"}
ATTRIBUTES = {"get_function_code": "__code__", "get_function_closure": "__closure__",
              "get_function_defaults": "__defaults__", "get_function_globals": "__globals__",
              "get_method_function": "__func__", "get_method_self": "__self__"}
IDENTITIES = ("get_unbound_function", "create_unbound_method")  # return their first argument on 3
BUILTINS = {"next": "next", "advance_iterator": "next", "callable": "callable"}
MODULE_ATTRIBUTES = {"create_bound_method": "types.MethodType"}
CALLED_ONLY = frozenset(ITERATORS) | frozenset(VIEWS) | frozenset(ATTRIBUTES) | frozenset(IDENTITIES)
# Builtins that iterate an argument once, so an iterator over a view and the view act the same.
ITERATING_BUILTINS = frozenset({"list", "tuple", "set", "frozenset", "sorted", "dict", "enumerate", "zip",
                                "map", "filter", "any", "all", "sum", "min", "max"})


class SixDictIteration(SixTransformer):
    def __init__(self, context):
        super().__init__(context)
        self.iterated = set()  # expressions whose value is only ever iterated once

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def visit_For(self, node):
        self.iterated.add(node.iter)

    def visit_CompFor(self, node):
        self.iterated.add(node.iter)

    def visit_StarredElement(self, node):
        self.iterated.add(node.value)

    def visit_Call(self, node):
        self.iterated.update(arg.value for arg in node.args if arg.star == "*")
        func = node.func
        if not (isinstance(func, cst.Name) and func.value in ITERATING_BUILTINS and self.means_builtin(func, func.value)):
            return
        positional = [arg for arg in node.args if not arg.keyword and not arg.star]
        if func.value in ("map", "filter"):
            positional = positional[1:]
        elif func.value in ("min", "max") and len(positional) != 1:
            positional = []  # min(a, b) compares its arguments
        self.iterated.update(arg.value for arg in positional)

    def leave_Call(self, original_node, updated_node):
        name = self.six_name(original_node.func)
        if name not in CALLED_ONLY:
            return updated_node
        args = updated_node.args
        if not args or args[0].star or args[0].keyword:
            self.leave_alone(original_node, "six.%s with no plain first argument" % name)
            return updated_node
        receiver, rest = parenthesized(args[0].value), _without_trailing_comma(args[1:])
        if name in ITERATORS or name in VIEWS:
            view = cst.Call(cst.Attribute(receiver, cst.Name(ITERATORS.get(name) or VIEWS[name])), args=rest)
            if name in VIEWS or original_node in self.iterated:
                return self._replaced(original_node, view)
            if not self.means_builtin(original_node, "iter"):
                self.leave_alone(original_node, "`iter` means something else here, so six.%s stays" % name)
                return updated_node
            return self._replaced(original_node, cst.Call(cst.Name("iter"), [cst.Arg(view)]))
        if rest and (name != "create_unbound_method" or not _is_plain_reference(rest[0].value) or len(rest) > 1):
            self.leave_alone(original_node, "six.%s with arguments whose evaluation would be dropped" % name)
            return updated_node
        if name in ATTRIBUTES:
            return self._replaced(original_node, cst.Attribute(receiver, cst.Name(ATTRIBUTES[name])))
        return self._replaced(original_node, self.in_place_of(original_node, args[0].value))  # identity on 3

    def _replaced(self, original_call, replacement):
        return self.replace(original_call, replacement, six_node=original_call.func)

    def renamed_use(self, original, updated):
        name = self.six_name(original)
        if name in CALLED_ONLY and not self._is_called(original):
            self.leave_alone(original, "six.%s is used without being called" % name)
        return self.renamed(original, updated, name, BUILTINS, MODULE_ATTRIBUTES)

    def _is_called(self, node):
        parent = self.parent(node)
        return isinstance(parent, cst.Call) and parent.func is node


def _without_trailing_comma(args):
    args = list(args)
    if args:
        args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return args


def _is_plain_reference(expr):
    """A name or attribute chain: evaluating it has no effect worth keeping."""
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    return isinstance(expr, cst.Name)


class SixDictIterationCodemod(Codemod):
    transformer = SixDictIteration
    trigger = (r"\b(?:iter(?:items|keys|values|lists)|view(?:items|keys|values)|get_function_\w+|get_method_\w+"
               r"|get_unbound_function|create_unbound_method|create_bound_method|advance_iterator)\b"
               r"|\bsix\.(?:next|callable)\b|\bfrom[ \t]+six[ \t]+import\b.*\b(?:next|callable)\b")
    summary = "Replace six's dict iteration and function helpers with what they do on Python 3"
    explanation = (
        "On Python 3 `six.iteritems(d)` is `iter(d.items())` (likewise iterkeys, itervalues, iterlists); "
        "where the result is only iterated once (a for loop, a comprehension, list(), sorted(), ...) "
        "the `iter()` changes nothing and is left out. `six.viewitems(d)` is `d.items()`, "
        "`six.get_function_code(f)` is `f.__code__` (and the other get_function_/get_method_ "
        "helpers their attributes), `six.get_unbound_function(f)` is `f`, "
        "`six.create_bound_method` is `types.MethodType`, and `six.next`, `six.advance_iterator`, "
        "`six.callable` are the builtins. The six import goes once unused."
    )
    review_hint = "Nothing should change at run time on Python 3."


FIXER = SixDictIterationCodemod()
