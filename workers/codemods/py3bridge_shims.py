"""Remove the 2+3 shims the earlier stages (and people before them) wrote, where Python 3's branch is
certain: `try: long / except NameError: long = int` (uses of `long` become `int`), `try: reduce /
except NameError: from functools import reduce`, the `__nonzero__ = __bool__` and
`next = __next__` aliases in classes, and the division stage's `__truediv__ = __div__` (the method
takes the Python 3 name)."""
import libcst as cst
import libcst.matchers as m
from libcst.metadata import ScopeProvider

from workers.rewriting.codemod import Codemod
from workers.rewriting.cst_names import PY3_BUILTINS, NameAwareRecorder, exports
from workers.rewriting.cst_kinds import is_kind
from workers.rewriting.cst_parents import descendants

NAME_PROBE = m.Try(body=m.IndentedBlock(body=[m.SimpleStatementLine(body=[m.Expr(m.Name())])]),
                   handlers=[m.ExceptHandler(type=m.Name("NameError"), name=None)], orelse=None, finalbody=None)
ALIAS_OF_BUILTIN = m.SimpleStatementLine(body=[m.Assign(targets=[m.AssignTarget(m.Name())], value=m.Name())])
# Python 2 names kept as aliases of their Python 3 methods: (alias, method).
METHOD_ALIASES = {("__nonzero__", "__bool__"), ("next", "__next__")}
ALIAS_NOTE = "code outside this module that calls `.%s()` itself needs %s"
ALIAS_ADVICE = {"next": "next(obj)", "__nonzero__": "bool(obj)", "__div__": "`/`", "__rdiv__": "`/`",
                "__idiv__": "`/=`"}
# Python 3 names the division stage bound to Python 2 methods: (alias, method), the method renamed.
DIVISION_ALIASES = {("__truediv__", "__div__"), ("__rtruediv__", "__rdiv__"), ("__itruediv__", "__idiv__")}


class RemoveShims(NameAwareRecorder):

    def visit_Module(self, node):
        super().visit_Module(node)
        self.tree = node
        self.nodes = None  # every node of the module, listed when a search first needs them
        self.replacements = {}  # id(original statement) -> the statements replacing it
        self.renames = {}  # id(original Name) -> the builtin's name
        self.notes = {}
        self.method_renames = {}  # id(original FunctionDef) -> its Python 3 name
        if not self.star_imported:
            for statement in node.body:
                if m.matches(statement, NAME_PROBE):
                    self._plan_name_shim(statement)

    def _plan_name_shim(self, shim):
        name = shim.body.body[0].body[0].value.value
        handler = shim.handlers[0]
        if name in PY3_BUILTINS or not self.is_builtin(handler.type):
            return
        bindings = self.get_metadata(ScopeProvider, shim)[name]
        if not bindings or not all(self.within(a.node, handler) for a in bindings):
            return  # bound before the probe runs, or elsewhere too: the probe may not fail
        renames = self._renames(shim, handler, name, bindings)
        self.replacements[id(shim)] = [] if renames is not None else list(handler.body.body)
        self.renames.update(renames or {})

    def _renames(self, shim, handler, name, bindings):
        """{id(use): builtin} to rename every use of `name` to the builtin the shim binds it to,
        or None when the shim's assignment has to stay."""
        statements = handler.body.body
        if len(statements) != 1 or not m.matches(statements[0], ALIAS_OF_BUILTIN) or exports(self.tree, name):
            return None
        value = statements[0].body[0].value
        if value.value not in PY3_BUILTINS or not self.is_builtin(value):
            return None
        uses = [access.node for binding in bindings for access in binding.references
                if not self.within(access.node, shim.body)]
        if not all(isinstance(use, cst.Name) and self.builtin_visible(use, value.value) for use in uses):
            return None
        return {id(use): value.value for use in uses}

    def visit_ClassDef(self, node):
        methods = {s.name.value for s in node.body.body if isinstance(s, cst.FunctionDef)}
        for statement in node.body.body:
            if m.matches(statement, ALIAS_OF_BUILTIN):
                assign = statement.body[0]
                pair = (assign.targets[0].target.value, assign.value.value)
                if pair in METHOD_ALIASES and pair[1] in methods and self._alias_unused(pair[0]):
                    self.replacements[id(statement)] = []
                    self.notes[id(statement)] = ALIAS_NOTE % (pair[0], ALIAS_ADVICE[pair[0]])
                elif pair in DIVISION_ALIASES:
                    self._plan_method_rename(node, statement, *pair)

    def _plan_method_rename(self, classdef, alias, python3_name, python2_name):
        """`def __div__` + `__truediv__ = __div__` → `def __truediv__`, when the class binds each
        name once (the method, then the alias) and nothing else in the module names `__div__`."""
        if _binding_statements(classdef, python3_name) != [alias] \
                or not self._python2_name_unused(python2_name, python3_name):
            return
        methods = _binding_statements(classdef, python2_name)
        if len(methods) != 1 or not isinstance(methods[0], cst.FunctionDef) \
                or len(m.findall(classdef, m.FunctionDef(name=m.Name(python2_name)))) != 1:
            return
        body = classdef.body.body
        if _index(body, methods[0]) > _index(body, alias):
            return
        self.replacements[id(alias)] = []
        self.notes[id(alias)] = ALIAS_NOTE % (python2_name, ALIAS_ADVICE[python2_name])
        self.method_renames[id(methods[0])] = python3_name

    def _python2_name_unused(self, name, python3_name):
        """Nothing in the module mentions `name` but `def name` and `python3_name = name` lines, and
        no other module of the checkout uses it as an attribute."""
        if self._used_elsewhere(name):
            return False
        uses = self._found(m.Attribute(attr=m.Name(name)) | m.SimpleString(m.MatchIfTrue(lambda s: name in s)),
                           (cst.Attribute, cst.SimpleString))
        names = self._found(m.Name(name), cst.Name)
        expected = self._found(m.FunctionDef(name=m.Name(name)) | m.Assign(
            targets=[m.AssignTarget(m.Name(python3_name))], value=m.Name(name)), (cst.FunctionDef, cst.Assign))
        return not uses and len(names) == len(expected)

    def _alias_unused(self, alias):
        """Whether nothing in the module reaches the alias but its definition, and no other module
        of the checkout uses the name as an attribute (`it.next`, `obj.__nonzero__()` in its tests)."""
        if self._used_elsewhere(alias):
            return False
        uses = self._found(m.Attribute(attr=m.Name(alias)) | m.SimpleString(
            m.MatchIfTrue(lambda s: s.strip("'\"") == alias)), (cst.Attribute, cst.SimpleString))
        if alias != "next":
            uses += self._found(m.Name(alias), cst.Name)[1:]  # all but one: its definition
        return not uses

    def _found(self, matcher, kinds):
        """`m.findall(self.tree, matcher)`, in no particular order, for a matcher of nodes of type
        `kinds`: the module's nodes are listed once, from their fields, instead of a libcst walk of
        the module for each search (two or three per alias: 10 of Werkzeug's 72 s of CPU)."""
        if self.nodes is None:
            self.nodes = descendants(self.tree)
        return [node for node in self.nodes if is_kind(node, kinds) and m.matches(node, matcher)]

    def _used_elsewhere(self, name):
        return self.module_context is not None and name in self.module_context.protocol_attributes_elsewhere

    def leave_Try(self, original_node, updated_node):
        return self._replace(original_node, updated_node)

    def leave_SimpleStatementLine(self, original_node, updated_node):
        return self._replace(original_node, updated_node)

    def _replace(self, original_node, updated_node):
        replacement = self.replacements.get(id(original_node))
        if replacement is None:
            return updated_node
        self.record(original_node, self.notes.get(id(original_node), ""))
        if not replacement:
            return cst.RemoveFromParent()
        return cst.FlattenSentinel(replacement)

    def leave_FunctionDef(self, original_node, updated_node):
        python3_name = self.method_renames.get(id(original_node))
        if python3_name is None:
            return updated_node
        self.record(original_node.name)
        return updated_node.with_changes(name=updated_node.name.with_changes(value=python3_name))

    def leave_Name(self, original_node, updated_node):
        builtin = self.renames.get(id(original_node))
        if builtin is None:
            return updated_node
        self.record(original_node)
        return updated_node.with_changes(value=builtin)


