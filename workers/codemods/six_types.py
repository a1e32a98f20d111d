"""`six.text_type` → `str`, `six.string_types` → `(str,)` and their kin, `six.MAXSIZE` → `sys.maxsize`."""
import libcst as cst

from workers.rewriting.codemod import Codemod
from workers.rewriting.six_names import SixTransformer

BUILTIN_OF = {"text_type": "str", "binary_type": "bytes", "string_types": "str", "integer_types": "int",
              "class_types": "type"}
TUPLES = frozenset({"string_types", "integer_types", "class_types"})  # six's are 1-tuples on Python 3
MODULE_ATTRIBUTES = {"MAXSIZE": "sys.maxsize"}


class SixTypesToBuiltins(SixTransformer):
    def __init__(self, context):
        super().__init__(context)
        self.type_checks = set()  # isinstance/issubclass second arguments and their tuples' members

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def visit_Call(self, node):
        func = node.func
        if (isinstance(func, cst.Name) and func.value in ("isinstance", "issubclass") and len(node.args) == 2
                and not node.args[1].star and not node.args[1].keyword and self.means_builtin(func, func.value)):
            self._mark_type_check(node.args[1].value)

    def _mark_type_check(self, expr):
        """A tuple member of a type check may be `str` itself: isinstance flattens nested tuples."""
        self.type_checks.add(expr)
        if isinstance(expr, cst.Tuple):
            for element in expr.elements:
                if isinstance(element, cst.Element):
                    self._mark_type_check(element.value)

    def renamed_use(self, original, updated):
        """The shared rename, then a 1-tuple for six's tuples outside a type check."""
        name = self.six_name(original)
        renamed = self.renamed(original, updated, name, BUILTIN_OF, MODULE_ATTRIBUTES)
        if renamed is not updated and name in TUPLES and original not in self.type_checks:
            return cst.Tuple([cst.Element(renamed)])
        return renamed


class SixTypes(Codemod):
    transformer = SixTypesToBuiltins
    trigger = r"\b(?:text_type|binary_type|string_types|integer_types|class_types|MAXSIZE)\b"
    summary = "Replace six's type aliases with the builtins they are on Python 3"
    explanation = (
        "On Python 3 `six.text_type` is `str`, `six.binary_type` is `bytes`, `six.string_types`, "
        "`six.integer_types` and `six.class_types` are `(str,)`, `(int,)` and `(type,)`, and "
        "`six.MAXSIZE` is `sys.maxsize`. In isinstance()/issubclass() the 1-tuples become the bare "
        "type (the same check). A name only counts as six's when it was imported from six, and is "
        "only replaced where the builtin it becomes is not rebound. The six import goes once unused."
    )
    review_hint = ("Nothing should change at run time on Python 3. A module that re-exported a name it "
                   "imported from six (other modules importing it from here) loses it once unused here.")


FIXER = SixTypes()
