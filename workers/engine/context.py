"""What a fixer may know about a module besides its text: where it lives and what is next to it.

Python 2 resolves `import x` inside a package to the package's own `x` first (an implicit relative
import). Deciding whether an import is one needs the names importable from the module's folder,
which is what `ModuleContext.package_modules` holds (empty outside a package).

Two more facts decide whether `import x` may become `from . import x` and still work on 2.7, both
read from the text of the folder's files once per folder (a line scan, no parsing):

- `late_modules`: siblings for which Python 2's `from . import x` can fail where `import x` works.
  2.7 reads `x` as an attribute of the package, which exists only once `x` has finished importing
  and only until the package rebinds it (3.7+ falls back to sys.modules, 2.7 does not). So: the
  siblings in a module-level import cycle with this module (x imports, directly or through other
  siblings, the module that imports it: `cannot import name x` on 2.7, mechanize's
  `_request` <-> `_urllib2_fork`), and the names the package's `__init__.py` deletes or rebinds at
  module level (mechanize's `del _urllib2`); for `__init__.py` itself, the names it imports
  after deleting or rebinding them (until then its own import sets the attribute), and those it
  deletes (a test loader importing the file again as `pkg.__init__` finds them gone).
- `loaded_by_path`: the folder has an `__init__.py` but its outermost package folder neither is
  the checkout root nor sits directly in it, and no file of the checkout imports that package by
  name. Such folders are test support or data (Fabric's tests/support fabfiles are imported as
  top-level modules with their folder on sys.path, where `from . import x` raises "Attempted
  relative import in non-package"); `tests/regressiontests/…` in Django, imported as
  `regressiontests.…`, or `src/pkg` imported by its tests stay packages.
"""
import contextlib
import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from workers.engine.evidence import for_module
from workers.engine.tree import python_files
from workers.files import safe_files


@dataclass(frozen=True)
class ModuleContext:
    path: str  # relative to the checkout, "/"-separated
    package_modules: frozenset = frozenset()
    late_modules: frozenset = frozenset()  # siblings 2.7 may not find as package attributes
    loaded_by_path: bool = False  # the folder's modules may be imported as top-level modules
    # ((sibling, names), ...): what `from sibling import *` binds, for the siblings this module
    # star-imports inside a function or class, when their source makes it certain (module_exports)
    star_exports: tuple = ()
    # ((line, (kind, ...)), ...): what the 2.7 tests saw at this module's bytes-or-text sites
    # (workers/engine/evidence.py); None when no evidence was recorded, () when none was seen here
    evidence: tuple = None
    # some file of the checkout may do `from <this module> import *`: the names this module binds
    # at module level are then other modules' names too (workers/rewriting/star_exports.py)
    star_imported: bool = False
    # the modules of the checkout this module imports whose classes define their own has_key():
    # `x.has_key(k)` here may be called on one of their instances (workers/fixers/has_key.py)
    has_key_imports: frozenset = frozenset()
    # the late siblings that are late because the package's __init__.py rebinds their name to
    # another value (the rest are late through an import cycle or a deletion only)
    rebound_modules: frozenset = frozenset()
    # the late siblings the package's __init__.py deletes (`del x`) and never rebinds: 3.5+ finds
    # them in sys.modules, as it finds the half-imported modules of a cycle
    deleted_modules: frozenset = frozenset()

    def kinds_at(self, line):
        """The kinds of values the 2.7 tests saw at `line` ("bytes", "text", "native"); empty when none."""
        for site, kinds in self.evidence or ():
            if site == line:
                return frozenset(kinds)
        return frozenset()

    def digest(self):
        """Part of the scan cache key: a file's findings may depend on its neighbours."""
        text = "\n".join(sorted(self.package_modules)) + "\0" + "\n".join(sorted(self.late_modules)) + "\0" + (
            "path" if self.loaded_by_path else "")
        if self.star_exports:
            text += "\0" + repr(self.star_exports)
        if self.star_imported:
            text += "\0star-imported"
        if self.has_key_imports:
            text += "\0has_key" + ",".join(sorted(self.has_key_imports))
        if self.evidence is not None:
            text += "\0evidence" + repr(self.evidence)
        if self.rebound_modules:
            text += "\0rebound" + ",".join(sorted(self.rebound_modules))
        if self.deleted_modules:
            text += "\0deleted" + ",".join(sorted(self.deleted_modules))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _package_modules(folder):
    if not (folder / "__init__.py").is_file():
        return frozenset()
    names = set()
    for entry in folder.iterdir():
        if entry.is_file() and entry.suffix == ".py" and entry.stem != "__init__":
            names.add(entry.stem)
        elif entry.is_file() and entry.suffix in (".so", ".pyd"):
            names.add(entry.name.split(".")[0])
        elif entry.is_dir() and (entry / "__init__.py").is_file():
            names.add(entry.name)
    return frozenset(names)


