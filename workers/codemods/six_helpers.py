"""six's small helpers → the Python 3 code they run: `raise ... from`, `print`, `exec`, `chr`, `io`,
the unittest method names, literals for `six.u()`/`six.b()`, and no `python_2_unicode_compatible`."""
import ast
import warnings

import libcst as cst
import libcst.matchers as m
from libcst.metadata import Assignment

from workers.rewriting.codemod import Codemod
from workers.rewriting.six_names import (SIX_TRIGGER, SixTransformer, parenthesized, positional_args)

BUILTINS = {"print_": "print", "exec_": "exec", "unichr": "chr", "iterbytes": "iter"}
MODULE_ATTRIBUTES = {"StringIO": "io.StringIO", "BytesIO": "io.BytesIO", "wraps": "functools.wraps"}
TEST_METHODS = frozenset({"assertCountEqual", "assertRaisesRegex", "assertRegex", "assertNotRegex"})
STATEMENTS = frozenset({"reraise", "raise_from"})
CALLED_ONLY = frozenset({"u", "b", "ensure_binary", "ensure_str", "ensure_text", "int2byte", "byte2int",
                         "indexbytes", "python_2_unicode_compatible"}) | TEST_METHODS | STATEMENTS
DECORATOR = "python_2_unicode_compatible"  # returns the class unchanged on Python 3
DJANGO_DECORATOR = "django.utils.encoding." + DECORATOR  # Django < 3's: the same, on Python 3


