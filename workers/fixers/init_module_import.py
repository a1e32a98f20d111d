"""`from __init__ import X` in a package's module → the package's own X on 2.7 and 3.

Python 2 finds `__init__` next to the module by its implicit relative lookup (docutils' tests:
`from __init__ import DocutilsTestSupport`, a name the package's __init__.py imports); Python 3
looks for a top-level module `__init__` and finds none. The line, alone at module level, becomes

    try:
        from . import X
    except (ImportError, ValueError):  # not imported as part of its package
        from __init__ import X

`from . import X` reads X from the package, as 2.7's `from __init__` did (without running
__init__.py a second time under another name). A module run as a script or with its folder on
sys.path has no package: `from .` raises ImportError on 3 and ValueError on 2.7, and the original
line finds the folder's __init__.py as a top-level module, as before.
"""
from fissix.pygram import python_symbols as syms

from workers.rewriting import module_imports as mi
from workers.rewriting import parsing
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import root_of

FALLBACK = ("try:\n    from . import {names}\n"
            "except (ImportError, ValueError):  # not imported as part of its package\n"
            "    {line}\n")


def _in_package_module(tree):
    context = getattr(tree, "module_context", None)
    return context is not None and bool(context.package_modules) and (
        not context.path.rsplit("/", 1)[-1] == "__init__.py")


def _init_import(node):
    """The `from __init__ import …` names text of a module-level line of its own, or None."""
    if node.type != syms.import_from or mi.is_relative_from(node) or mi.in_import_fallback(node):
        return None
    stmt = node.parent
    if stmt.type != syms.simple_stmt or len(stmt.children) != 2 or stmt.parent.type != syms.file_input:
        return None
    module, pairs = mi.from_import_parts(node)
    if module != "__init__" or not pairs or any(name == "*" for name, _ in pairs):
        return None
    return ", ".join(name + (" as " + alias if alias else "") for name, alias in pairs)


class _Impl(TreeFixer):
    _accept_type = syms.import_from

    def match(self, node):
        names = _init_import(node)
        return {"names": names} if names and _in_package_module(root_of(node)) else False

    def transform(self, node, results):
        stmt = node.parent
        text = FALLBACK.format(names=results["names"], line=str(stmt)[len(stmt.prefix):].strip())
        new = parsing.parse(text).children[0]
        new.remove()
        new.prefix = stmt.prefix
        stmt.replace(new)


class InitModuleImport(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 16
    trigger = r"\bfrom\s+__init__\s+import\b"
    summary = "Read `from __init__ import X` from the module's own package"
    explanation = (
        "Python 2 resolves `from __init__ import X` in a package's module to the package's own "
        "__init__.py; Python 3 looks for a top-level module `__init__`. The line becomes "
        "`from . import X`, falling back to the original line when the module is not imported as "
        "part of its package (run as a script or with its folder on sys.path)."
    )
    risk = SAFE


FIXER = InitModuleImport()
