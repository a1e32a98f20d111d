"""`from exceptions import SystemExit, ValueError` → nothing: the names are builtins on 2.7 and 3.
So does `import exceptions` whose every use is `exceptions.ValueError`, which becomes `ValueError`.

Python 2's `exceptions` module (gone on 3) holds the very objects the builtins hold, so a
module-level import of them only rebinds a builtin to itself: without it the name still finds the
builtin. Only an import whose every name is such a builtin, unaliased, goes; an import of
StandardError (no builtin on 3), an alias, an import inside a function (removing it could make a
later local assignment shadow the name sooner) or a name other modules may read from this one
(`import *`, __all__) is left alone.
"""
from fissix.pygram import python_symbols as syms

from workers.rewriting import doctest_names, module_exports, scopes
from workers.rewriting import module_imports as mi
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import remove_module_statement
from workers.rewriting.star_exports import star_exported

# the public names of 2.7's exceptions module that are builtins on Python 3 too (all but StandardError)
BUILTIN_ON_BOTH = frozenset("""
    ArithmeticError AssertionError AttributeError BaseException BufferError BytesWarning
    DeprecationWarning EOFError EnvironmentError Exception FloatingPointError FutureWarning
    GeneratorExit IOError ImportError ImportWarning IndentationError IndexError KeyError
    KeyboardInterrupt LookupError MemoryError NameError NotImplementedError OSError OverflowError
    PendingDeprecationWarning ReferenceError RuntimeError RuntimeWarning StopIteration SyntaxError
    SyntaxWarning SystemError SystemExit TabError TypeError UnboundLocalError UnicodeDecodeError
    UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError
    Warning ZeroDivisionError""".split())


def _exported(tree, name):
    if star_exported(tree, name):
        return True
    declared = module_exports.exports_of(tree) if module_exports.declares_all(tree) else None
    return declared is not None and name in declared


def _droppable(node):
    """`from exceptions import A, B` on a line of its own at module level, every name a builtin on both."""
    stmt = node.parent
    tree = stmt.parent if stmt is not None else None
    if tree is None or tree.type != syms.file_input or len(stmt.children) != 2:
        return False
    if mi.is_sibling_module(tree, "exceptions") or mi.in_import_fallback(node):
        return False
    module, pairs = mi.from_import_parts(node)
    if module != "exceptions" or not pairs:
        return False
    return all(alias is None and name in BUILTIN_ON_BOTH and not _exported(tree, name) for name, alias in pairs)


def _module_import_uses(node):
    """For `import exceptions` on a line of its own at module level, used only as `exceptions.Name`
    (Name a builtin on both that no scope around the use binds), in code or in the module's
    doctests: (the code's uses, the doctest strings), else None."""
    stmt = node.parent
    tree = stmt.parent if stmt is not None else None
    if tree is None or tree.type != syms.file_input or len(stmt.children) != 2 or str(node).split() != ["import", "exceptions"]:
        return None
    if mi.is_sibling_module(tree, "exceptions") or mi.in_import_fallback(node) or _exported(tree, "exceptions"):
        return None
    if len(scopes.binding_nodes(tree).get("exceptions", ())) != 1:
        return None
    uses = mi.uses_of(tree, node, "exceptions", mi.Bindings())
    if not all(_builtin_attribute(use) for use in uses):
        return None
    doctests = doctest_names.doctest_uses(tree, "exceptions")
    if any(attr not in BUILTIN_ON_BOTH for _, attrs in doctests for attr in attrs):
        return None
    return uses, [leaf for leaf, _ in doctests]


def _builtin_attribute(use):
    _, trailer = mi.attribute_of(use)
    if trailer is None or trailer.children[1].value not in BUILTIN_ON_BOTH:
        return False
    name, scope = trailer.children[1].value, scopes.enclosing_scope(use)
    while scope is not None:
        if name in scopes.bound_names(scope):
            return False  # a local of that name would capture the bare name
        scope = scopes.enclosing_scope(scope) if scope.parent is not None else None
    return True


class _Impl(TreeFixer):
    _accept_type = {syms.import_from, syms.import_name}

    def match(self, node):
        if node.type == syms.import_name:
            return _module_import_uses(node)
        return _droppable(node)

    def transform(self, node, results):
        if node.type == syms.import_name:
            uses, doctests = results
            for use in uses:
                mi.replace_attribute_use(use, mi.dotted_trailers(mi.attribute_of(use)[1].children[1].value, []))
            for leaf in doctests:
                doctest_names.rewrite_attribute_uses(leaf, "exceptions", lambda attr: attr)
        remove_module_statement(node.parent)


class ExceptionsModule(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\bexceptions\b"
    summary = "Drop `from exceptions import …` / `import exceptions` of names that are builtins on Python 2.7 and 3"
    explanation = (
        "The `exceptions` module is gone on Python 3. On 2.7 its names are the builtins themselves "
        "(`exceptions.SystemExit is SystemExit`), so a module-level `from exceptions import SystemExit` "
        "only rebinds a builtin to itself: it is removed and the name keeps meaning the same class on "
        "both. A module-level `import exceptions` whose every use (doctests included) is "
        "`exceptions.Name` of such a builtin, with no local of that name around it, goes too, each use "
        "becoming `Name`. An import that also names StandardError, uses an alias, sits in a function or a "
        "fallback, or whose names another module may import from this one, is left alone."
    )
    review_hint = "Nothing to check beyond the import's removal: the names resolve to the same builtins."
    risk = SAFE


FIXER = ExceptionsModule()
