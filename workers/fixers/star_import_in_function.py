"""`from m import *` inside a function (a SyntaxError on Python 3) → `from m import a, b`, the
names of m that the function uses, when m is a module of the same package whose star-import
names are certain (its `__all__`, or the public names it binds on every path: module_exports).

Python 2 compiles such a function without fast locals: a name the function reads is looked up in
its locals, then the module, then the builtins, so after the star import it finds m's value.
Importing the same names explicitly binds them as locals, which reads the same only after the
import: a function that reads one of those names before the import (then the module's value),
or that inspects its namespace (`locals()`, `vars()`, `dir()`, `eval`, `exec`), is left alone,
and so is every module whose names are not certain; the plan keeps listing those as unconvertible.

A function that reads none of m's names (a test that `from m import *` succeeds, that is, that m's
`__all__` names only what m defines) gets `exec("from m import *", {})`: the same import, check and
error on 2.7 and 3, binding nothing the function reads. When m's names are not known, the function
must read no name at all, and m must be found the same way from an empty namespace: a module that
is not a sibling (Python 2's implicit relative import would find the sibling first).
"""
import keyword

from fissix.fixer_util import Call, Comma, Name, String
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms
from fissix.pytree import Leaf, Node

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import is_keyword_argument, root_of

_NAMESPACE = frozenset({"locals", "vars", "dir", "eval", "exec", "execfile", "globals"})


def _function_of(node):
    """The funcdef whose body holds the import as one of its own statements, else None."""
    stmt = node.parent
    if stmt is None or stmt.type != syms.simple_stmt:
        return None
    parent = stmt.parent
    if parent is not None and parent.type == syms.suite:
        parent = parent.parent
    return parent if parent is not None and parent.type == syms.funcdef else None


def _names_used(function):
    """NAME leaves of the function body that may be variables (not attributes, keyword arguments)."""
    for leaf in function.children[-1].leaves():
        if leaf.type != token.NAME:
            continue
        previous = leaf.prev_sibling
        if previous is not None and previous.type == token.DOT:
            continue
        if is_keyword_argument(leaf):
            continue
        yield leaf


IMPORT_ONLY = "import only"  # plan(): the function reads none of the module's names


def plan(node, module, explicit):
    """The names `from module import *` (explicit: `from .module`) at `node` should import instead,
    IMPORT_ONLY when the function reads none of them, or None to leave it."""
    tree = root_of(node)
    function = _function_of(node)
    if function is None:
        return None
    if any(n.type in (syms.global_stmt, syms.exec_stmt) for n in function.pre_order()):
        return None
    context = getattr(tree, "module_context", None)
    exports = dict(getattr(context, "star_exports", ()) or ())
    absolute = "absolute_import" in getattr(tree, "future_features", ())
    if module not in exports or (absolute and not explicit):  # then `m` is not the sibling we read
        return _import_only(node, function, module, explicit, context, absolute)
    return _names_to_import(node, function, set(exports[module])) or None


def _import_only(node, function, module, explicit, context, absolute):
    """IMPORT_ONLY when the function reads no name besides the import's, and `module` is found
    the same from an empty namespace (absolutely); None otherwise."""
    if explicit or not (absolute or context is not None and module not in context.package_modules):
        return None
    own = {id(leaf) for leaf in node.leaves()}
    if any(leaf.value not in keyword.kwlist and id(leaf) not in own for leaf in _names_used(function)):
        return None
    return IMPORT_ONLY


def _names_to_import(node, function, names):
    """The names of the star import the function uses, or None when it must stay as it is."""
    start = (node.get_lineno(), node.children[0].column)
    used = set()
    for leaf in _names_used(function):
        if leaf.value in _NAMESPACE:
            return None
        if leaf.value in names:
            if (leaf.lineno, leaf.column) < start:
                return None  # read (or bound) before the import: it means something else there
            used.add(leaf.value)
    # parameters are locals on both versions, bound before the import
    if names & {leaf.value for leaf in function.children[2].leaves() if leaf.type == token.NAME}:
        return None
    return sorted(used) or None


class _Impl(TreeFixer):
    PATTERN = "import_from< 'from' [explicit='.'] module=NAME 'import' star='*' >"

    def match(self, node):
        results = super().match(node)
        names = results and plan(node, results["module"].value, "explicit" in results)
        return dict(results, names=names) if names else False

    def transform(self, node, results):
        if results["names"] == IMPORT_ONLY:
            return self._exec_instead(node, results["module"].value)
        star = results["star"]
        parts = []
        for index, name in enumerate(results["names"]):
            if index:
                parts.append(Comma())
            parts.append(Name(name, prefix=" " if index else star.prefix))
        star.replace(parts[0] if len(parts) == 1 else Node(syms.import_as_names, parts))

    @staticmethod
    def _exec_instead(node, module):
        empty_namespace = Node(syms.atom, [Leaf(token.LBRACE, "{", prefix=" "), Leaf(token.RBRACE, "}")])
        return Call(Name("exec"), [String('"from %s import *"' % module), Comma(), empty_namespace], prefix=node.prefix)


class StarImportInFunction(FissixFixer):
    tree_fixer = _Impl
    order = 8
    summary = "Replace `from m import *` inside functions with the names the function uses"
    explanation = (
        "Python 3 allows `import *` only at module level, so a function doing `from m import *` "
        "makes the whole file fail to compile. When m is a module of the same package and the "
        "names it exports are certain (its literal `__all__`, or the public names it binds on "
        "every path through its module code), the import lists the names of m the function "
        "uses, which reads the same values on 2.7 and 3. A function that reads none of m's names "
        "(a test that `from m import *` works) gets `exec(\"from m import *\", {})`, the same "
        "import and `__all__` check on both, binding nothing. A function that reads one of m's "
        "names before the import, or inspects its own namespace (`locals()`, `eval`, `exec`), "
        "and a module whose names cannot be read with certainty, are left alone and reported as "
        "unconvertible."
    )
    review_hint = "A module whose names are added at run time by other code would need those names listed too."
    risk = SAFE


FIXER = StarImportInFunction()
