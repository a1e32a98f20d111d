"""`super(Cls, self)` → `super()` in a method of class `Cls` whose first parameter is `self`."""
import libcst as cst
import libcst.matchers as m
from libcst.metadata import ClassScope, FunctionScope, ScopeProvider

from workers.rewriting.codemod import Codemod
from workers.rewriting.cst_names import NameAwareRecorder

DECORATED_CLASS = ("the class is decorated: a decorator that returns a new class (attrs or dataclass "
                   "slots, six.add_metaclass) leaves zero-argument super() looking at the original one")
NAME_REBOUND = "the class name is bound more than once here: super() would use the class being defined"
TWO_NAMES = m.Call(func=m.Name("super"), args=[m.Arg(value=m.Name(), keyword=None, star=""),
                                               m.Arg(value=m.Name(), keyword=None, star="")])


def _first_parameter(params):
    positional = list(params.posonly_params) + list(params.params)
    return positional[0] if positional else None


class ZeroArgumentSuper(NameAwareRecorder):
    def leave_Call(self, original_node, updated_node):
        if not m.matches(original_node, TWO_NAMES) or not self.is_builtin(original_node.func):
            return updated_node
        reason = self.why_not(original_node)
        if reason is None:
            self.record(original_node)
            return updated_node.with_changes(args=[], whitespace_before_args=cst.SimpleWhitespace(""))
        if reason:
            self.leave_alone(original_node, reason)
        return updated_node

    def leave_alone(self, node, reason):
        """A call left as it is for a reason a reviewer should hear (the review codemod lists it)."""

    def why_not(self, call):
        """None when `call` can lose its arguments; else why not ("" when nobody needs telling)."""
        scope = self.get_metadata(ScopeProvider, call, None)
        if not (isinstance(scope, FunctionScope) and isinstance(scope.node, cst.FunctionDef)
                and isinstance(scope.parent, ClassScope)):
            return ""  # a lambda, comprehension or nested function has another first argument
        function, classdef = scope.node, scope.parent.node
        cls, instance = (arg.value for arg in call.args)
        if cls.value != classdef.name.value or not self._first_parameter_is(function, instance, scope):
            return ""
        if m.findall(call, m.Comment()):
            return ""
        if not self._names_only(scope, cls, classdef):
            return NAME_REBOUND
        return DECORATED_CLASS if classdef.decorators else None

    def _first_parameter_is(self, function, instance, scope):
        first = _first_parameter(function.params)
        if first is None or first.name.value != instance.value or len(scope[instance.value]) != 1:
            return False  # no first parameter, another name, or one the method rebinds
        return all(self._is_classmethod(d.decorator) for d in function.decorators)

    def _is_classmethod(self, decorator):
        return isinstance(decorator, cst.Name) and decorator.value == "classmethod" and self.is_builtin(decorator)

    def _names_only(self, scope, name, classdef):
        referents = {id(r.node) for access in scope.accesses[name] for r in access.referents}
        return referents == {id(classdef)}


class SuperCalls(Codemod):
    transformer = ZeroArgumentSuper
    trigger = r"\bsuper\(\s*\w+\s*,"
    names_trigger = ""
    summary = "Use super() without arguments"
    explanation = (
        "In a method defined in class `Cls`, Python 3's `super()` is `super(Cls, first_argument)`: "
        "the class comes from the `__class__` cell the class statement fills, the instance (or class, "
        "in a classmethod) from the method's first parameter. A call becomes `super()` only where the "
        "two are certainly the same: directly in a method (not a nested function, lambda or "
        "comprehension, whose first argument differs), plain or classmethod (not staticmethod), "
        "whose second argument is its unrebound first parameter, whose first argument names the "
        "enclosing class and is bound nowhere else, in a class without decorators. "
        "`super(Base, self)`, which skips part of the MRO on purpose, stays."
    )
    review_hint = "Nothing should change at run time on Python 3."


FIXER = SuperCalls()