class SixHelpers(SixTransformer):
    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def six_name(self, node):
        """Django's python_2_unicode_compatible counts as six's: on Python 3 both return the class."""
        if self.may_be_imported_from(node, DJANGO_DECORATOR) and self.qualified_name(node) == DJANGO_DECORATOR:
            return DECORATOR
        return super().six_name(node)

    def leave_Decorator(self, original_node, updated_node):
        if self.six_name(original_node.decorator) != DECORATOR:
            return updated_node
        return self.replace(original_node, cst.RemoveFromParent(), six_node=original_node.decorator)

    def leave_Expr(self, original_node, updated_node):
        call = original_node.value
        name = self.six_name(call.func) if isinstance(call, cst.Call) else None
        if name not in STATEMENTS:
            return updated_node
        if name == "raise_from":
            statement = self._raise_from(call, updated_node.value)
        else:
            statement = self._reraise(original_node, call, updated_node.value)
        if statement is None:
            return updated_node
        return self.replace(original_node, statement, six_node=call.func)

    def _raise_from(self, call, updated_call):
        args = positional_args(updated_call, 2)
        if args is None:
            self.leave_alone(call, "six.raise_from with other than two plain arguments")
            return None
        return cst.Raise(exc=args[0], cause=cst.From(item=args[1]))

    def _reraise(self, statement, call, updated_call):
        if len(call.args) == 1 and call.args[0].star == "*":
            return self._reraise_current(statement, call)
        args, updated_args = positional_args(call), positional_args(updated_call)
        if args is None or len(args) not in (2, 3):
            self.leave_alone(call, "six.reraise with starred or keyword arguments")
            return None
        if not self._is_caught_exception(statement, args[1]) or not _is_exception_class_of(args[0], args[1]):
            self.leave_alone(call, "six.reraise of a value that may be None, or with a class other than its own")
            return None
        traceback = updated_args[2] if len(args) == 3 else cst.Name("None")
        with_traceback = cst.Call(cst.Attribute(updated_args[1], cst.Name("with_traceback")), [cst.Arg(traceback)])
        return cst.Raise(exc=with_traceback)

    def _reraise_current(self, statement, call):
        """`six.reraise(*sys.exc_info())` in an except block re-raises what it caught: `raise`."""
        exc_info = call.args[0].value
        if not (isinstance(exc_info, cst.Call) and not exc_info.args
                and self.qualified_name(exc_info.func) == "sys.exc_info"):
            self.leave_alone(call, "six.reraise of a starred value other than sys.exc_info()")
            return None
        if self._handler_around(statement) is None:
            self.leave_alone(call, "six.reraise(*sys.exc_info()) outside an except block")
            return None
        return cst.Raise()

    def _handler_around(self, node):
        """The except block `node` runs in (not in a function or class defined there), or None."""
        node = self.parent(node)
        while node is not None and not isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.Finally,
                                                         cst.ExceptStarHandler, cst.Module)):
            if isinstance(node, cst.ExceptHandler):
                return node
            node = self.parent(node)
        return None

    def _is_caught_exception(self, statement, value):
        """`value` is the `as` name of an except block the statement runs in, bound nowhere else:
        certainly an exception instance, never None."""
        if not isinstance(value, cst.Name):
            return False
        handler = self._handler_around(statement)
        while handler is not None and not m.matches(handler.name, m.AsName(name=m.Name(value.value))):
            handler = self._handler_around(handler)
        if handler is None:
            return False
        bindings = self.assignments(value, value.value)
        return bool(bindings) and all(self._is_except_binding(binding) for binding in bindings)

    def _is_except_binding(self, binding):
        as_name = self.parent(binding.node) if isinstance(binding, Assignment) else None
        return isinstance(as_name, cst.AsName) and isinstance(self.parent(as_name), cst.ExceptHandler)

    def leave_Call(self, original_node, updated_node):
        name = self.six_name(original_node.func)
        if name in TEST_METHODS:
            return self._test_method(original_node, updated_node, name)
        rewrite = {"u": self._u, "b": self._b, "ensure_binary": self._ensure, "ensure_str": self._ensure,
                   "ensure_text": self._ensure, "int2byte": self._int2byte, "byte2int": self._byte2int,
                   "indexbytes": self._indexbytes, DECORATOR: self._u}.get(name)
        if rewrite is None:
            return updated_node
        replacement = rewrite(original_node, updated_node, name)
        if replacement is None:
            return updated_node
        return self.replace(original_node, self.in_place_of(original_node, replacement), six_node=original_node.func)

    def _test_method(self, original, updated, name):
        args = updated.args
        if not args or args[0].star or args[0].keyword:
            self.leave_alone(original, "six.%s with no plain first argument" % name)
            return updated
        method = cst.Attribute(parenthesized(args[0].value), cst.Name(name))
        return self.replace(original, cst.Call(method, args=args[1:]), six_node=original.func)

    def _u(self, original, updated, name):
        args = positional_args(updated, 1)
        if args is None:
            self.leave_alone(original, "six.%s with other than one plain argument" % name)
        return args and args[0]

    def _b(self, original, updated, name):
        args = positional_args(updated, 1)
        if args is None:
            self.leave_alone(original, "six.b with other than one plain argument")
            return None
        literal = _bytes_literal(args[0], "latin-1")
        if literal is not None:
            return literal
        return cst.Call(cst.Attribute(parenthesized(args[0]), cst.Name("encode")), [cst.Arg(cst.SimpleString('"latin-1"'))])

    def _ensure(self, original, updated, name):
        """Only for a text literal, whose result is certain; anything else depends on its type."""
        args = positional_args(updated, 1)
        text = args and _text_value(args[0])
        if text is None:
            self.leave_alone(original, "six.%s of anything but one text literal: its result depends on the type" % name)
            return None
        if name != "ensure_binary":
            return args[0]
        literal = _bytes_literal(args[0], "utf-8")
        if literal is None:
            self.leave_alone(original, "six.ensure_binary of a literal with no plain bytes spelling")
        return literal

    def _int2byte(self, original, updated, name):
        args = positional_args(updated, 1)
        value = args and _int_value(args[0])
        if value is None or not 0 <= value <= 255:
            # struct.pack raises struct.error where bytes() raises ValueError: only certain values move
            self.leave_alone(original, "six.int2byte of a value not known to be in range(256)")
            return None
        return cst.Call(cst.Name("bytes"), [cst.Arg(cst.Tuple([cst.Element(args[0])]))])

    def _byte2int(self, original, updated, name):
        args = positional_args(updated, 1)
        if args is None:
            self.leave_alone(original, "six.byte2int with other than one plain argument")
            return None
        return cst.Subscript(parenthesized(args[0]), [cst.SubscriptElement(cst.Index(cst.Integer("0")))])

    def _indexbytes(self, original, updated, name):
        args = positional_args(updated, 2)
        if args is None:
            self.leave_alone(original, "six.indexbytes with other than two plain arguments")
            return None
        return cst.Subscript(parenthesized(args[0]), [cst.SubscriptElement(cst.Index(args[1]))])

    def renamed_use(self, original, updated):
        name = self.six_name(original)
        if name in CALLED_ONLY and not self._is_handled_use(original, name):
            self.leave_alone(original, "six.%s is used here in a way with no plain Python 3 spelling" % name)
        return self.renamed(original, updated, name, BUILTINS, MODULE_ATTRIBUTES)

    def _is_handled_use(self, node, name):
        parent = self.parent(node)
        if name == DECORATOR and isinstance(parent, cst.Decorator):
            return True
        called = isinstance(parent, cst.Call) and parent.func is node
        if name in STATEMENTS:  # only a statement of its own becomes a raise
            return called and isinstance(self.parent(parent), cst.Expr)
        return called


