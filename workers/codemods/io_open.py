"""`io.open(...)` → `open(...)`, and `from io import open` removed: on Python 3 they are the builtin."""
import libcst as cst

from workers.rewriting.codemod import Codemod, without_new_leading_blank_lines
from workers.rewriting.cst_names import NameAwareRecorder, exports
from workers.rewriting.cst_statements import statements_of

NOTE_MODULE_LEVEL = "a module that imports `open` from this one must now use the builtin"


def _is_io_open_import(node):
    return (isinstance(node.module, cst.Name) and node.module.value == "io" and not node.relative
            and not isinstance(node.names, cst.ImportStar)
            and any(_binds_open(alias) for alias in node.names))


def _binds_open(alias):
    return (isinstance(alias.name, cst.Name) and alias.name.value == "open"
            and (alias.asname is None or alias.asname.name.value == "open"))


class UseBuiltinOpen(NameAwareRecorder):
    def finish_module(self, before, after):
        return without_new_leading_blank_lines(before, after)

    def visit_Module(self, node):
        super().visit_Module(node)
        self.removable = self._removable_imports(node)
        self.try_depth = 0
        self.function_depth = 0

    def _removable_imports(self, module):
        """The `from io import open` statements this codemod removes: not in a try (a fallback for
        import_fallbacks_py3), not re-exported through __all__."""
        if exports(module, "open"):
            return []
        in_try = {id(n) for t in statements_of(module, cst.Try) for n in statements_of(t, cst.ImportFrom)}
        return [n for n in statements_of(module, cst.ImportFrom) if id(n) not in in_try and _is_io_open_import(n)]

    def visit_FunctionDef(self, node):
        self.function_depth += 1

    def leave_FunctionDef(self, original_node, updated_node):
        self.function_depth -= 1
        return updated_node

    def leave_Call(self, original_node, updated_node):
        func = original_node.func
        if not (isinstance(func, cst.Attribute) and self.refers_to(func, "io.open")):
            return updated_node
        if not self.builtin_visible(original_node, "open", ignoring=self.removable):
            return updated_node
        self.record(func)
        self._forget_module(func.value)
        return updated_node.with_changes(func=cst.Name("open", lpar=func.lpar, rpar=func.rpar))

    def _forget_module(self, module):
        """`import io` goes when this call was its last use (RemoveImportsVisitor checks that)."""
        if isinstance(module, cst.Name):
            self.remove_unused_import("io", asname=None if module.value == "io" else module.value)

    def leave_ImportFrom(self, original_node, updated_node):
        if not any(original_node is n for n in self.removable):
            return updated_node
        self.record(original_node, "" if self.function_depth else NOTE_MODULE_LEVEL)
        kept = [alias for alias in updated_node.names if not _binds_open(alias)]
        if not kept:
            return cst.RemoveFromParent()
        kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return updated_node.with_changes(names=kept, rpar=updated_node.rpar if len(kept) > 1 else None,
                                         lpar=updated_node.lpar if len(kept) > 1 else None)


class IoOpen(Codemod):
    transformer = UseBuiltinOpen
    trigger = r"(?s)\bio\b.*\bopen\b"
    summary = "Use the builtin open instead of io.open"
    explanation = (
        "On Python 3 `io.open` is the builtin `open` (`io.open is open`), so `io.open(...)` calls "
        "become `open(...)` wherever `open` is the builtin there, and `from io import open` goes: "
        "the name it bound is the builtin anyway. An import inside try/except is a fallback "
        "(import_fallbacks_py3 decides those), and one listed in `__all__` is a re-export: both stay. "
        "An `import io` left unused by the change goes."
    )
    review_hint = "A removed module-level `from io import open` is gone from the module's namespace."


FIXER = IoOpen()
