"""What the six codemods share: which six name a node stands for, whether the Python 3 name a
rewrite writes means the same thing where it is written, and the sites a codemod leaves alone.

A node is `six.X` only by qualified name through an import (`import six`, `import six as s`,
`from six import X as Y`, `from six.moves import Z`): a parameter or variable called `six`, a
package's own `six` module, or a name `from six import *` may have bound are never matched.
Django's bundled copy, `django.utils.six` (Django < 3), is six itself and is read as `six`.
"""
import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.codemod.visitors import AddImportsVisitor
from libcst.codemod.visitors._remove_imports import RemovedNodeVisitor
from libcst.metadata import (BuiltinAssignment, ExpressionContext, ExpressionContextProvider, ImportAssignment,
                             QualifiedNameSource, ScopeProvider)

from workers.rewriting.codemod import SiteRecorder, without_new_leading_blank_lines
from workers.rewriting.cst_lines import LinesProvider
from workers.rewriting.cst_matcher_scans import ScansMarkedOnly
from workers.rewriting.cst_kinds import is_kind
from workers.rewriting.cst_parents import ParentProvider
from workers.rewriting.cst_qualified_names import qualified_names
from workers.rewriting.cst_statements import statements_of
from workers.rewriting.fixer import Site

SIX_TRIGGER = r"\bsix\b"
SIX_COPIES = ("django.utils.six",)  # six vendored under another name, with six's names and behaviour
_IMPORT_REMOVER = "py3bridge.import_remover"  # the walk's RemovedNodeVisitor, in its context's scratch
_IMPORT_HEADS = "py3bridge.import_heads"  # (key, module name) in the scratch: the names its imports bind

# Expressions that need no parentheses wherever another expression stands.
_ATOMS = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.SimpleString, cst.ConcatenatedString,
          cst.FormattedString, cst.List, cst.Dict, cst.Set, cst.ListComp, cst.SetComp, cst.DictComp,
          cst.GeneratorExp, cst.Ellipsis)
# Parents in which any expression may stand unparenthesized.
_LOOSE_PARENTS = (cst.Arg, cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Return, cst.Expr, cst.Element,
                  cst.DictElement, cst.Index, cst.Param)


def as_six(name):
    """"six.moves.range" for "django.utils.six.moves.range"; any other dotted name as it is."""
    for copy in SIX_COPIES:
        if name == copy or name.startswith(copy + "."):
            return "six" + name[len(copy):]
    return name


def _head(node):
    """The Name a Name/Attribute chain starts with, or None."""
    while is_kind(node, cst.Attribute):
        node = node.value
    return node.value if is_kind(node, cst.Name) else None


def _import_heads(module, wanted):
    """The names the module's imports of `wanted` (or of what it is in, or of six's copies when it
    is six) bind: a chain standing for something of `wanted` starts with one of them."""
    heads = set()
    for statement in statements_of(module, (cst.Import, cst.ImportFrom)):
        if isinstance(statement, cst.ImportFrom):
            if isinstance(statement.names, cst.ImportStar):
                continue  # what a star import binds has no qualified name of its module
            package = get_full_name_for_node(statement.module) if statement.module else ""
            for alias in statement.names:
                name = get_full_name_for_node(alias.name)
                if _may_hold(package, wanted) or _may_hold("%s.%s" % (package, name), wanted):
                    heads.add(alias.evaluated_alias or name)
        else:
            for alias in statement.names:
                name = get_full_name_for_node(alias.name)
                if _may_hold(name, wanted):
                    heads.add(alias.evaluated_alias or name.split(".")[0])
    return heads


def _may_hold(dotted_name, wanted):
    """Whether the module of that dotted name is `wanted`, in it, or holds it (or a copy of six)."""
    targets = (wanted,) + (SIX_COPIES if wanted == "six" else ())
    return wanted in dotted_name.split(".") or any(
        target == dotted_name or target.startswith(dotted_name + ".") or dotted_name.startswith(target + ".")
        for target in targets)


def is_atom(expr):
    return bool(expr.lpar) or isinstance(expr, _ATOMS) or (isinstance(expr, cst.Tuple) and bool(expr.lpar))


def parenthesized(expr):
    return expr if is_atom(expr) else expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def dotted(name):
    """`a.b.c` as a libcst expression."""
    parts = name.split(".")
    node = cst.Name(parts[0])
    for part in parts[1:]:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


def positional_args(call, count=None):
    """The call's argument values when they are all plain positional ones (and `count` of them)."""
    if any(arg.keyword or arg.star for arg in call.args):
        return None
    if count is not None and len(call.args) != count:
        return None
    return [arg.value for arg in call.args]


