"""`six.moves.X` and `from six.moves import X` → the Python 3 standard library names six gives them.

The table is six 1.17's `_moved_attributes` and urllib submodules as they are on Python 3 (six is
not a runtime dependency of py3bridge, so it is copied here rather than read from six).
"""
import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import BuiltinAssignment, GlobalScope, ImportAssignment, ScopeProvider

from workers.rewriting.codemod import Codemod
from workers.rewriting.cst_statements import statements_of
from workers.rewriting.six_names import SixTransformer, as_six, dotted

# six.moves.<name> → (module, attribute); module "builtins" means a builtin name.
MOVED_ATTRIBUTES = {
    "cStringIO": ("io", "StringIO"), "filter": ("builtins", "filter"), "filterfalse": ("itertools", "filterfalse"),
    "input": ("builtins", "input"), "intern": ("sys", "intern"), "map": ("builtins", "map"),
    "getcwd": ("os", "getcwd"), "getcwdb": ("os", "getcwdb"), "getoutput": ("subprocess", "getoutput"),
    "range": ("builtins", "range"), "reload_module": ("importlib", "reload"), "reduce": ("functools", "reduce"),
    "shlex_quote": ("shlex", "quote"), "StringIO": ("io", "StringIO"), "UserDict": ("collections", "UserDict"),
    "UserList": ("collections", "UserList"), "UserString": ("collections", "UserString"),
    "xrange": ("builtins", "range"), "zip": ("builtins", "zip"), "zip_longest": ("itertools", "zip_longest"),
}
# six.moves.<name> → module.
MOVED_MODULES = {
    "builtins": "builtins", "configparser": "configparser", "collections_abc": "collections.abc",
    "copyreg": "copyreg", "dbm_gnu": "dbm.gnu", "dbm_ndbm": "dbm.ndbm", "http_cookiejar": "http.cookiejar",
    "http_cookies": "http.cookies", "html_entities": "html.entities", "html_parser": "html.parser",
    "http_client": "http.client", "email_mime_base": "email.mime.base", "email_mime_image": "email.mime.image",
    "email_mime_multipart": "email.mime.multipart", "email_mime_nonmultipart": "email.mime.nonmultipart",
    "email_mime_text": "email.mime.text", "BaseHTTPServer": "http.server", "CGIHTTPServer": "http.server",
    "SimpleHTTPServer": "http.server", "cPickle": "pickle", "queue": "queue", "reprlib": "reprlib",
    "socketserver": "socketserver", "_thread": "_thread", "tkinter": "tkinter", "tkinter_dialog": "tkinter.dialog",
    "tkinter_filedialog": "tkinter.filedialog", "tkinter_scrolledtext": "tkinter.scrolledtext",
    "tkinter_simpledialog": "tkinter.simpledialog", "tkinter_tix": "tkinter.tix", "tkinter_ttk": "tkinter.ttk",
    "tkinter_constants": "tkinter.constants", "tkinter_dnd": "tkinter.dnd",
    "tkinter_colorchooser": "tkinter.colorchooser", "tkinter_commondialog": "tkinter.commondialog",
    "tkinter_tkfiledialog": "tkinter.filedialog", "tkinter_font": "tkinter.font",
    "tkinter_messagebox": "tkinter.messagebox", "tkinter_tksimpledialog": "tkinter.simpledialog",
    "urllib_parse": "urllib.parse", "urllib_error": "urllib.error", "urllib_robotparser": "urllib.robotparser",
    "xmlrpc_client": "xmlrpc.client", "xmlrpc_server": "xmlrpc.server", "winreg": "winreg",
}
URLLIB_SUBMODULES = frozenset({"parse", "error", "request", "response", "robotparser"})
# Modules a Python 3 may lack (platform, build, or removed): imported only where six imported them.
MAYBE_MISSING = ("tkinter", "dbm.", "winreg")
# Where six's answer depends on the Python 3 minor version.
VERSION_DEPENDENT = frozenset({"_dummy_thread"})


def python3_name(six_name):
    """(module to import or None for a builtin, dotted Python 3 name) for a name after `six.`,
    e.g. "moves.urllib.parse.quote" → ("urllib.parse", "urllib.parse.quote"); else None."""
    parts = six_name.split(".")
    if parts[0] != "moves" or len(parts) < 2 or parts[1] in VERSION_DEPENDENT:
        return None
    name, rest = parts[1], parts[2:]
    if name == "urllib":
        if not rest or rest[0] not in URLLIB_SUBMODULES:
            return None
        module, rest = "urllib." + rest[0], rest[1:]
        return module, ".".join([module] + rest)
    if name in MOVED_MODULES:
        return MOVED_MODULES[name], ".".join([MOVED_MODULES[name]] + rest)
    if name in MOVED_ATTRIBUTES:
        module, attribute = MOVED_ATTRIBUTES[name]
        return (None if module == "builtins" else module), ".".join(
            ([] if module == "builtins" else [module]) + [attribute] + rest)
    return None


