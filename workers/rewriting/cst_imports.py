"""The imports the python3-only codemods asked for, added and removed after their shared walk.

libcst's AddImportsVisitor and RemoveImportsVisitor do the edits, but each did more than that:
- RemoveImportsVisitor decides "unused" from a scope analysis of the rewritten module: a copy of
  the whole tree and its scopes again, after the walk had just computed them for the module before
  (half the stage's time). Here "unused" is read by CPython's own compiler front end, in C, from
  the rewritten text:
  - an import at module level is used when its name is referenced at module level, or in a
    function, class or comprehension that does not bind the name itself (`symtable`);
  - an import inside a function or class, when its name appears anywhere as a name (`ast`);
  - and either, when its name is a word of a string that may name it (`__all__`, string
    annotations, `getattr(m, "name")`) or of a docstring's doctest examples (they run with the
    module's names), or is deleted or declared global somewhere.
  That keeps every import libcst's analysis keeps, and a few more (a name quoted in a message).
- AddImportsVisitor walked the whole module to read the imports at its top. Here it reads only
  the statements at the top.
Neither walks below what can hold an import statement (`may_hold_an_import`), nor into a statement
with no import below it (`import_holders`: found from the nodes' fields, without libcst's walk).
"""
import ast
import re
import symtable
from dataclasses import dataclass

import libcst as cst
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor

from workers.rewriting import text_lines
from workers.rewriting.cst_code import code_of
from workers.rewriting.cst_matcher_scans import ScansMarkedOnly
from workers.rewriting.cst_kinds import is_kind
from workers.rewriting.cst_parents import children

_WORD = re.compile(r"[A-Za-z_]\w*")
_NAME_LIKE = re.compile(r"[\w.\[\]'\"]+(?:\s*[,|]\s*[\w.\[\]'\"]+)*")


def add_needed_imports(context, module):
    """`module` with the imports scheduled in `context` that it lacks."""
    return module.visit(_AddImports(context, import_holders(module)))


def remove_unused_imports(context, module):
    """`module` without the imports scheduled for removal in `context` that it no longer uses."""
    used = names_used(code_of(module))
    if used is None:  # not a module this Python reads: libcst's own analysis decides
        return RemoveImportsVisitor(context).transform_module(module)
    return module.visit(_RemoveNamesNotIn(context, used, import_holders(module)))


@dataclass
class NamesUsed:
    at_module_level: set  # names whose module-level binding something uses
    anywhere: set  # every name written anywhere: as a name, in a string that may name it, in a doctest


def names_used(code):
    """What the module's code uses (None when this Python cannot compile it)."""
    try:
        tree = ast.parse(code)
        top = symtable.symtable(code, "<module>", "exec")
    except (SyntaxError, ValueError):
        return None
    nodes = list(ast.walk(tree))  # once: a walk costs more than the questions asked of it
    always = _quoted_deleted_or_global(nodes)
    anywhere = always | {node.id for node in nodes if isinstance(node, ast.Name)}
    return NamesUsed(always | _module_bindings_used(top), anywhere)


def _module_bindings_used(top):
    used = {symbol.get_name() for symbol in top.get_symbols() if symbol.is_referenced()}
    inner = list(top.get_children())
    while inner:
        table = inner.pop()
        used.update(symbol.get_name() for symbol in table.get_symbols() if symbol.is_global())
        inner.extend(table.get_children())
    return used


