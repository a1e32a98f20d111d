"""Python 2 implicit relative imports → explicit ones: `import sibling` → `from . import sibling`,
`from sibling import x` → `from .sibling import x`, plus `from __future__ import absolute_import`
in the modules that changed.

Whether `import x` is relative depends on the files next to the module, which the tree carries as
`module_context` (workers/engine/context.py: only `.py` files, extension modules and folders with an
`__init__.py` count, so a data folder called `json/` never makes `import json` relative, bpo-17393).
Without a context, or in a module that already has `from __future__ import absolute_import`
(where nothing is relative any more, python-future#545), nothing changes. Nothing changes either
in a folder whose modules may be loaded as top-level modules (`context.loaded_by_path`).
A sibling 2.7 may not find as an attribute of the package (`context.late_modules`) keeps its
`import x`: when x is late through an import cycle and the import is a line of its own (at
module level or in a function, which may run while x is half-imported too), it becomes `try: from . import x` / `except ImportError: import x` (3.5+ takes a half-imported
x from sys.modules; 2.7 falls back to the implicit import), and so does a name the package's
__init__ deletes (`del x`: 3.5+ finds x in sys.modules too); a name __init__ rebinds to another
value stays as it is. The future import is added only to a module with no implicit relative
import left (the fallback's is one), since it would break those on 2.7.
Nor in a file run as a script (`python pkg/runtests.py`), where `from . import settings` raises
"Attempted relative import in non-package" and `import settings` finds the script's folder on
sys.path on 2.7 and 3 alike: manage.py, runtests.py and setup.py, and files under a scripts/ or bin/
folder. A package module that starts with a `#!` line and has an `if __name__ == "__main__":`
block is both (ecdsa's ecdsa.py, imported by its siblings; enum's test/test_enum.py, loaded as
test.test_enum): each module-level `import x` / `from x import y` of a sibling, alone on its line,
becomes `try: from . import x` / `except (ImportError, ValueError): import x` (3 raises ImportError
and 2.7 ValueError for a relative import in a script, whose folder is then on sys.path); its other
sibling imports stay as they are.
"""
import re

from fissix.fixer_util import Leaf, find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import traversal
from workers.rewriting.fast_regex import compile_fast
from workers.rewriting import module_imports as mi
from workers.rewriting import parsing
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_future_import
from workers.rewriting.scopes import root_of


SCRIPT_NAMES = frozenset({"manage.py", "runtests.py", "setup.py"})
SCRIPT_FOLDERS = frozenset({"scripts", "bin"})
_MAIN_GUARD = re.compile(r"""^if\s+(?:__name__\s*==\s*(['"])__main__\1|(['"])__main__\2\s*==\s*__name__)\s*:""", re.MULTILINE)


def is_script_path(path):
    """Whether a checkout-relative path names a file run as a script by its name or folder."""
    parts = (path or "").split("/")
    return parts[-1] in SCRIPT_NAMES or any(part in SCRIPT_FOLDERS for part in parts[:-1])


def is_script(text, path=""):
    """A file run as a script: by its name or folder, or a `#!` file with a `__main__` block."""
    return is_script_path(path) or (text.startswith("#!") and _MAIN_GUARD.search(text) is not None)


def _siblings(tree):
    context = getattr(tree, "module_context", None)
    if context is None or not context.package_modules or context.loaded_by_path or mi.has_absolute_import(tree):
        return frozenset()
    if is_script(traversal.module_text(tree), context.path):
        return frozenset()  # its imports find its own folder on sys.path, on 2.7 and 3 alike
    return context.package_modules


def _script_siblings(tree):
    """The siblings of a package module that is also run as a script (a `#!` line and a
    `__main__` block), whose module-level imports of them get the script fallback."""
    context = getattr(tree, "module_context", None)
    if context is None or not context.package_modules or context.loaded_by_path or mi.has_absolute_import(tree):
        return frozenset()
    if is_script_path(context.path) or not is_script(traversal.module_text(tree)):
        return frozenset()
    return context.package_modules


SCRIPT_FALLBACK = ("try:\n    %s%s\n"
                   "except (ImportError, ValueError):  # run as a script: its folder is on sys.path\n"
                   "    %s\n")


def _script_fallback(node, siblings):
    """For a module-level `import x` or `from x import y` of a sibling alone on its line, in a
    module also run as a script: the try statement importing it relatively, else from the folder."""
    stmt = node.parent
    if stmt.type != syms.simple_stmt or len(stmt.children) != 2 or stmt.parent is None or stmt.parent.type != syms.file_input:
        return None
    original = str(node)[len(node.prefix):].rstrip()
    if node.type == syms.import_from:
        if mi.is_relative_from(node) or not _is_relative_from(node, siblings):
            return None
        explicit = "from ." + original[len("from"):].lstrip()
    else:
        items = mi.import_items(node)
        if len(items) != 1 or items[0][1] not in siblings:
            return None
        module, alias = items[0][1], items[0][2]
        explicit = "from . import %s" % (module if not alias else "%s as %s" % (module, alias))
    return SCRIPT_FALLBACK % (explicit, stmt.children[-1].prefix, original)


