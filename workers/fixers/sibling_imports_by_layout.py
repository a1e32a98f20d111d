"""Reports `import sibling` left alone in a package folder taken for one loaded by path.

absolute_import changes nothing in a folder whose outermost package neither is nor sits in the
checkout root and that no file imports by name (workers/engine/context.py): Fabric's fabfiles are
imported with their folder on sys.path, where `from . import x` breaks. But test runners import a
package's test modules by their package names (nose imports cssutils' src/tests/test_x.py as
tests.test_x), and there `import basetest` is relative on 2.7 and fails on 3. Which one holds is
what the 2.7 tests do: the evidence recorder notes it (`python -m bot evidence`), and with it the
folder is decided. Without it, each import of a sibling left there is listed.
"""
from fissix.pygram import python_symbols as syms

from workers.fixers.absolute_import import imports_a_sibling
from workers.rewriting import module_imports as mi
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.scopes import root_of

NO_IMPORT_EVIDENCE = "no evidence recorded of how the tests import this package folder (`python -m bot evidence`)"


def _guessed_siblings(tree):
    """The package's module names, when its folder was taken for one loaded by path from its layout."""
    context = getattr(tree, "module_context", None)
    if context is None or not context.loaded_by_path_from_layout or mi.has_absolute_import(tree):
        return frozenset()
    return context.package_modules


class _Impl(TreeFixer):
    _accept_type = {syms.import_name, syms.import_from}

    def match(self, node):
        siblings = _guessed_siblings(root_of(node))
        return {"siblings": siblings} if siblings and imports_a_sibling(node, siblings) else False

    def note(self, node):
        return "left as it is: %s; with it, an import the tests make through the package becomes explicit" % (
            NO_IMPORT_EVIDENCE)


class SiblingImportsByLayout(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 91
    reports_only = True
    trigger = r"\bimport\b"
    summary = "Report sibling imports left in package folders taken for folders loaded by path"
    explanation = (
        "A package folder that sits below a top-level folder and that nothing imports by name is "
        "taken for one whose modules are loaded with their folder on sys.path (Fabric's fabfiles), "
        "so absolute_import leaves its `import sibling` alone. If the tests import it as a package "
        "instead (nose and pytest import a package's test modules by their dotted names), that "
        "import is relative on 2.7 and fails on 3. Recording how the 2.7 tests import each module "
        "(`python -m bot evidence`, which the app runs before such a batch) decides it; until then "
        "each such import is listed."
    )
    risk = NEEDS_REVIEW

    def might_apply(self, text, context=None):
        # Only a module of a folder the layout alone took for one loaded by path has anything to list.
        if context is not None and not (context.loaded_by_path_from_layout and context.package_modules):
            return False
        return super().might_apply(text, context)


FIXER = SiblingImportsByLayout()
