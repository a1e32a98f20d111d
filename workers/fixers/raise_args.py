"""`raise E, V` → `raise E(V)`; `raise E, V, tb` → `six.reraise(E, V, tb)`, or a bare `raise` when it
re-raises the handled exception unchanged."""
from fissix import pytree
from fissix.fixer_util import ArgList, Attr, Call, Comma, Name, is_tuple
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import is_none
from workers.rewriting.exception_values import constructor_arguments, is_literal_value
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.handled_exception import reraises_handled_exception
from workers.rewriting.parsing import parse
from workers.rewriting.scopes import binding_statements, is_bound_around
from workers.fixers.string_exceptions import is_string_expression


def _first_of_tuple(exc):
    # `raise (E1, E2), V` raised E1 on Python 2.
    while is_tuple(exc):
        exc = exc.children[1].children[0] if exc.children[1].type == syms.testlist_gexp else exc.children[1]
    return exc


def _class_called(exc):
    """`E` (or `mod.E`) for an exception made by a call `E(...)`, cloned; None otherwise."""
    if exc.type != syms.power or len(exc.children) < 2:
        return None
    call = exc.children[-1]
    if call.type != syms.trailer or call.children[0].value != "(":
        return None
    head = exc.children[:-1]
    if head[0].type != token.NAME or any(t.type != syms.trailer or t.children[0].value != "." for t in head[1:]):
        return None
    if len(head) == 1:
        return Name(head[0].value)
    return pytree.Node(syms.power, [child.clone() for child in head])


def _is_caught_instance(exc):
    """`err` bound only by `except … as err`: an exception instance, never a class (and `type`
    is the builtin there)."""
    if exc.type != token.NAME or is_bound_around(exc, "type"):
        return False
    bound = binding_statements(exc, exc.value)
    return bool(bound) and all(getattr(stmt, "type", None) == syms.except_clause for stmt in bound)


def _instance_or_wrapped(exc, err):
    """`err if isinstance(err, E) else E(err)`: what Python 2's `raise E, err, tb` raised, where
    six.reraise(E, err, tb) raises err itself on 3 (mutagen 1.20 turned a KeyError into its
    MP4StreamInfoError this way)."""
    text = "{err} if isinstance({err}, {exc}) else {exc}({err})".format(err=err.value, exc=str(exc).strip())
    node = parse("x = %s\n" % text).children[0].children[0].children[2]
    node.remove()
    return node


class _Impl(TreeFixer):
    PATTERN = "raise_stmt< 'raise' exc=any [',' val=any [',' tb=any]] >"

    def match(self, node):
        results = super().match(node)
        if not results or is_string_expression(results["exc"]):
            return False
        return results if ("val" in results or is_tuple(results["exc"])) else False

    def transform(self, node, results):
        exc = _first_of_tuple(results["exc"]).clone()
        exc.prefix = " "
        val = results.get("val")
        if "tb" in results:
            if reraises_handled_exception(node, results["exc"], val, results["tb"]):
                return Name("raise", prefix=node.prefix)
            return self._reraise(node, exc, val, results["tb"], _is_caught_instance(results["exc"]))
        if val is None or is_none(val):
            new = pytree.Node(syms.raise_stmt, [Name("raise"), exc])
        else:
            new = pytree.Node(syms.raise_stmt, [Name("raise"), Call(exc, constructor_arguments(val))])
        new.prefix = node.prefix
        return new

    def _reraise(self, node, exc, val, tb, caught_instance):
        exc.prefix = ""
        callee = _class_called(exc)
        if is_none(val) and callee is not None:
            # `raise E(x), None, tb` raised that instance; six.reraise(E(x), None) would call it on 3
            exc, value = callee, exc
        elif is_none(val) and caught_instance:
            # `except E as err: … raise err, None, tb` likewise (mutagen 1.20's ID3.load)
            exc, value = Call(Name("type"), [exc]), exc.clone()
        elif is_none(val):
            value = Name("None")
        elif is_literal_value(val):
            value = Call(exc.clone(), constructor_arguments(val))
        elif _is_caught_instance(val) and not is_bound_around(val, "isinstance"):
            value = _instance_or_wrapped(exc, val)
        else:
            value = val.clone()
        tb = tb.clone()
        value.prefix, tb.prefix = " ", " "
        args = [exc, Comma(), value, Comma(), tb]
        call = pytree.Node(syms.power, Attr(Name("six"), Name("reraise")) + [ArgList(args)])
        call.prefix = node.prefix
        self.needs_six = True
        return call


class RaiseArgs(FissixFixer):
    tree_fixer = _Impl
    order = 25
    summary = "Rewrite `raise E, V` as `raise E(V)` and `raise E, V, tb` as `six.reraise(E, V, tb)`"
    explanation = (
        "Rewrites the Python-2-only comma forms of raise. `raise E, V` becomes `raise E(V)` "
        "(`raise E(*V)` when V is a tuple, `raise E` when V is None), which is how Python 2 built the "
        "exception. `raise t, v, tb` of the values `sys.exc_info()` gave in the same function, with "
        "nothing in between that can change them, becomes a bare `raise`: the same re-raise on 2.7 and "
        "on 3, adding no frame to the traceback. Any other `raise E, V, tb` becomes "
        "`six.reraise(E, V, tb)`, which re-raises with that traceback on both versions; a "
        "literal V is wrapped as `E(V)` first because Python 3 cannot raise a string or tuple, and "
        "`raise E(x), None, tb` becomes `six.reraise(E, E(x), tb)` (on 3 reraise would call a None "
        "value's type), and `raise err, None, tb` of a name only `except … as err` binds "
        "`six.reraise(type(err), err, tb)`. "
        "Never `.with_traceback()`, which does not exist on Python 2. `raise (E1, E2), V` raised E1 "
        "on Python 2 and now says so."
    )
    review_hint = (
        "In `raise E, V` where V is a variable holding an exception *instance*, Python 2 raised V "
        "itself; `raise E(V)` wraps it. Check such sites. `six.reraise` adds the raising function's "
        "frame to the traceback on 2.7 (and six's frame too on 3), which the three-argument raise "
        "statement did not; no 2+3 form avoids that, so code that walks the traceback afterwards "
        "(e.g. a test asserting what `tb.tb_next` is) sees one frame more. It also adds a runtime "
        "dependency on six."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = RaiseArgs()
