"""`class X(object):` → `class X:`; `class X(Base, object):` → `class X(Base):`."""
import libcst as cst

from workers.rewriting.codemod import Codemod
from workers.rewriting.cst_names import NameAwareRecorder


class DropObjectBase(NameAwareRecorder):
    def leave_ClassDef(self, original_node, updated_node):
        bases = list(updated_node.bases)
        if not bases or not self._is_object(original_node.bases[-1]) or any(arg.star for arg in bases):
            return updated_node
        self.record(original_node.bases[-1])
        dropped = bases.pop()
        if bases and not updated_node.keywords:
            bases[-1] = bases[-1].with_changes(comma=dropped.comma)
        if bases or updated_node.keywords:
            return updated_node.with_changes(bases=bases)
        return updated_node.with_changes(bases=[], lpar=cst.MaybeSentinel.DEFAULT, rpar=cst.MaybeSentinel.DEFAULT)

    def _is_object(self, arg):
        return isinstance(arg.value, cst.Name) and arg.value.value == "object" and self.is_builtin(arg.value)


class ObjectBase(Codemod):
    transformer = DropObjectBase
    trigger = r"\bclass\b[^:]*\bobject\b"
    names_trigger = ""
    summary = "Drop `object` from class bases"
    explanation = (
        "Every Python 3 class is new-style: `class X(object):` and `class X:` make the same class, "
        "with `X.__bases__ == (object,)` and the same MRO. `object` is dropped only as the last "
        "positional base (`class X(Base, object)` → `class X(Base)`: C3 puts `object` last either "
        "way). Anywhere earlier, as in `class X(object, Mixin)`, Python 3 cannot build an MRO and "
        "raises TypeError; dropping it would change that, so such classes are left as they are. "
        "Only the builtin `object` counts, not a name the module binds itself or might get from a "
        "star import."
    )
    review_hint = "Nothing should change at run time on Python 3."


FIXER = ObjectBase()