def _replace_statement(node, text):
    new = parsing.parse(text).children[0]
    new.remove()
    new.prefix = node.parent.prefix
    node.parent.replace(new)


def _late(tree):
    """Siblings 2.7 may not find as package attributes when this module imports them (an import
    cycle, or the package's __init__.py deleting or rebinding the name): for those, `import x`
    has no explicit form that works on 2.7 (`from . import x` raises `cannot import name x`)."""
    return getattr(getattr(tree, "module_context", None), "late_modules", frozenset())


def _relative_items(node, siblings, late=frozenset()):
    """For an import_name: [(item, new `from` text or None when it has no explicit form)]."""
    found = []
    for item, module, alias in mi.import_items(node):
        parts = module.split(".")
        if parts[0] not in siblings:
            continue
        if len(parts) == 1 and module in late:
            found.append((item, None))  # `from . import x` fails on 2.7 while x is half-imported
        elif len(parts) == 1:
            found.append((item, "from . import %s" % (module if not alias else "%s as %s" % (module, alias))))
        elif alias:
            found.append((item, "from .%s import %s" % (".".join(parts[:-1]), mi.import_text("", parts[-1], alias).split(" import ")[1])))
        else:
            found.append((item, None))  # `import sibling.sub` binds `sibling`: no `from` form
    return found


def _is_relative_from(node, siblings):
    module, _ = mi.from_import_parts(node)
    return module is not None and module.split(".")[0] in siblings and module != "__future__"


def has_implicit_relative_imports(tree):
    """Whether some import of the module still finds a sibling the Python 2 way (so that adding
    `from __future__ import absolute_import` would break it on 2.7)."""
    siblings = _siblings(tree)
    return bool(siblings) and any(imports_a_sibling(node, siblings) for node in tree.pre_order())


def imports_a_sibling(node, siblings):
    """Whether the import statement `node` finds one of `siblings` the Python 2 way (implicitly relative)."""
    if node.type == syms.import_from:
        return _is_relative_from(node, siblings) and not mi.is_relative_from(node)
    return node.type == syms.import_name and bool(_relative_items(node, siblings))


CYCLE_FALLBACK = ("try:\n    from . import %s%s\n"
                  "except ImportError:  # Python 2.7, while %s is half-imported (an import cycle)\n"
                  "    import %s\n")
DELETED_FALLBACK = ("try:\n    from . import %s%s\n"
                    "except ImportError:  # Python 2.7, once the package's __init__ has deleted %s\n"
                    "    import %s\n")


def _cycle_fallback(node):
    """For `import x` alone on a line (at module level, or in a block such as a function's body, which
    may run while x is half-imported too), x a sibling late only through an import cycle or
    the package's __init__ deleting it: the try statement replacing it. Python 3.5+ finds a
    half-imported or deleted x in sys.modules (bpo-17636); 2.7 only through the implicit relative
    import, which the fallback keeps (the module then gets no absolute_import)."""
    stmt = node.parent
    if node.type != syms.import_name or stmt.type != syms.simple_stmt or len(stmt.children) != 2:
        return None
    if stmt.parent is None or stmt.parent.type not in (syms.file_input, syms.suite) or mi.in_import_fallback(node):
        return None
    context = getattr(root_of(stmt), "module_context", None)
    items = mi.import_items(node)
    if context is None or len(items) != 1 or items[0][2] is not None:
        return None
    module = items[0][1]
    if module not in context.late_modules or module in context.rebound_modules:
        return None
    template = DELETED_FALLBACK if module in context.deleted_modules else CYCLE_FALLBACK
    return template % (module, stmt.children[-1].prefix, module, module)


def _explicit_items(node, siblings):
    return [(item, text) for item, text in _relative_items(node, siblings, _late(root_of(node))) if text]


