"""What a name in a libcst tree refers to, for the python3-only codemods: a builtin, a module's
attribute, or one of the module's own bindings, read from libcst's scope and qualified-name metadata.

A `from m import *` anywhere in the module may bind any name, so in such a module no name is
certainly the builtin.
"""
import builtins

import libcst as cst
import libcst.matchers as m
from libcst.metadata import (BuiltinAssignment, QualifiedName, QualifiedNameProvider, QualifiedNameSource,
                             ScopeProvider)

from workers.rewriting.codemod import SiteRecorder

PY3_BUILTINS = frozenset(dir(builtins))


def has_star_import(module):
    return bool(m.findall(module, m.ImportFrom(names=m.ImportStar())))


def dotted_name(node):
    """"a.b.c" for a Name/Attribute chain, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return base and "%s.%s" % (base, node.attr.value)
    return None


class NameAwareRecorder(SiteRecorder):
    """A SiteRecorder that can tell builtins and imported names apart from the module's own."""

    METADATA_DEPENDENCIES = SiteRecorder.METADATA_DEPENDENCIES + (QualifiedNameProvider, ScopeProvider)

    def visit_Module(self, node):
        self.star_imported = has_star_import(node)

    def qualified_names(self, node):
        return self.get_metadata(QualifiedNameProvider, node, set())

    def is_builtin(self, node, name=None):
        """Whether the Name `node` is certainly the builtin `name` (default: its own name)."""
        name = name or node.value
        return not self.star_imported and self.qualified_names(node) == {
            QualifiedName("builtins." + name, QualifiedNameSource.BUILTIN)}

    def refers_to(self, node, *qualified):
        """Whether a Name/Attribute certainly is the imported `module.attr` (one of `qualified`)."""
        names = self.qualified_names(node)
        return len(names) == 1 and next(iter(names)) in {
            QualifiedName(name, QualifiedNameSource.IMPORT) for name in qualified}

    def builtin_visible(self, node, name, ignoring=()):
        """Whether the bare name `name`, written where `node` is, would be the builtin (bindings
        whose node is in `ignoring`, which the codemod removes, do not count)."""
        if self.star_imported:
            return False
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        found = [a for a in scope[name] if not any(a.node is n for n in ignoring)]
        return bool(found) and all(isinstance(a, BuiltinAssignment) for a in found)

    def is_unbound(self, node):
        """Whether the Name `node` is bound nowhere it could see: not by the module, not a builtin
        of this Python (WindowsError, on Linux)."""
        scope = self.get_metadata(ScopeProvider, node, None)
        return not self.star_imported and scope is not None and not scope[node.value]
