"""`urllib.splittype(url)` → `splittype(url)`, imported from urllib on 2.7 and urllib.parse on 3.

six.moves.urllib has no home for these helpers, so urllib_modules leaves a module using them with
its Python 2 `import urllib`; once they are imported by name, it can move the rest."""
from fissix.fixer_util import Name
from fissix.pygram import python_symbols as syms

from workers.rewriting import module_imports as mi
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_after_imports
from workers.rewriting.scopes import is_bound_around, module_binds, root_of
from workers.rewriting.typerefs import module_attribute, replace_head

# urllib's helpers that Python 3 keeps in urllib.parse and six.moves.urllib.parse lacks.
SPLIT_FUNCTIONS = {"splittype", "splithost", "splitport", "splitnport", "splitpasswd", "splitattr", "unwrap"}
_FALLBACK = "try:\n    from urllib import %s\nexcept ImportError:  # Python 3\n    from urllib.parse import %s\n"


def _function(node):
    attr = module_attribute(node, "urllib")
    return attr.value if attr is not None and attr.value in SPLIT_FUNCTIONS else None


class _Impl(TreeFixer):
    _accept_type = syms.power

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.imported = set()

    def match(self, node):
        name = _function(node)
        tree = root_of(node)
        return name is not None and not module_binds(tree, name) and not is_bound_around(node, name) \
            and not mi.is_sibling_module(tree, "urllib") and {"name": name}

    def transform(self, node, results):
        self.imported.add(results["name"])
        replace_head(node, [Name(results["name"])])

    def after_fix(self, tree):
        names = ", ".join(sorted(self.imported))
        add_after_imports(tree, _FALLBACK % (names, names))


class UrllibSplitFunctions(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\burllib\s*\.\s*(?:split(?:type|host|n?port|passwd|attr)|unwrap)\b"
    summary = "Import urllib.splittype, splithost, … by name, from urllib.parse on Python 3"
    explanation = (
        "`urllib.splittype`, `splithost`, `splitport`, `splitnport`, `splitpasswd`, `splitattr` and "
        "`unwrap` live in `urllib.parse` on Python 3 and have no six.moves name. Each use becomes the "
        "bare name, imported by a `try` of `from urllib import …` with an `except ImportError` "
        "importing the same functions from `urllib.parse`: the very functions on 2.7. The module's "
        "other urllib uses can then move to six.moves.urllib."
    )
    review_hint = "Python 3 deprecates these helpers (3.8+); urllib.parse.urlsplit is the lasting form."
    risk = SAFE


FIXER = UrllibSplitFunctions()
