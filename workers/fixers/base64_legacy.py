"""`base64.encodestring(x)` / `base64.decodestring(x)` → `encodebytes(x)` / `decodebytes(x)`,
imported the 2+3 way (Python 3.9 removed the old names; 2.7 never had the new ones)."""
from fissix.fixer_util import Name

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import PARAMETER, binding_statements, imported_from
from workers.rewriting.imports import add_after_imports, import_fallback_text
from workers.rewriting.typerefs import refers_to_module, replace_head

NEW_NAMES = {"encodestring": "encodebytes", "decodestring": "decodebytes"}


def _ours(stmt, new):
    """A `from base64 import encodebytes` / `encodestring as encodebytes` at module level."""
    return stmt is not PARAMETER and imported_from(stmt, new) in (("base64", new), ("base64", _old(new))) and (
        stmt.parent is not None)


def _old(new):
    return {v: k for k, v in NEW_NAMES.items()}[new]


def _defined(tree, new):
    """Whether the module already has the fallback import binding `new`."""
    bound = binding_statements(tree.children[0] if tree.children else tree, new)
    return bool(bound) and all(_ours(stmt, new) for stmt in bound)


class _Impl(TreeFixer):
    PATTERN = "power< module='base64' trailer< '.' (old='encodestring' | old='decodestring') > any* >"

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.used = set()

    def match(self, node):
        results = super().match(node)
        if not results or not refers_to_module(results["module"], "base64"):
            return False
        new = NEW_NAMES[results["old"].value]
        bound = binding_statements(node, new)
        if bound is not None and not all(_ours(stmt, new) for stmt in bound):
            return False  # the name is taken here
        return dict(results, new=new)

    def transform(self, node, results):
        new = results["new"]
        replace_head(node, [Name(new)], count=2)
        self.used.add(new)

    def after_fix(self, tree):
        missing = [(new, _old(new)) for new in sorted(self.used, reverse=True) if not _defined(tree, new)]
        if missing:
            add_after_imports(tree, import_fallback_text("base64", missing))


class Base64Legacy(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\b(?:encode|decode)string\b"
    summary = "Replace base64.encodestring/decodestring with encodebytes/decodebytes imported the 2+3 way"
    explanation = (
        "`base64.encodestring` and `decodestring` were deprecated aliases on Python 3 and are gone "
        "since 3.9; 2.7 has only them. The call becomes `encodebytes(x)` / `decodebytes(x)`, bound "
        "once after the module's imports by `try: from base64 import encodebytes` / `except "
        "ImportError: from base64 import encodestring as encodebytes`: the very same function on "
        "2.7, the renamed one on 3, both inserting a newline every 76 characters (which "
        "`b64encode` would not). A module that already uses those names for something else is left "
        "alone."
    )
    review_hint = "On Python 3 both functions take and return bytes only: check callers that pass text."
    risk = SAFE


FIXER = Base64Legacy()