# ---------------------------------------------------------------- reading imports from text

_IMPORT = re.compile(r"import\s+(.+)$", re.S)
_FROM = re.compile(r"from\s+(\.*)\s*([\w.]*)\s+import\s+(.+)$", re.S)
_DEF = re.compile(r"(?:async\s+)?def\s")
_DEL = re.compile(r"del\s+(.+)$", re.S)
_ASSIGN = re.compile(r"((?:\w+\s*,\s*)*\w+)\s*,?\s*=(?!=)")
_DEFINES = re.compile(r"(?:def|class)\s+(\w+)")


# {str(path): text} while contexts_for() runs: its scans read each file up to six times otherwise
_texts_read = None


@contextlib.contextmanager
def _reading_each_file_once():
    global _texts_read
    _texts_read = {}
    try:
        yield
    finally:
        _texts_read = None


def _read(path):
    """A neighbour's text for the line scan; "" for a symlink (never followed) or a non-file."""
    if _texts_read is None:
        return _read_now(path)
    key = str(path)
    if key not in _texts_read:
        _texts_read[key] = _read_now(path)
    return _texts_read[key]


def _read_now(path):
    try:
        if path.is_symlink() or not path.is_file():
            return ""
        return safe_files.read_bytes(path.parent, path.name).decode("latin-1")
    except OSError:
        return ""


@functools.lru_cache(maxsize=64)  # the same __init__.py is scanned several times per package
def _logical_lines(text):
    """(indent, statement) for each logical line outside functions' bodies and triple-quoted
    strings; continuation lines (backslash, open brackets) are joined. Rough on purpose: an import
    wrongly seen at module level only makes the fixer more careful."""
    lines = text.splitlines()
    out, def_indent, quote = [], None, None
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if quote:
            if quote in line and line.count(quote) % 2 == 1:
                quote = None
            continue
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            continue
        indent = len(line) - len(line.lstrip())
        for mark in ('"""', "'''"):
            if mark in line and line.count(mark) % 2 == 1:
                quote = mark
        while (stripped.endswith("\\") or "(" in stripped and stripped.count("(") > stripped.count(")")) \
                and index < len(lines):
            stripped = stripped.rstrip("\\") + " " + lines[index].split("#")[0].strip()
            index += 1
        if def_indent is not None:
            if indent > def_indent:
                continue
            def_indent = None
        if _DEF.match(stripped):
            def_indent = indent
        for statement in stripped.split(";"):
            out.append((indent, statement.strip()))
    return out


def _names(text):
    return [part.split()[0] for part in text.replace("(", " ").replace(")", " ").split(",") if part.split()]


def _imported_siblings(text, siblings, package, up=""):
    """Siblings a file imports outside functions: implicitly (`import x`, `from x import …`,
    only when up == ""), explicitly (`from <up> import x`, `from <up>x import …`) or by the
    package's name (`import pkg.x`, `from pkg import x`, `from pkg.x import …`)."""
    found = set()
    for _, statement in _logical_lines(text):
        match = _FROM.match(statement)
        if match:
            dots, module, names = match.groups()
            if dots:
                if dots == (up or "."):  # explicit relative to this folder
                    found.update([module.split(".")[0]] if module else _names(names))
            elif module == package:
                found.update(_names(names))
            elif module.startswith(package + "."):
                found.add(module.split(".")[1])
            elif not up:  # implicit relative (a subpackage's own siblings are not ours)
                found.add(module.split(".")[0])
            continue
        match = _IMPORT.match(statement)
        if match:
            for name in _names(match.group(1)):
                parts = name.split(".")
                if parts[0] == package and len(parts) > 1:
                    found.add(parts[1])
                elif not up:
                    found.add(parts[0])
    return found & siblings


def _rebound_names(text, package):
    """Names a package's __init__.py deletes or rebinds outside functions (not `import x`, which
    binds the sibling module itself, nor `from . import x` / `from <….package> import x`)."""
    return {name for _, statement in _logical_lines(text) for name in _rebinds(statement, package)}


def _deleted_only_names(text, package):
    """Names a package's __init__.py deletes outside functions and binds to nothing else there."""
    deleted, rebound = set(), set()
    for _, statement in _logical_lines(text):
        (deleted if _DEL.match(statement) else rebound).update(_rebinds(statement, package))
    return deleted - rebound


def _rebound_before_import(text, package, siblings):
    """Siblings __init__.py itself imports after deleting or rebinding their name: only there does
    its own `from . import x` find the wrong attribute or none (before that, importing x sets it)."""
    rebound, late = set(), set()
    for _, statement in _logical_lines(text):
        late.update(_imported_siblings(statement, siblings, package) & rebound)
        rebound.update(_rebinds(statement, package))
    return late


