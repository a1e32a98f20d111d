"""What a name in a libcst tree refers to, for the python3-only codemods: a builtin, a module's
attribute, or one of the module's own bindings, read from libcst's scope and qualified-name metadata.

A `from m import *` anywhere in the module may bind any name, so in such a module no name is
certainly the builtin.
"""
import builtins
import re
import symtable

import libcst as cst
import libcst.matchers as m
from libcst.helpers import get_full_name_for_node
from libcst.metadata import BuiltinAssignment, QualifiedName, QualifiedNameSource, ScopeProvider

from workers.rewriting.codemod import MODULE_TEXT, SiteRecorder
from workers.rewriting.cst_kinds import is_kind
from workers.rewriting.cst_qualified_names import qualified_names
from workers.rewriting.cst_statements import statements_of

PY3_BUILTINS = frozenset(dir(builtins))
_BOUND_ANYWHERE = "py3bridge: names bound anywhere"  # a walk's context.scratch key
_ALIASES = "py3bridge: names after as"  # a walk's context.scratch key
_AFTER_AS = re.compile(r"\bas[\s\\]+(\w+)")


def names_bound_anywhere(text):
    """The names that some scope of the module binds (assigns, imports, defines, takes as a
    parameter, annotates or deletes), from CPython's symbol tables; None when it cannot read them."""
    try:
        pending = [symtable.symtable(text, "<module>", "exec")]
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    bound = set()
    while pending:
        table = pending.pop()
        bound.update(symbol.get_name() for symbol in table.get_symbols() if symbol.is_assigned()
                     or symbol.is_imported() or symbol.is_parameter() or symbol.is_annotated())
        pending.extend(table.get_children())
    return bound


def _last_part(dotted):
    return dotted.rpartition(".")[2]


def has_star_import(module):
    """Whether the module has a `from m import *`: at module level, the only place Python 3
    allows one (perhaps inside an if, try, with or loop there), so functions and classes and all
    expressions are skipped: a whole-tree search was a tenth of the stage's time."""
    return any(_has_star_import(statement) for statement in module.body)


_STATEMENT_PARTS = (cst.BaseSuite, cst.BaseStatement, cst.BaseSmallStatement, cst.Else, cst.ExceptHandler,
                    cst.ExceptStarHandler, cst.Finally, cst.MatchCase)


def _has_star_import(node):
    if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
        return False
    if isinstance(node, cst.ImportFrom):
        return isinstance(node.names, cst.ImportStar)
    return any(_has_star_import(child) for child in node.children if isinstance(child, _STATEMENT_PARTS))


def dotted_name(node):
    """"a.b.c" for a Name/Attribute chain, else None."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return base and "%s.%s" % (base, node.attr.value)
    return None


def exports(module, name):
    """Whether the module lists `name` in an `__all__` it assigns or extends."""
    all_assignments = m.Assign(targets=[m.AssignTarget(m.Name("__all__"))]) | m.AugAssign(target=m.Name("__all__"))
    return any(string.evaluated_value == name for assignment in statements_of(module, (cst.Assign, cst.AugAssign))
               if m.matches(assignment, all_assignments) for string in m.findall(assignment, m.SimpleString()))


class NameAwareRecorder(SiteRecorder):
    """A SiteRecorder that can tell builtins and imported names apart from the module's own."""

    METADATA_DEPENDENCIES = SiteRecorder.METADATA_DEPENDENCIES + (ScopeProvider,)

    def visit_Module(self, node):
        self.star_imported = has_star_import(node)

    def qualified_names(self, node):
        return qualified_names(self, node)

    def is_builtin(self, node, name=None):
        """Whether the Name `node` is certainly the builtin `name` (default: its own name)."""
        name = name or node.value
        if self.star_imported:
            return False
        if is_kind(node, cst.Name) and node.value == name and name in PY3_BUILTINS and self._bound_nowhere(name):
            return True  # what the scopes would say, without computing them
        return self.qualified_names(node) == {QualifiedName("builtins." + name, QualifiedNameSource.BUILTIN)}

    def _bound_nowhere(self, name):
        """Whether no scope of the module binds `name`, by CPython's symbol tables of its text
        (False when they cannot be read)."""
        bound = self._read_from_walked_text(_BOUND_ANYWHERE, names_bound_anywhere)
        return bound is not None and name not in bound

    def refers_to(self, node, *qualified):
        """Whether a Name/Attribute certainly is the imported `module.attr` (one of `qualified`)."""
        if not self._may_spell(node, qualified):
            return False
        names = self.qualified_names(node)
        return len(names) == 1 and next(iter(names)) in {
            QualifiedName(name, QualifiedNameSource.IMPORT) for name in qualified}

    def _may_spell(self, node, qualified):
        """Whether `node` is spelled so that it may have one of the `qualified` names, without
        asking the scopes. libcst names a node by its dotted name (`get_full_name_for_node`: `a.b`
        for `a.b`, `a.b(x)` and `a.b[x]`): what bound its first name, followed by the rest of it.
        So a qualified name ends with the dotted name's last name, and the first name is one of
        its parts, unless an `import ... as` renamed it."""
        full_name = get_full_name_for_node(node)
        if full_name is None:
            return not isinstance(node, cst.BaseExpression)  # an expression libcst has no name for
        spelling = full_name.split(".")
        if not any(_last_part(name) == spelling[-1] for name in qualified):
            return len(spelling) == 1 and self._renamed(spelling[0])
        return any(spelling[0] in name.split(".") for name in qualified) or self._renamed(spelling[0])

    def _renamed(self, name):
        """Whether an `as` may have renamed something `name` (any word after an `as`: imports',
        with's and except's; True when the text cannot be read)."""
        aliases = self._read_from_walked_text(_ALIASES, lambda text: frozenset(_AFTER_AS.findall(text)))
        return aliases is None or name in aliases

    def _read_from_walked_text(self, key, read):
        """read(the text of the module walked), once per walk, kept in the walk's scratch under
        `key`; None when the text is not at hand (the module was rewritten since it was read)."""
        scratch = self.context.scratch
        if key not in scratch:
            text = scratch.get(MODULE_TEXT)
            scratch[key] = None if text is None else read(text)
        return scratch[key]

    def builtin_visible(self, node, name, ignoring=()):
        """Whether the bare name `name`, written where `node` is, would be the builtin. Bindings
        whose node is in `ignoring` (imports the codemod removes) do not count: the lookup goes on
        past the scope that held them, as Python's would once they are gone."""
        if self.star_imported:
            return False
        if name in PY3_BUILTINS and self._bound_nowhere(name):
            return True  # what the scopes would say, without computing them
        scope = self.get_metadata(ScopeProvider, node, None)
        if scope is None:
            return False
        found = scope[name]
        while found and all(any(getattr(a, "node", None) is n for n in ignoring) for a in found):
            owner = next(iter(found)).scope
            found = owner._next_visible_parent(owner)[name]
        return bool(found) and all(isinstance(a, BuiltinAssignment) for a in found)

    def is_unbound(self, node):
        """Whether the Name `node` is bound nowhere it could see: not by the module, not a builtin
        of this Python (WindowsError, on Linux)."""
        scope = self.get_metadata(ScopeProvider, node, None)
        return not self.star_imported and scope is not None and not scope[node.value]
