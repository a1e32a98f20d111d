"""Names other modules read through `from <this module> import *` stay what they were.

When another file of the checkout may star-import a module (its ModuleContext says
`star_imported`) and the module has no `__all__`, every public name it binds at module level is
also a name of the importer. So a fixer must neither unbind one (`import urllib2` becoming
`from six.moves import urllib` left the importer's `urllib2` undefined) nor let a name it adds
(`from six.moves import range, map`) replace the importer's builtins on 2.7. The first is each
fixer's to avoid (`star_exported`); the second is done here once for every fixer: when a fix binds
a new public name, `__all__` is declared as the names the star import gave before it.
"""
from workers.rewriting import module_exports
from workers.rewriting.imports import add_after_imports
from workers.rewriting.scopes import collect_bound_names

_LINE = 96


def _star_imported(tree):
    context = getattr(tree, "module_context", None)
    return context is not None and context.star_imported


def star_exported(tree, name):
    """Whether another module may read the module-level `name` through a star import of this one."""
    if not _star_imported(tree):
        return False
    if not module_exports.declares_all(tree):
        return not name.startswith("_")
    declared = module_exports.exports_of(tree)
    return declared is None or name in declared


def exports_to_keep(tree):
    """(exported names, names bound at module level) before a fix, when a star import of this
    module binds every public name it has (no __all__) and those are certain; else None."""
    if not _star_imported(tree) or module_exports.declares_all(tree):
        return None
    exported = module_exports.exports_of(tree)
    return None if exported is None else (exported, collect_bound_names(tree))


def keep_exports(tree, before):
    """After a fix: declare `__all__` as the names exported before when the fix bound a new public
    name at module level and left every exported name bound."""
    if before is None:
        return
    exported, bound_before = before
    bound = collect_bound_names(tree)
    added = [name for name in bound - bound_before if not name.startswith("_")]
    if not added or not set(exported) <= bound:
        return
    add_after_imports(tree, "# only what `import *` of this module gave before (not %s)\n%s\n" % (
        ", ".join(sorted(added)), _all_assignment(exported)))


def _all_assignment(names):
    lines, line = [], "__all__ = ["
    for index, name in enumerate(names):
        item = '"%s"' % name + (", " if index < len(names) - 1 else "")
        if len(line) + len(item) > _LINE:
            lines.append(line.rstrip())
            line = "    "
        line += item
    lines.append(line + "]")
    return "\n".join(lines)