def maybe_missing(module):
    return module is not None and module.startswith(MAYBE_MISSING)


class SixMoves(SixTransformer):
    def __init__(self, context):
        super().__init__(context)
        self.new_imports = {}  # original ImportFrom → the statements that replace it
        self.renames = {}  # original Name → the builtin it becomes

    # `from six.moves import X`: planned before the walk, as the uses may come before the import.

    def visit_Module(self, node):
        for statement in statements_of(node, cst.ImportFrom):
            self._plan(statement)

    def _plan(self, import_from):
        module = _absolute_module(import_from)
        if module is None or not (module == "six.moves" or module.startswith("six.moves.")) \
                or isinstance(import_from.names, cst.ImportStar):
            if module and module.startswith("six.moves") and isinstance(import_from.names, cst.ImportStar):
                self.leave_alone(import_from, "from six.moves import *: the names it binds are not followed")
            return
        statements, kept = [], []
        for alias in import_from.names:
            replacement = self._alias_replacement(import_from, module[len("six."):], alias)
            if replacement is None:
                kept.append(alias)
            elif replacement is not True:
                statements.append(replacement)
        if len(kept) == len(import_from.names):
            return
        if kept:
            kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
            statements.append(import_from.with_changes(names=kept, lpar=None, rpar=None))
        self.new_imports[import_from] = statements

    def _alias_replacement(self, import_from, module, alias):
        """The import that replaces one alias, True when none is needed, None to keep it."""
        name = get_full_name_for_node(alias.name)
        bound = alias.evaluated_alias or name
        if name == "urllib" and module == "moves":
            return self._urllib_package(import_from, alias)
        target = python3_name(module + "." + name)
        if target is None:
            self.leave_alone(import_from, "six.moves has no Python 3 name for %s here" % name)
            return None
        python3_module, python3 = target
        if python3_module is None:
            return self._builtin(import_from, bound, python3)
        if python3_module == python3:  # a module: `import pickle as cPickle`
            asname = None if bound == python3 else cst.AsName(cst.Name(bound))
            return cst.Import(names=[cst.ImportAlias(dotted(python3), asname=asname)])
        module_part, attribute = python3.rsplit(".", 1)
        asname = None if bound == attribute else cst.AsName(cst.Name(bound))
        return cst.ImportFrom(module=dotted(module_part), names=[cst.ImportAlias(cst.Name(attribute), asname=asname)])

    def _builtin(self, import_from, bound, builtin):
        """Drop the import of a builtin: every use of the name it bound then finds the builtin
        (renamed if it was bound under another name, like xrange)."""
        binding = self._only_binding(import_from, bound)
        if binding is None:
            self.leave_alone(import_from, "%s is bound elsewhere too, or not at module level" % bound)
            return None
        uses = [access.node for access in binding.references]
        if bound != builtin and not all(isinstance(u, cst.Name) and self._means_builtin_once_dropped(u, builtin)
                                        for u in uses):
            self.leave_alone(import_from, "`%s` means something else where %s is used" % (builtin, bound))
            return None
        if bound != builtin:
            self.renames.update({use: builtin for use in uses})
        return True

    def _means_builtin_once_dropped(self, node, builtin):
        """`builtin` written at `node` is the builtin, or will be once the six.moves import that
        binds it there (`from six.moves import range`) is dropped too."""
        for binding in self.assignments(node, builtin):
            if isinstance(binding, BuiltinAssignment):
                continue
            import_from = getattr(binding, "node", None)
            module = _absolute_module(import_from) if isinstance(import_from, cst.ImportFrom) else None
            if not (module and module.startswith("six.") and isinstance(binding, ImportAssignment)
                    and python3_name("%s.%s" % (module[len("six."):], binding.name)) == (None, builtin)
                    and self._only_binding(import_from, builtin) is not None):
                return False
        return True

    def _urllib_package(self, import_from, alias):
        """`from six.moves import urllib` → `import urllib.parse` & co. for the submodules used."""
        binding = self._only_binding(import_from, "urllib")
        uses = [access.node for access in binding.references] if binding and not alias.asname else None
        parents = [self.parent(use) for use in uses or ()]
        if not uses or not all(isinstance(p, cst.Attribute) and p.attr.value in URLLIB_SUBMODULES for p in parents):
            self.leave_alone(import_from, "six.moves.urllib used other than through its submodules")
            return None
        modules = sorted({"urllib." + p.attr.value for p in parents})
        return cst.Import(names=[cst.ImportAlias(dotted(module)) for module in modules])

    def _only_binding(self, import_from, bound):
        scope = self.get_metadata(ScopeProvider, import_from, None)
        if not isinstance(scope, GlobalScope):
            return None
        bindings = list(scope.assignments[bound])
        return bindings[0] if len(bindings) == 1 else None

    def leave_SimpleStatementLine(self, original_node, updated_node):
        if len(original_node.body) != 1 or original_node.body[0] not in self.new_imports:
            if any(statement in self.new_imports for statement in original_node.body):
                self.leave_alone(original_node, "an import from six.moves sharing its line with other statements")
            return updated_node
        self.record(original_node)
        lines = [cst.SimpleStatementLine(body=[statement]) for statement in self.new_imports[original_node.body[0]]]
        if not lines:
            return cst.RemoveFromParent()
        lines[0] = lines[0].with_changes(leading_lines=updated_node.leading_lines)
        lines[-1] = lines[-1].with_changes(trailing_whitespace=updated_node.trailing_whitespace)
        return cst.FlattenSentinel(lines)

    # `six.moves.X...` in expressions, and the uses of renamed builtins.

    def leave_Name(self, original_node, updated_node):
        if original_node in self.renames:
            self.record(original_node)
            return updated_node.with_changes(value=self.renames[original_node])
        return updated_node

    def leave_Attribute(self, original_node, updated_node):
        name = self.six_name(original_node)
        if name is None or not name.startswith("moves.") or not self._rooted_at_six(original_node):
            return updated_node
        parent = self.parent(original_node)
        if isinstance(parent, cst.Attribute) and parent.value is original_node and self.six_name(parent):
            return updated_node  # the longest six name is rewritten whole
        target = python3_name(name)
        if target is None or maybe_missing(target[0]) or not self.is_load(original_node):
            self.leave_alone(original_node, "six.%s has no Python 3 name that is certainly importable here" % name)
            return updated_node
        module, python3 = target
        meaning_kept = self.means_module(original_node, module) if module else \
            self._names_builtin(original_node, python3.split(".")[0])
        if not meaning_kept:
            self.leave_alone(original_node, "`%s` means something else here" % python3.split(".")[0])
            return updated_node
        if module:
            self.import_module(module)
        return self.replace(original_node, dotted(python3))

    def _names_builtin(self, node, builtin):
        """`builtin` at `node` is the builtin, or will be once this pass drops the six.moves import
        binding it (`from six.moves import map` beside a `six.moves.map(...)`)."""
        return self.means_builtin(node, builtin) or (
            bool(self.assignments(node, builtin)) and self._means_builtin_once_dropped(node, builtin))

    def _rooted_at_six(self, node):
        """`six.moves.X` or `moves.X` (from six import moves): not a name from six.moves itself,
        whose import is rewritten instead."""
        while isinstance(node, cst.Attribute):
            node = node.value
        return isinstance(node, cst.Name) and self.qualified_name(node) in ("six", "six.moves")


def _absolute_module(import_from):
    if import_from.relative or import_from.module is None:
        return None
    return as_six(get_full_name_for_node(import_from.module))


class SixMovesCodemod(Codemod):
    transformer = SixMoves
    order = 85  # before import_fallbacks_py3, which then sees the standard names it writes in a try
    trigger = r"\bmoves\b"
    summary = "Replace six.moves with the Python 3 standard library names"
    explanation = (
        "six.moves names a Python 3 module or object for each Python 2 one: `six.moves.range` is "
        "`range`, `six.moves.cPickle` is `pickle`, `six.moves.urllib.parse` is `urllib.parse`. "
        "`from six.moves import X` becomes the matching standard import in place (`import pickle as "
        "cPickle`, `from functools import reduce`), or goes for a builtin; `six.moves.X` in code becomes "
        "the standard name, imported at the top. Modules a Python 3 may lack (tkinter, dbm, winreg) are "
        "only imported where six imported them."
    )
    review_hint = "Nothing should change at run time on Python 3."


FIXER = SixMovesCodemod()