class SixTransformer(SiteRecorder):
    """A SiteRecorder that knows six names, and remembers the six uses it had to leave alone
    (`leftovers`, each with its reason; the report-only six_leftovers codemod lists them)."""

    METADATA_DEPENDENCIES = (LinesProvider, ScopeProvider, ExpressionContextProvider, ParentProvider)

    def __init__(self, context):
        super().__init__(context)
        self.leftovers = []

    def finish_module(self, before, after):
        return without_new_leading_blank_lines(before, after)

    def leave_alone(self, original_node, note):
        self.leftovers.append(Site(*self.get_metadata(LinesProvider, original_node), note))

    def qualified_name(self, node):
        """The dotted name an imported name or attribute chain certainly stands for, or None."""
        if not isinstance(node, (cst.Name, cst.Attribute)):
            return None
        names = qualified_names(self, node)
        if len(names) != 1:
            return None
        (name,) = names
        return as_six(name.name) if name.source is QualifiedNameSource.IMPORT else None

    def six_name(self, node):
        """"text_type" for `six.text_type` (or `text_type` imported from six), "moves.urllib" for
        `six.moves.urllib`: the part after `six.` of the one thing `node` can be; else None."""
        if not self.may_be_imported_from(node, "six"):
            return None  # asking the scope about every name of the module was most of some walks
        name = self.qualified_name(node)
        if name is None or not name.startswith("six."):
            return None
        return name[len("six."):]

    def may_be_imported_from(self, node, module_name):
        """False when the Name/Attribute chain `node` certainly does not stand for `module_name` or
        something in it (six includes its copies): it starts with no name an import of it, or of
        a package holding it, binds in the walked module (found once per walk, for all codemods)."""
        module = self.walked_module()
        if module is None:
            return True
        key = (_IMPORT_HEADS, module_name)
        heads = self.context.scratch.get(key)
        if heads is None:
            heads = self.context.scratch[key] = _import_heads(module, module_name)
        return _head(node) in heads

    def assignments(self, node, name):
        """Where `name` is bound, seen from where `node` stands (empty when not known)."""
        scope = self.get_metadata(ScopeProvider, node, None)
        return scope[name] if scope is not None else set()

    def is_load(self, node):
        return self.get_metadata(ExpressionContextProvider, node, ExpressionContext.LOAD) is ExpressionContext.LOAD

    def parent(self, node):
        return self.get_metadata(ParentProvider, node, None)

    def in_place_of(self, original_node, expr):
        """`expr`, parenthesized if it needs to be to stand where `original_node` stood."""
        if isinstance(self.parent(original_node), _LOOSE_PARENTS):
            return expr
        return parenthesized(expr)

    def means_builtin(self, node, name):
        """Whether `name`, written where `node` stands, is the builtin of that name."""
        assignments = self.assignments(node, name)
        return bool(assignments) and all(isinstance(a, BuiltinAssignment) for a in assignments)

    def means_module(self, node, module):
        """Whether `module` (dotted), written where `node` stands, is that module once it is
        imported: its first name is unbound there, or bound only by imports of that package."""
        if self.get_metadata(ScopeProvider, node, None) is None:
            return False
        top = module.split(".")[0]
        assignments = self.assignments(node, top)
        if not all(isinstance(a, ImportAssignment) for a in assignments):
            return False
        return all(_binds_package(a, top) for a in assignments)

    def import_module(self, module):
        AddImportsVisitor.add_needed_import(self.context, module)

    def import_from(self, module, name):
        AddImportsVisitor.add_needed_import(self.context, module, name)

    def forget(self, original_node):
        """The import that bound the name `original_node` used goes once nothing uses it."""
        remover = self.context.scratch.get(_IMPORT_REMOVER)
        if remover is None:  # what remove_unused_import_by_node builds at every call: 15 ms, one per walk
            remover = self.context.scratch[_IMPORT_REMOVER] = _RemovedNodes(self.context)
        original_node.visit(remover)

    def leave_Name(self, original_node, updated_node):
        return self.renamed_use(original_node, updated_node)

    def leave_Attribute(self, original_node, updated_node):
        return self.renamed_use(original_node, updated_node)

    def renamed_use(self, original, updated):
        """A codemod's rewrite of a six name (a Name or an Attribute); `updated` when it has none."""
        return updated

    def renamed(self, original, updated, name, builtins, module_attributes):
        """six.`name` as the builtin (`builtins`: six name -> builtin) or the stdlib attribute
        (`module_attributes`: six name -> dotted path) it is on Python 3, where that name means it
        here; `updated` as it is otherwise (left alone, with the reason, when it is six's)."""
        if name not in builtins and name not in module_attributes:
            return updated
        if not self.is_load(original):
            self.leave_alone(original, "six.%s is assigned to here" % name)
            return updated
        if name in builtins:
            if not self.means_builtin(original, builtins[name]):
                self.leave_alone(original, "`%s` means something else here, so six.%s stays" % (builtins[name], name))
                return updated
            return self.replace(original, cst.Name(builtins[name]))
        target = module_attributes[name]
        module = target.rsplit(".", 1)[0]
        if not self.means_module(original, module):
            self.leave_alone(original, "`%s` means something else here, so six.%s stays" % (module, name))
            return updated
        self.import_module(module)
        return self.replace(original, dotted(target))

    def replace(self, original_node, replacement, note="", six_node=None):
        """Record a rewritten six use (`six_node`: the six name in it, when it is not the whole
        node), let the import of that name go when nothing uses it, and return the replacement."""
        self.record(original_node, note)
        self.forget(six_node or original_node)
        return replacement


class _RemovedNodes(ScansMarkedOnly, RemovedNodeVisitor):
    pass


def _binds_package(assignment, top):
    """`import top` / `import top.sub` bind `top` to the package, and so does `from six.moves import
    top`: on Python 3 a move named like a module is that module (`urllib` is six's stand-in with the
    same submodules), and six_moves rewrites the import to `import top…`. `import x as top` and
    `from m import top` bind something else."""
    node = assignment.node
    if isinstance(node, cst.ImportFrom):
        return _module_name(node) == "six.moves" and not isinstance(node.names, cst.ImportStar) and any(
            alias.asname is None and alias.evaluated_name == top for alias in node.names)
    if not isinstance(node, cst.Import):
        return False
    for alias in node.names:
        if alias.asname is None and alias.evaluated_name.split(".")[0] == top:
            return True
    return False


def _module_name(import_from):
    return None if import_from.relative or import_from.module is None else get_full_name_for_node(import_from.module)