def _binding_statements(classdef, name):
    """The statements of the class body that may bind `name` (a compound one that mentions it counts)."""
    found = []
    for statement in classdef.body.body:
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            binds = statement.name.value == name
        elif isinstance(statement, cst.SimpleStatementLine):
            binds = any(_binds(small, name) for small in statement.body)
        else:
            binds = bool(m.findall(statement, m.Name(name)))
        if binds:
            found.append(statement)
    return found


def _binds(small, name):
    if isinstance(small, (cst.Import, cst.ImportFrom)) or m.findall(small, m.NamedExpr(target=m.Name(name))):
        return bool(m.findall(small, m.Name(name)))
    targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else \
        [small.target] if isinstance(small, (cst.AnnAssign, cst.AugAssign, cst.Del)) else []
    return any(m.findall(target, m.Name(name)) for target in targets)


def _index(statements, statement):
    return next(i for i, s in enumerate(statements) if s is statement)


class Py3bridgeShims(Codemod):
    transformer = RemoveShims
    order = 80  # before import_fallbacks_py3: a shim's handler may hold an import
    trigger = (r"(?m)\bexcept\s+NameError\b|^[ \t]+(?:__nonzero__\s*=\s*__bool__|next\s*=\s*__next__"
               r"|__r?truediv__\s*=\s*__r?div__|__itruediv__\s*=\s*__idiv__)\b")
    summary = "Remove 2+3 shims: NameError fallbacks for Python 2 builtins, __nonzero__, next and __div__ aliases"
    explanation = (
        "The 2+3 stages define Python 2 builtins for Python 3 after the imports, as `try: long` / "
        "`except NameError: long = int`. On Python 3 the probe always fails, so the handler always "
        "runs: where the name is bound nowhere else (and the module has no star import), the shim "
        "goes and every use of the name becomes the builtin it was bound to (`long` → `int`, "
        "`raw_input` → `input`), or, when that cannot be done everywhere, the shim becomes its "
        "handler's body. In classes, `__nonzero__ = __bool__` and `next = __next__` kept Python 2's "
        "protocol names; they go where nothing in the module uses the alias and no other module of the "
        "repository names it as an attribute (`it.next`, `obj.__nonzero__()`). The division stage's "
        "`__truediv__ = __div__` (and `__rtruediv__`, `__itruediv__`) kept the method under its Python 2 "
        "name: the method takes the Python 3 name and the alias goes, where nothing else in the module "
        "names `__div__` (the method's `__name__` becomes `__truediv__`)."
    )
    review_hint = ("Code in other modules that called `obj.next()`, `obj.__nonzero__()` or `obj.__div__()` "
                   "directly needs next()/bool()/`/`.")


FIXER = Py3bridgeShims()