def _rebinds(statement, package):
    """The names one module-level statement of __init__.py deletes or rebinds (see _rebound_names)."""
    match = _DEL.match(statement)
    if match:
        return set(_names(match.group(1)))
    match = _FROM.match(statement)
    if match:
        dots, module, imported = match.groups()
        if dots == "." and not module or not dots and (module == package or module.endswith("." + package)):
            return set()
        parts = (part.split() for part in imported.replace("(", " ").replace(")", " ").split(","))
        return {words[-1] for words in parts if words and words[0] != "*"}
    match = _IMPORT.match(statement)
    if match:
        parts = (part.split() for part in match.group(1).split(","))
        return {words[2] for words in parts if len(words) == 3 and words[1] == "as"}
    match = _DEFINES.match(statement) or _ASSIGN.match(statement)
    return set(_names(match.group(1))) if match else set()


def _subpackage_imports(subfolder, siblings, package, depth=0):
    """Siblings of the package a subpackage imports at module level: from its __init__.py and from
    every module of its own that __init__.py reaches (`from .mod import *`, `from . import x`,
    `import mod`, `from pkg.sub.mod import …`), so a cycle through `pkg/sub/mod.py: from pkg.util
    import helper` is seen (cssutils: `from . import sub` in util failed on 2.7)."""
    inner = _package_modules(subfolder)
    name = subfolder.name
    found, seen, stack = set(), set(), ["__init__"]
    while stack:
        module = stack.pop()
        if module in seen:
            continue
        seen.add(module)
        if module == "__init__" or (subfolder / (module + ".py")).is_file():
            text = _read(subfolder / (module + ".py"))
        elif depth < 3 and (subfolder / module / "__init__.py").is_file():
            found |= _subpackage_imports(subfolder / module, siblings, package, depth + 1)
            continue
        else:
            continue
        found |= _imported_siblings(text, siblings, package, up="..")
        stack.extend(_imported_siblings(text, inner, name) | _imported_by_full_name(text, inner, package, name))
    return found


def _imported_by_full_name(text, inner, package, name):
    """Modules of subpackage `name` a file imports as `pkg.name.x` (`import`, `from … import`)."""
    prefix = "%s.%s" % (package, name)
    found = set()
    for _, statement in _logical_lines(text):
        match = _FROM.match(statement)
        if match and not match.group(1):
            module = match.group(2)
            if module == prefix:
                found.update(_names(match.group(3)))
            elif module.startswith(prefix + "."):
                found.add(module.split(".")[2])
            continue
        match = _IMPORT.match(statement)
        if match:
            for imported in _names(match.group(1)):
                parts = imported.split(".")
                if len(parts) > 2 and ".".join(parts[:2]) == prefix:
                    found.add(parts[2])
    return found & inner


def _late_modules(folder, siblings):
    """({module stem: frozenset of late siblings}, the siblings __init__.py deletes or rebinds, those
    of them it only deletes) for a package folder (see the module docstring)."""
    package = folder.name
    graph = {}
    for name in siblings:
        if (folder / (name + ".py")).is_file():
            graph[name] = _imported_siblings(_read(folder / (name + ".py")), siblings, package)
        elif (folder / name / "__init__.py").is_file():
            graph[name] = _subpackage_imports(folder / name, siblings, package)
        else:
            graph[name] = set()

    def reach(start):
        seen, stack = set(), list(graph.get(start, ()))
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(graph.get(node, ()))
        return seen

    reachable = {name: reach(name) for name in graph}
    init_text = _read(folder / "__init__.py")
    rebound = _rebound_names(init_text, package) & siblings
    # cycle-mates: siblings this module reaches that reach it back (only these can be half-imported
    # when this module imports them)
    late = {name: frozenset({other for other in reachable[name] if name in reachable[other]} | rebound)
            for name in graph}
    deleted = _deleted_only_names(init_text, package) & siblings
    # __init__'s own import of a name it deletes fails on 2.7 once the package is imported, when a
    # test loader runs the file again as `pkg.__init__` (mechanize's suite)
    late["__init__"] = frozenset(_rebound_before_import(init_text, package, siblings) | deleted)
    return late, rebound, deleted


# ---------------------------------------------------------------- packages loaded by path

_TOP_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(\w+)|import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*))", re.M)


def _outermost_package(root, folder):
    while folder != root and (folder.parent / "__init__.py").is_file() and folder.parent != root:
        folder = folder.parent
    return folder


def _imported_top_names(root, files):
    names = set()
    for path in files:
        for match in _TOP_IMPORT.finditer(_read(root / path)):
            if match.group(1):
                names.add(match.group(1))
            else:
                names.update(part.strip().split(".")[0] for part in match.group(2).split(","))
    return names