class _Impl(TreeFixer):
    _accept_type = {syms.import_name, syms.import_from}

    def match(self, node):
        tree = root_of(node)
        if tree.type != syms.file_input:
            return False
        script_siblings = _script_siblings(tree)
        if script_siblings:
            fallback = _script_fallback(node, script_siblings)
            return {"script_fallback": fallback} if fallback else False
        siblings = _siblings(tree)
        if not siblings:
            return False
        if node.type == syms.import_from:
            found = not mi.is_relative_from(node) and _is_relative_from(node, siblings)
        else:
            found = bool(_explicit_items(node, siblings)) or _cycle_fallback(node) is not None
        return {"siblings": siblings} if found else False

    def transform(self, node, results):
        if "script_fallback" in results:
            _replace_statement(node, results["script_fallback"])
            return
        siblings = results["siblings"]
        if node.type == syms.import_from:
            module = mi.from_module_node(node)
            node.insert_child(1, Leaf(token.DOT, ".", prefix=module.prefix))
            module.prefix = ""
            return
        fallback = _cycle_fallback(node)
        if fallback is not None and node.parent.parent.type == syms.suite:
            stmt = node.parent
            stmt.replace(parsing.compound_statement(fallback, find_indentation(stmt), stmt.prefix))
            return
        if fallback is not None:
            _replace_statement(node, fallback)
            return
        items = _explicit_items(node, siblings)
        all_items = mi.import_items(node)
        texts = [text for _, text in items]
        if len(items) == len(all_items):
            plain = [module for _, module, alias in all_items if "." not in module and not alias]
            if len(plain) == len(all_items) and len(plain) > 1:
                texts = ["from . import %s" % ", ".join(plain)]
            mi.replace_import(node, texts)
        else:
            for item, _ in items:
                mi.remove_import_item(node, item)
            mi.add_after(node, texts)

    def after_fix(self, tree):
        # an import left implicit (no explicit form on 2.7) would break under absolute_import
        if not has_implicit_relative_imports(tree) and not _script_siblings(tree):
            add_future_import(tree, "absolute_import")


_IMPORT_HEAD = compile_fast(r"\b(import|from)[ \t]+(\w*)")
_AFTER_COMMA = re.compile(r",[ \t]*(\w+)")


def names_a_sibling(text, siblings):
    """Whether an import statement (one starting a line, or after `try:` / `;` on one) names one of
    `siblings` first, or after a comma further on its line. The keywords are searched for as
    literals: a regex starting at a statement's start is tried at every position (and was compiled
    per package): 4.3 against 0.8 s over Django's and the corpus' modules. A sibling whose name is
    no word (`a-b.py`, `a.b.py`) is never looked up: the fixer compares an import's first word."""
    for head in _IMPORT_HEAD.finditer(text):
        if not _starts_statement(text, head.start()):
            continue
        if head.group(2) in siblings:
            return True
        if head.group(1) == "import":
            line_end = text.find("\n", head.end())
            rest = text[head.end():line_end if line_end >= 0 else len(text)]
            if any(name in siblings for name in _AFTER_COMMA.findall(rest)):
                return True
    return False


def _starts_statement(text, position):
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    return position == 0 or text[position - 1] in "\n:;"


class AbsoluteImport(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 15
    trigger = r"\bimport\b"

    def might_apply(self, text, context=None):
        # Only a module inside a package that names one of its siblings in an import can change.
        if context is None:
            return super().might_apply(text)
        if context.loaded_by_path or is_script_path(context.path) or not context.package_modules:
            return False
        return super().might_apply(text) and names_a_sibling(text, context.package_modules)
    summary = "Make implicit relative imports explicit and add absolute_import"
    explanation = (
        "Inside a package, Python 2 resolves `import helpers` to the package's own `helpers.py` "
        "before any top-level module; Python 3 only looks at top-level modules, so the import breaks "
        "or, worse, finds a different module. `from . import helpers` (and `from .helpers import x`) "
        "names the sibling explicitly and means the same on 2.7 and 3. Which imports are relative is "
        "decided from the files really next to the module (`.py` files, extension modules and "
        "folders with an `__init__.py`; a data folder never counts). Modules that changed also get "
        "`from __future__ import absolute_import`, so that 2.7 resolves every other import the way 3 "
        "does; modules with nothing relative are left alone. Imports with no explicit form stay "
        "implicit, and their module gets no future import: `import sibling.sub`, and a sibling 2.7 "
        "cannot take from the package (`from . import x` reads `x` as an attribute of the package, "
        "unlike `import x`) because the package's `__init__.py` rebinds it to another value. A sibling in "
        "a module-level import cycle (`cannot import name x` on 2.7), or that `__init__.py` deletes, "
        "is imported with `try: from . "
        "import x` and an `except ImportError` falling back to `import x`, which only 2.7 runs. "
        "Nothing changes in a package folder whose outermost package is neither the checkout "
        "root nor directly in it and is never imported by name (test support loaded by path, like "
        "Fabric's tests/support fabfiles, where `from . import x` raises \"Attempted relative "
        "import in non-package\")."
    )
    review_hint = (
        "A module that is also run as a script (`python pkg/mod.py`) cannot use explicit relative "
        "imports: run it with `python -m pkg.mod` instead (manage.py, runtests.py, setup.py, files "
        "under scripts/ or bin/ are never changed; a `#!` package module with a `__main__` block gets "
        "`try: from . import x` / `except (ImportError, ValueError): import x` for its module-level "
        "sibling imports, and keeps its others). Imports left "
        "implicit (`import sibling.sub`, a sibling the package's __init__ rebinds) still "
        "fail on Python 3: import what the module needs explicitly, or stop rebinding the name."
    )
    risk = SAFE


FIXER = AbsoluteImport()