def _is_exception_class_of(tp, value):
    """`type(e)`, `e.__class__` or a plain name/attribute: reraise() evaluates and then ignores it."""
    if m.matches(tp, m.Call(func=m.Name("type"), args=[m.Arg(value=m.Name(), star="", keyword=None)])):
        return True
    expr = tp
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    return isinstance(expr, cst.Name) and isinstance(value, cst.Name)


def _literal_value(expr):
    if not isinstance(expr, (cst.SimpleString, cst.Integer)):
        return None
    try:
        return ast.literal_eval(expr.value)
    except (ValueError, SyntaxError):
        return None


def _text_value(expr):
    value = _literal_value(expr)
    return value if isinstance(value, str) else None


def _int_value(expr):
    value = _literal_value(expr)
    return value if isinstance(value, int) else None


def _bytes_literal(expr, encoding):
    """A b'' literal with the value `expr`'s text encodes to, spelled as `expr` is, or None."""
    text = _text_value(expr)
    if text is None or "b" in expr.prefix.lower():
        return None
    prefix = expr.prefix.replace("u", "").replace("U", "")
    literal = cst.SimpleString(prefix + "b" + expr.value[len(expr.prefix):])
    try:
        encoded = text.encode(encoding)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # b"\u00e9" spells a backslash: an invalid escape warning
            same = ast.literal_eval(literal.value) == encoded
    except (UnicodeError, ValueError, SyntaxError):
        return None
    return literal if same else None


class SixHelpersCodemod(Codemod):
    transformer = SixHelpers
    trigger = SIX_TRIGGER + r"|\b" + DECORATOR + r"\b"
    summary = "Replace six's small helpers with the Python 3 code they run"
    explanation = (
        "What each six helper is on Python 3: `six.raise_from(e, c)` is `raise e from c`; "
        "`six.reraise(tp, e, tb)` of an exception caught by the enclosing except block is "
        "`raise e.with_traceback(tb)`, and `six.reraise(*sys.exc_info())` there is `raise`; "
        "`six.u(s)` is `s`, `six.b('x')` is `b'x'`; `six.print_`, `six.exec_`, `six.unichr`, "
        "`six.iterbytes` are `print`, `exec`, `chr`, `iter`; `six.StringIO`/`BytesIO` and `six.wraps` "
        "are io's and functools'; `six.byte2int(b)` is `b[0]`, `six.indexbytes(b, i)` `b[i]`, "
        "`six.int2byte(65)` `bytes((65,))`; `six.assertCountEqual(self, ...)` and the assert*Regex "
        "helpers call the unittest method; `@six.python_2_unicode_compatible` (and Django's, from "
        "`django.utils.encoding`, gone in Django 3) returns its class unchanged: the `__str__` the "
        "2+3 stage wrote stays, plain. Django's bundled `django.utils.six` is six. "
        "`six.ensure_str`/`ensure_text`/`ensure_binary` change only for a literal."
    )
    review_hint = ("Nothing should change at run time on Python 3; a re-raised exception's traceback no "
                   "longer shows six's frame.")


FIXER = SixHelpersCodemod()