_NESTED_STAR_IMPORT = re.compile(r"^[ \t]+from[ \t]+(\.?\w+)[ \t]+import[ \t]*\*", re.M)


def _star_exports(folder, text, siblings):
    """What the siblings a module star-imports inside a function or class export (see ModuleContext)."""
    from workers.rewriting.module_exports import exported_names

    found = []
    for name in sorted({match.lstrip(".") for match in _NESTED_STAR_IMPORT.findall(text)} & siblings):
        source = folder / (name + ".py")
        if not source.is_file():
            source = folder / name / "__init__.py"
        names = exported_names(_read(source)) if source.is_file() else None
        if names:
            found.append((name, names))
    return tuple(found)


_STAR_IMPORT = re.compile(r"^[ \t]*from[ \t]+\.*([\w.]+)[ \t]+import[ \t]*\*", re.M)


def _star_imported_names(root, files):
    """The dotted parts of every module name a file of the checkout star-imports (`from a.b import *`:
    ("a", "b"); `from .b import *`: ("b",)). By name only: a module wrongly thought star-imported
    only makes the fixers keep its names."""
    names = set()
    for path in files:
        text = _read(root / path)
        if "*" in text:
            names.update(tuple(module.split(".")) for module in _STAR_IMPORT.findall(text))
    return names


def _is_star_imported(path, star_imported):
    """Whether the module at path ends with the dotted name of a star import: `from genshi.core
    import *` is genshi/core.py's, not genshi/tests/core.py's."""
    parts = Path(path).with_suffix("").parts
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return any(parts[-len(name):] == name for name in star_imported if len(name) <= len(parts))


_HAS_KEY_METHOD = re.compile(r"^[ \t]+def[ \t]+has_key[ \t]*\(", re.M)
_ANY_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+\.*([\w.]*)[ \t]+import[ \t]+([^\n#]*)|import[ \t]+([^\n#]*))", re.M)


def _has_key_modules(root, files):
    """The names (last part) of the checkout's modules that define a method has_key(). By name
    only: a module wrongly matched only makes the has_key fixer leave calls for review."""
    names = set()
    for path in files:
        text = _read(root / path)
        if "has_key" in text and _HAS_KEY_METHOD.search(text):
            names.add(_module_name(path))
    return names


def _has_key_imports(text, has_key_modules, own_name):
    """Which of has_key_modules the module text imports (`import a.M`, `from M import x`,
    `from pkg import M`), itself aside."""
    candidates = has_key_modules - {own_name}
    if not candidates or "import" not in text:
        return frozenset()
    found = set()
    for module, names, plain in _ANY_IMPORT.findall(text):
        words = set(re.findall(r"\w+", " ".join((module, names, plain))))
        found.update(words & candidates)
    return frozenset(found)


def _module_name(path):
    path = Path(path)
    return path.parent.name if path.stem == "__init__" else path.stem


def contexts_for(root, paths, evidence=None, checkout_files=None):
    """{path: ModuleContext}, listing each folder once and reading each file once; `evidence` is
    what workers/engine/evidence.py loads; `checkout_files`: python_files(root), when the caller
    has listed them already."""
    with _reading_each_file_once():
        return _contexts(Path(root), paths, evidence, checkout_files or python_files(root))


def _contexts(root, paths, evidence, files):
    listings = {}
    contexts = {}
    top_names = None
    star_imported = _star_imported_names(root, files)
    has_key_modules = _has_key_modules(root, files)
    for path in paths:
        folder = (root / path).parent
        if folder not in listings:
            modules = _package_modules(folder)
            late, rebound, deleted, by_path = {}, frozenset(), frozenset(), False
            if modules or (folder / "__init__.py").is_file():
                top = _outermost_package(root, folder)
                if top != root and top.parent != root:
                    if top_names is None:
                        top_names = _imported_top_names(root, files)
                    by_path = top.name not in top_names
                if modules and not by_path:
                    late, rebound, deleted = _late_modules(folder, modules)
            listings[folder] = (modules, late, rebound, deleted, by_path)
        modules, late, rebound, deleted, by_path = listings[folder]
        stem = Path(path).stem
        exports = ()
        if modules and not by_path:
            text = _read(root / path)
            if _NESTED_STAR_IMPORT.search(text):
                exports = _star_exports(folder, text, modules)
        has_key_imports = _has_key_imports(_read(root / path), has_key_modules, _module_name(path)) \
            if has_key_modules else frozenset()
        late_here = late.get(stem, frozenset())
        contexts[path] = ModuleContext(path, modules, late_here, by_path, exports,
                                       for_module(evidence, path), _is_star_imported(path, star_imported),
                                       has_key_imports, late_here & (rebound - deleted), late_here & deleted)
    return contexts
