"""Python 2 modules Python 3 renamed that six.moves has no alias for → an import that falls back:

    import markupbase                        try:
                                      →          import markupbase
                                             except ImportError:  # Python 3
                                                 import _markupbase as markupbase

`markupbase` is `_markupbase` on 3, `anydbm` is `dbm`, `dumbdbm` is `dbm.dumb`: the same module
under a new name. So is `urlparse` (`urllib.parse`), which urllib_modules moves to six.moves.urllib
instead wherever it can: only an import it leaves (the module object used itself, or a name
six.moves lacks such as `urlparse.clear_cache`) gets the fallback.

2.7 keeps importing the module it did; only 3 takes the new name. Only a module-level
statement importing nothing else is rewritten. When the Python 3 name is also a module of the
package (mechanize ships its own `_markupbase.py`), the module gains `from __future__ import
absolute_import`, so that a second run does not read the fallback as an implicit relative import;
a module with implicit relative imports left (which that import would break on 2.7) is left alone.
"""
from fissix.pygram import python_symbols as syms

from workers.fixers import urllib_modules
from workers.fixers.absolute_import import has_implicit_relative_imports
from workers.rewriting import module_imports as mi
from workers.rewriting import parsing
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_future_import, has_future_feature

RENAMED = {"markupbase": "_markupbase", "anydbm": "dbm", "dumbdbm": "dbm.dumb", "urlparse": "urllib.parse"}


def _module(node):
    """The renamed module a whole module-level import statement imports, else None."""
    stmt = node.parent
    if stmt.type != syms.simple_stmt or stmt.parent.type != syms.file_input or len(stmt.children) != 2:
        return None
    if node.type == syms.import_name:
        items = mi.import_items(node)
        module = items[0][1] if len(items) == 1 else None
    else:
        module = mi.from_import_parts(node)[0]
    if module not in RENAMED or mi.in_import_fallback(node) or mi.is_sibling_module(node.parent.parent, module):
        return None
    if module == "urlparse" and urllib_modules.FIXER.impl.match(node):
        return None
    return module


def _code(node):
    """The statement's own text, without the comments and blank lines before it."""
    return str(node)[len(node.prefix):].strip()


def _python3_import(node, module):
    new = RENAMED[module]
    if node.type == syms.import_from:
        return _code(node).replace(module, new, 1)
    alias = mi.import_items(node)[0][2]
    return "import %s as %s" % (new, alias or module)


def _shadowed_by_sibling(tree, module):
    """The Python 3 name is also a module of the package, which 2.7 would import instead."""
    context = getattr(tree, "module_context", None)
    top = RENAMED[module].split(".")[0]
    return context is not None and top in context.package_modules and not has_future_feature(tree, "absolute_import")


class _Impl(TreeFixer):
    _accept_type = {syms.import_name, syms.import_from}

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_absolute_import = False

    def match(self, node):
        module = _module(node)
        if module is None:
            return False
        tree = node.parent.parent
        return not (_shadowed_by_sibling(tree, module) and has_implicit_relative_imports(tree))

    def transform(self, node, results):
        module = _module(node)
        stmt = node.parent
        comment = stmt.children[-1].prefix  # a comment after the import, kept on the Python 2 line
        text = "try:\n    %s%s\nexcept ImportError:  # Python 3\n    %s\n" % (
            _code(node), comment, _python3_import(node, module))
        new = parsing.parse(text).children[0]
        new.remove()
        new.prefix = stmt.prefix
        self.needs_absolute_import |= _shadowed_by_sibling(stmt.parent, module)
        stmt.replace(new)

    def after_fix(self, tree):
        super().after_fix(tree)
        if self.needs_absolute_import:
            add_future_import(tree, "absolute_import")


class UnaliasedRenames(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 21
    trigger = r"\b(?:%s)\b" % "|".join(sorted(RENAMED))
    summary = "Import markupbase, anydbm, dumbdbm and urlparse with a fallback to their Python 3 names"
    explanation = (
        "Python 3 renamed `markupbase` to `_markupbase`, `anydbm` to `dbm` and `dumbdbm` to `dbm.dumb`, "
        "and six.moves has no alias for them; `urlparse` is `urllib.parse`, which gets this form only where "
        "urllib_modules cannot move it to six.moves.urllib (the module object itself, `clear_cache`). Each module-level import becomes a `try` of the Python 2 "
        "import with an `except ImportError` importing the Python 3 module under the old name: 2.7 "
        "imports exactly what it did, 3 the same module under its new name."
    )
    review_hint = (
        "Python 3.10 dropped _markupbase.ParserBase.error(): a subclass that relies on it needs its own. "
        "dbm on 3 stores bytes: keys and values given as text are encoded, values read back are bytes."
    )
    risk = SAFE


FIXER = UnaliasedRenames()
