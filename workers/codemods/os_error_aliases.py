"""`IOError`, `EnvironmentError`, `socket.error`, `select.error`, `mmap.error` → `OSError` in
`except` clauses and `raise` statements, merging `except (OSError, IOError)` into `except OSError`."""
import libcst as cst

from workers.rewriting.codemod import Codemod, without_new_leading_blank_lines
from workers.rewriting.cst_names import NameAwareRecorder

BUILTIN_ALIASES = ("IOError", "EnvironmentError")
MODULE_ALIASES = ("socket.error", "select.error", "mmap.error")


class UseOSError(NameAwareRecorder):
    def finish_module(self, before, after):
        return without_new_leading_blank_lines(before, after)

    def is_alias(self, node):
        if isinstance(node, cst.Name) and node.value in BUILTIN_ALIASES and self.is_builtin(node):
            return True
        return isinstance(node, (cst.Name, cst.Attribute)) and self.refers_to(node, *MODULE_ALIASES)

    def replaced(self, alias):
        """Record a rewritten alias; the import that bound it goes when this was its last use."""
        self.record(alias)
        if isinstance(alias, cst.Name) and alias.value in BUILTIN_ALIASES and self.is_builtin(alias):
            return
        names = self.qualified_names(alias)
        qualified = next(iter(names)).name if len(names) == 1 else ""
        if qualified not in MODULE_ALIASES:
            return
        module, attribute = qualified.rsplit(".", 1)
        if isinstance(alias, cst.Attribute) and isinstance(alias.value, cst.Name):
            bound = alias.value.value
            self.remove_unused_import(module, asname=None if bound == module else bound)
        elif isinstance(alias, cst.Name):
            self.remove_unused_import(module, attribute, asname=None if alias.value == attribute else alias.value)

    def is_os_error(self, node):
        return isinstance(node, cst.Name) and node.value == "OSError" and self.is_builtin(node)

    def leave_ExceptHandler(self, original_node, updated_node):
        caught = original_node.type
        if caught is None or not self.builtin_visible(original_node, "OSError"):
            return updated_node
        if self.is_alias(caught):
            self.replaced(caught)
            return updated_node.with_changes(type=_os_error_like(caught))
        if isinstance(caught, cst.Tuple):
            return self._merge_tuple(original_node, updated_node)
        return updated_node

    def _merge_tuple(self, original_node, updated_node):
        elements, seen_os_error, changed = [], False, False
        for element in original_node.type.elements:
            is_alias = self.is_alias(element.value)
            if is_alias or self.is_os_error(element.value):
                changed = changed or is_alias or seen_os_error
                if is_alias:
                    self.replaced(element.value)
                if seen_os_error:
                    continue
                seen_os_error = True
                element = element.with_changes(value=_os_error_like(element.value))
            elements.append(element)
        if not changed:
            return updated_node
        if len(elements) == 1 and not isinstance(elements[0], cst.StarredElement):
            space = updated_node.whitespace_after_except
            return updated_node.with_changes(type=elements[0].value,
                                             whitespace_after_except=space if space.value else cst.SimpleWhitespace(" "))
        elements[-1] = elements[-1].with_changes(comma=original_node.type.elements[-1].comma)
        return updated_node.with_changes(type=updated_node.type.with_changes(elements=elements))

    def leave_Raise(self, original_node, updated_node):
        raised = original_node.exc
        target = raised.func if isinstance(raised, cst.Call) else raised
        if target is None or not self.is_alias(target) or not self.builtin_visible(original_node, "OSError"):
            return updated_node
        self.replaced(target)
        if isinstance(raised, cst.Call):
            return updated_node.with_changes(exc=updated_node.exc.with_changes(func=_os_error_like(target)))
        return updated_node.with_changes(exc=_os_error_like(target))


def _os_error_like(node):
    """`OSError` in the parentheses `node` was written in."""
    return cst.Name("OSError", lpar=node.lpar, rpar=node.rpar)


class OsErrorAliases(Codemod):
    transformer = UseOSError
    trigger = r"\b(?:IOError|EnvironmentError|socket|select|mmap)\b"
    # in a function only except clauses and raise statements change (`from socket import error`
    # is followed by the names the import binds); a bare `select` is mostly HTML in strings
    body_trigger = r"\b(?:except|raise)\b[^:]*\b(?:IOError|EnvironmentError|error)\b"
    names_trigger = r"\bfrom\s+(?:socket|select|mmap)\s+import\b|\bimport\s+(?:socket|select|mmap)\s+as\b"
    summary = "Use OSError for its Python 3 aliases in except and raise"
    explanation = (
        "Since Python 3.3 `IOError`, `EnvironmentError`, `socket.error`, `select.error` and "
        "`mmap.error` are all the very class `OSError` (PEP 3151): `except IOError` and `except "
        "OSError` catch the same exceptions, and `raise IOError(...)` raises an OSError. In `except` "
        "clauses and `raise` statements they become `OSError`, and a tuple naming OSError twice "
        "keeps one (`except (OSError, IOError)` → `except OSError`). Only the builtins and the "
        "modules' own `error` count, and only where `OSError` is the builtin. `WindowsError` exists "
        "on Windows only and is reported by os_error_aliases_review instead. An `import socket` "
        "(or `select`, `mmap`) left unused by the change goes."
    )
    review_hint = "Nothing should change at run time on Python 3."


FIXER = OsErrorAliases()