def _quoted_deleted_or_global(nodes):
    docstrings = {id(node.body[0].value) for node in nodes if _has_docstring(node)}
    names = set()
    for node in nodes:
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Del):
            names.add(node.id)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names.update(node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.update(_WORD.findall(_doctest_code(node.value) if id(node) in docstrings else _names_in(node.value)))
    return names


def _names_in(string):
    """The string, when it may name something: a name, a dotted path, an annotation
    (`"Dict[str, 'X'] | None"`); "" for anything else (`"<StringIO>"`, a sentence)."""
    return string if _NAME_LIKE.fullmatch(string.strip()) else ""


def _doctest_code(docstring):
    """The lines of a docstring's examples (`>>> ` and `... `): a doctest runs with the module's names."""
    return "\n".join(line for line in text_lines.lines(docstring) if line.lstrip().startswith((">>>", "...")))


def _has_docstring(node):
    return (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
            and isinstance(node.body[0].value.value, str))


def _bound_name(alias):
    """The name an import alias binds: `b` for `import a as b`, `a` for `import a.b`."""
    if alias.asname is not None:
        return alias.evaluated_alias
    return alias.evaluated_name.split(".")[0]


class _RemoveNamesNotIn(ScansMarkedOnly, RemoveImportsVisitor):
    """RemoveImportsVisitor with its "unused" verdicts given by `used` instead of its analysis."""

    METADATA_DEPENDENCIES = ()

    def __init__(self, context, used, holders):
        super().__init__(context)
        self._used = used
        self._holders = holders
        self._depth = 0  # how many functions and classes the walk is in

    def visit_Module(self, node):
        pass  # the verdicts come from visit_Import(From), not from a scope analysis

    def on_visit(self, node):
        return super().on_visit(node) and node in self._holders

    def visit_FunctionDef(self, node):
        self._depth += 1

    def leave_FunctionDef(self, original_node, updated_node):
        self._depth -= 1
        return updated_node

    def visit_ClassDef(self, node):
        self._depth += 1

    def leave_ClassDef(self, original_node, updated_node):
        self._depth -= 1
        return updated_node

    def visit_Import(self, node):
        self._note_unused(node)

    def visit_ImportFrom(self, node):
        self._note_unused(node)

    def _note_unused(self, statement):
        if isinstance(statement.names, cst.ImportStar):
            return
        used = self._used.anywhere if self._depth else self._used.at_module_level
        for alias in statement.names:
            if _bound_name(alias) not in used:
                self._unused_imports[alias] = statement


class _AddImports(ScansMarkedOnly, AddImportsVisitor):
    """AddImportsVisitor reading only the statements at the top for the imports already there."""

    def __init__(self, context, holders):
        super().__init__(context)
        self._holders = holders

    def visit_Module(self, node):
        super().visit_Module(node.with_changes(body=_top_statements(node.body)))

    def on_visit(self, node):
        return super().on_visit(node) and node in self._holders


def may_hold_an_import(node):
    """Whether an import statement can stand below `node`: only statements, suites and clauses
    hold statements. The walks of the import follow-ups go no further: a transformer's walk
    rebuilds every node it enters (expressions, parameters, whitespace), and entering only these
    cut the follow-ups' CPU by half on python-cloudfiles."""
    return is_kind(node, _STATEMENT_PARTS)


def import_holders(module):
    """The module and the nodes that can hold an import statement and have one below them: where
    the follow-ups' walks go (they rebuild each node they enter)."""
    holders = set()
    _holds_an_import(module, holders)
    return holders


def _holds_an_import(node, holders):
    holds = False
    for child in children(node):
        if is_kind(child, _IMPORTS):
            holds = True
        elif may_hold_an_import(child) and _holds_an_import(child, holders):
            holds = True
    if holds or isinstance(node, cst.Module):
        holders.add(node)
    return holds


_IMPORTS = (cst.Import, cst.ImportFrom)
_STATEMENT_PARTS = (cst.Module, cst.BaseSuite, cst.BaseCompoundStatement, cst.SimpleStatementLine, cst.Else,
                    cst.ExceptHandler, cst.ExceptStarHandler, cst.Finally, cst.MatchCase)


def _top_statements(body):
    """The first statement (perhaps a docstring) and the import lines after it: what libcst reads
    for the imports a module has at its top."""
    end = 1
    while end < len(body) and _is_import_line(body[end]):
        end += 1
    return body[:end]


def _is_import_line(statement):
    return isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and isinstance(
        statement.body[0], (cst.Import, cst.ImportFrom))
