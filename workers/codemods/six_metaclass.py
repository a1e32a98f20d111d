"""`@six.add_metaclass(M)` and `class X(six.with_metaclass(M, Base))` → `class X(Base, metaclass=M)`;
`six.Iterator` (`object` on Python 3) leaves the bases."""
import libcst as cst

from workers.rewriting.codemod import Codemod
from workers.rewriting.six_names import SixTransformer, positional_args

DECORATOR_BELOW = ("decorators below @six.add_metaclass now receive the class its metaclass made, "
                   "not a plain class that is then rebuilt")
NO_SPACE = cst.SimpleWhitespace("")


class SixMetaclass(SixTransformer):
    def leave_ClassDef(self, original_node, updated_node):
        node = self._without_iterator_base(original_node, updated_node)
        node = self._with_metaclass_base(original_node, node)
        return self._add_metaclass_decorator(original_node, node)

    def _without_iterator_base(self, original, updated):
        if len(updated.bases) != len(original.bases):  # another codemod of the walk changed them
            return updated
        bases = list(zip(original.bases, updated.bases))
        kept = [u for o, u in bases if not (self.six_name(o.value) == "Iterator" and not o.star and not o.keyword)]
        if len(kept) == len(bases):
            return updated
        for o, _ in bases:
            if self.six_name(o.value) == "Iterator":
                self.record(o)
                self.forget(o.value)
        return _with_arguments(updated, kept, updated.keywords)

    def _with_metaclass_base(self, original, updated):
        calls = [base for base in original.bases if isinstance(base.value, cst.Call)
                 and self.six_name(base.value.func) == "with_metaclass"]
        if not calls:
            return updated
        call = calls[0].value
        args = positional_args(call)
        if len(original.bases) != 1 or original.keywords or not args:
            self.leave_alone(call, "six.with_metaclass beside other bases or keywords, or with no plain arguments")
            return updated
        updated_call = updated.bases[0].value if len(updated.bases) == 1 else None
        if not isinstance(updated_call, cst.Call) or len(updated_call.args) != len(call.args):
            return updated  # another codemod of the walk rewrote it
        bases = list(updated_call.args[1:])
        if len(bases) == 1 and _is_name(bases[0].value, "object") and self.means_builtin(call, "object"):
            bases = []
        self.record(call)
        self.forget(call.func)
        return _with_arguments(updated, bases, [_metaclass_keyword(updated_call.args[0].value)])

    def _add_metaclass_decorator(self, original, updated):
        positions = [i for i, d in enumerate(original.decorators) if isinstance(d.decorator, cst.Call)
                     and self.six_name(d.decorator.func) == "add_metaclass"]
        if not positions:
            return updated
        decorator = original.decorators[positions[0]].decorator
        args = positional_args(decorator, 1)
        if len(positions) > 1 or args is None or any(k.keyword and k.keyword.value == "metaclass" for k in updated.keywords):
            self.leave_alone(decorator, "six.add_metaclass used twice, with other than one argument, or on a "
                                        "class that has a metaclass keyword")
            return updated
        index = positions[0]
        if len(updated.decorators) != len(original.decorators):  # another codemod of the walk changed them
            return updated
        note = DECORATOR_BELOW if index < len(original.decorators) - 1 else ""
        self.record(original.decorators[index], note)
        self.forget(decorator.func)
        metaclass = updated.decorators[index].decorator.args[0].value
        decorators = [d for i, d in enumerate(updated.decorators) if i != index]
        keywords = list(updated.keywords) + [_metaclass_keyword(metaclass)]
        return _with_arguments(updated, updated.bases, keywords).with_changes(decorators=decorators)


def _metaclass_keyword(value):
    return cst.Arg(value=value, keyword=cst.Name("metaclass"),
                   equal=cst.AssignEqual(whitespace_before=NO_SPACE, whitespace_after=NO_SPACE))


def _with_arguments(classdef, bases, keywords):
    """The class with these bases and keywords, its parentheses (and commas) as Python wants them."""
    arguments = list(bases) + list(keywords)
    if arguments:
        last = arguments[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        arguments[-1] = last
        for i, argument in enumerate(arguments[:-1]):
            if argument.comma is cst.MaybeSentinel.DEFAULT:
                arguments[i] = argument.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    bases, keywords = arguments[:len(bases)], arguments[len(bases):]
    if not arguments:
        return classdef.with_changes(bases=[], keywords=[], lpar=cst.MaybeSentinel.DEFAULT,
                                     rpar=cst.MaybeSentinel.DEFAULT)
    return classdef.with_changes(bases=bases, keywords=keywords)


def _is_name(expr, name):
    return isinstance(expr, cst.Name) and expr.value == name


class SixMetaclassCodemod(Codemod):
    transformer = SixMetaclass
    trigger = r"\b(?:add_metaclass|with_metaclass|Iterator)\b"
    summary = "Write metaclasses with Python 3's metaclass= instead of six's helpers"
    explanation = (
        "`six.with_metaclass(M, Base)` as a class's only base makes, on Python 3, a class built by "
        "`M` from `Base` (six even asks `M.__prepare__` for the namespace): that is `class X(Base, "
        "metaclass=M)`. `@six.add_metaclass(M)` rebuilds an already made class with `M`; "
        "`metaclass=M` builds it with `M` once. `six.Iterator` is `object` on Python 3, so it leaves "
        "the bases."
    )
    review_hint = ("A class decorated with add_metaclass is now built once, not twice: __init_subclass__ "
                   "and __set_name__ hooks with side effects run once, and M.__prepare__ is now asked for "
                   "the class namespace. Check decorators placed below @six.add_metaclass.")


FIXER = SixMetaclassCodemod()
