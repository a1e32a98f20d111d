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
  `regressiontests.…`, or `src/pkg` imported by its tests stay packages. Recorded evidence
  of how the 2.7 tests imported the folder's modules decides a folder so taken: a package when
  they imported them only by their package names (cssutils' src/tests under nose).
  `loaded_by_path_from_layout` says when nothing but the layout decided it.
"""
import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from workers.engine.evidence import IMPORTED_IN_PACKAGE, IMPORTED_TOP_LEVEL, for_module, imported_as
from workers.engine.file_facts import DEL_EVENT, FROM, IMPORT, IMPORT_EVENT, FactsReader, names
from workers.engine.tree import python_files


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
    # Python 2 protocol names (next, __nonzero__, __div__, ...) other modules of the checkout use
    # as attributes: a class's alias of one may be called from there (codemods/py3bridge_shims.py)
    protocol_attributes_elsewhere: frozenset = frozenset()
    # loaded_by_path was decided by where the folder sits, no evidence saying how the tests import it
    loaded_by_path_from_layout: bool = False

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
        if self.protocol_attributes_elsewhere:
            text += "\0protocol" + ",".join(sorted(self.protocol_attributes_elsewhere))
        if self.loaded_by_path_from_layout:
            text += "\0layout"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _package_modules(folder):
    """The names importable from a package folder (empty when it has no __init__.py)."""
    return _run().package_modules(folder)


def _listed_package_modules(folder):
    if not _is_file(os.path.join(folder, "__init__.py")):
        return frozenset()
    with os.scandir(folder) as listing:
        entries = list(listing)
    names = set()
    for entry in entries:  # is_file()/is_dir() follow symlinks, as Path's do
        stem, suffix = _stem_and_suffix(entry.name)
        if suffix == ".py" and stem != "__init__" and entry.is_file():
            names.add(stem)
        elif suffix in (".so", ".pyd") and entry.is_file():
            names.add(entry.name.split(".")[0])
        elif entry.is_dir() and _is_file(os.path.join(folder, entry.name, "__init__.py")):
            names.add(entry.name)
    return frozenset(names)


def _stem_and_suffix(name):
    """PurePath(name).stem and .suffix, without building a path."""
    dot = name.rfind(".")
    return (name[:dot], name[dot:]) if 0 < dot < len(name) - 1 else (name, "")


def _is_file(path):
    return _run().is_file(path)


# ---------------------------------------------------------------- reading imports from facts

class _Reading:
    """What one contexts_for() call has looked at, each looked at once: files' facts and star
    exports (through a FactsReader), which paths are files, and packages' module names."""

    def __init__(self, reader=None):
        self.reader = reader or FactsReader()
        self._files = {}
        self._packages = {}
        self._exports = {}

    def exports(self, path):
        if path not in self._exports:
            self._exports[path] = self.reader.exports(path)
        return self._exports[path]

    def observed(self):
        """What the contexts learnt besides the facts of the reader's files, as JSON data: the
        answers of the disk (files, folder listings, other files' facts) and the star exports."""
        return {"files": self._files, "packages": {folder: sorted(names) for folder, names in self._packages.items()},
                "disk_facts": self.reader.read_from_disk,
                "exports": {path: None if names is None else list(names) for path, names in self._exports.items()}}

    def still_observed(self, observed):
        """Whether asking again gives every answer `observed` recorded."""
        return (all(self.is_file(path) == was for path, was in observed["files"].items())
                and all(sorted(self.package_modules(folder)) == names
                        for folder, names in observed["packages"].items())
                and all(self.reader.facts(path).to_cache() == facts
                        for path, facts in observed["disk_facts"].items())
                and all(self.observed_exports(path) == names for path, names in observed["exports"].items()))

    def observed_exports(self, path):
        names = self.exports(path)
        return None if names is None else list(names)

    def is_file(self, path):
        if path not in self._files:
            self._files[path] = os.path.isfile(path)
        return self._files[path]

    def package_modules(self, folder):
        if folder not in self._packages:
            self._packages[folder] = _listed_package_modules(folder)
        return self._packages[folder]


# The _Reading of the contexts_for() call running (a fresh one for each call outside it)
_reading = None


def _run():
    return _reading or _Reading()


@contextlib.contextmanager
def _reading_once(reader):
    global _reading
    _reading = _Reading(reader)
    try:
        yield
    finally:
        _reading = None


def _facts(path):
    return _run().reader.facts(path)


def _imported_siblings(statements, siblings, package, up=""):
    """Siblings the module-level import statements import: implicitly (`import x`, `from x import
    …`, only when up == ""), explicitly (`from <up> import x`, `from <up>x import …`) or by the
    package's name (`import pkg.x`, `from pkg import x`, `from pkg.x import …`)."""
    found = set()
    for statement in statements:
        match = FROM.match(statement)
        if match:
            dots, module, imported = match.groups()
            if dots:
                if dots == (up or "."):  # explicit relative to this folder
                    found.update([module.split(".")[0]] if module else names(imported))
            elif module == package:
                found.update(names(imported))
            elif module.startswith(package + "."):
                found.add(module.split(".")[1])
            elif not up:  # implicit relative (a subpackage's own siblings are not ours)
                found.add(module.split(".")[0])
            continue
        match = IMPORT.match(statement)
        if match:
            for name in names(match.group(1)):
                parts = name.split(".")
                if parts[0] == package and len(parts) > 1:
                    found.add(parts[1])
                elif not up:
                    found.add(parts[0])
    return found & siblings


def _rebound_names(facts, package):
    """Names a package's __init__.py deletes or rebinds outside functions (not `import x`, which
    binds the sibling module itself, nor `from . import x` / `from <….package> import x`)."""
    return {name for event in facts.events for name in _rebinds(event, package)}


def _deleted_only_names(facts, package):
    """Names a package's __init__.py deletes outside functions and binds to nothing else there."""
    deleted, rebound = set(), set()
    for event in facts.events:
        (deleted if event[0] == DEL_EVENT else rebound).update(_rebinds(event, package))
    return deleted - rebound


def _rebound_before_import(facts, package, siblings):
    """Siblings __init__.py itself imports after deleting or rebinding their name: only there does
    its own `from . import x` find the wrong attribute or none (before that, importing x sets it)."""
    rebound, late = set(), set()
    for event in facts.events:
        if event[0] == IMPORT_EVENT:
            late.update(_imported_siblings([event[1]], siblings, package) & rebound)
        rebound.update(_rebinds(event, package))
    return late


def _rebinds(event, package):
    """The names one module-level event of __init__.py deletes or rebinds (see _rebound_names)."""
    kind, value = event
    if kind != IMPORT_EVENT:
        return value
    match = FROM.match(value)
    if match:
        dots, module, imported = match.groups()
        if dots == "." and not module or not dots and (module == package or module.endswith("." + package)):
            return set()
        parts = (part.split() for part in imported.replace("(", " ").replace(")", " ").split(","))
        return {words[-1] for words in parts if words and words[0] != "*"}
    parts = (part.split() for part in IMPORT.match(value).group(1).split(","))
    return {words[2] for words in parts if len(words) == 3 and words[1] == "as"}


def _subpackage_imports(subfolder, siblings, package, depth=0):
    """Siblings of the package a subpackage imports at module level: from its __init__.py and from
    every module of its own that __init__.py reaches (`from .mod import *`, `from . import x`,
    `import mod`, `from pkg.sub.mod import …`), so a cycle through `pkg/sub/mod.py: from pkg.util
    import helper` is seen (cssutils: `from . import sub` in util failed on 2.7)."""
    inner = _package_modules(subfolder)
    name = os.path.basename(subfolder)
    found, seen, stack = set(), set(), ["__init__"]
    while stack:
        module = stack.pop()
        if module in seen:
            continue
        seen.add(module)
        source = os.path.join(subfolder, module + ".py")
        if module == "__init__" or _is_file(source):
            statements = _facts(source).imports()
        elif depth < 3 and _is_file(os.path.join(subfolder, module, "__init__.py")):
            found |= _subpackage_imports(os.path.join(subfolder, module), siblings, package, depth + 1)
            continue
        else:
            continue
        found |= _imported_siblings(statements, siblings, package, up="..")
        stack.extend(_imported_siblings(statements, inner, name)
                     | _imported_by_full_name(statements, inner, package, name))
    return found


def _imported_by_full_name(statements, inner, package, name):
    """Modules of subpackage `name` the import statements import as `pkg.name.x`."""
    prefix = "%s.%s" % (package, name)
    found = set()
    for statement in statements:
        match = FROM.match(statement)
        if match and not match.group(1):
            module = match.group(2)
            if module == prefix:
                found.update(names(match.group(3)))
            elif module.startswith(prefix + "."):
                found.add(module.split(".")[2])
            continue
        match = IMPORT.match(statement)
        if match:
            for imported in names(match.group(1)):
                parts = imported.split(".")
                if len(parts) > 2 and ".".join(parts[:2]) == prefix:
                    found.add(parts[2])
    return found & inner


def _late_modules(folder, siblings):
    """({module stem: frozenset of late siblings}, the siblings __init__.py deletes or rebinds, those
    of them it only deletes) for a package folder (see the module docstring)."""
    package = os.path.basename(folder)
    graph = {}
    for name in siblings:
        source = os.path.join(folder, name + ".py")
        if _is_file(source):
            graph[name] = _imported_siblings(_facts(source).imports(), siblings, package)
        elif _is_file(os.path.join(folder, name, "__init__.py")):
            graph[name] = _subpackage_imports(os.path.join(folder, name), siblings, package)
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
    init_facts = _facts(os.path.join(folder, "__init__.py"))
    rebound = _rebound_names(init_facts, package) & siblings
    # cycle-mates: siblings this module reaches that reach it back (only these can be half-imported
    # when this module imports them)
    late = {name: frozenset({other for other in reachable[name] if name in reachable[other]} | rebound)
            for name in graph}
    deleted = _deleted_only_names(init_facts, package) & siblings
    # __init__'s own import of a name it deletes fails on 2.7 once the package is imported, when a
    # test loader runs the file again as `pkg.__init__` (mechanize's suite)
    late["__init__"] = frozenset(_rebound_before_import(init_facts, package, siblings) | deleted)
    return late, rebound, deleted


# ---------------------------------------------------------------- packages loaded by path


def _loaded_by_path(root, folder, modules, top_names, evidence):
    """(whether the package folder's modules may be imported as top-level modules, whether only
    where the package sits said so). A folder taken for one loaded by path is a package when the
    2.7 tests imported its modules only by their package names. The evidence never turns a
    package into a folder loaded by path: a package's explicit imports work either way as far as
    the tests showed, and a plan without evidence must decide it the same."""
    top = _outermost_package(root, folder)
    if top == root or os.path.dirname(top) == root or os.path.basename(top) in top_names:
        return False, False
    prefix = Path(folder).relative_to(root).as_posix() + "/"
    seen = imported_as(evidence, [prefix + name + ".py" for name in modules])
    if seen == {IMPORTED_IN_PACKAGE}:
        return False, False
    return True, IMPORTED_TOP_LEVEL not in seen


def _outermost_package(root, folder):
    parent = os.path.dirname(folder)
    while folder != root and _is_file(os.path.join(parent, "__init__.py")) and parent != root:
        folder, parent = parent, os.path.dirname(parent)
    return folder


def _star_exports(folder, star_imported, siblings):
    """What the siblings a module star-imports inside a function or class export (see ModuleContext)."""
    found = []
    for name in sorted(set(star_imported) & siblings):
        source = os.path.join(folder, name + ".py")
        if not _is_file(source):
            source = os.path.join(folder, name, "__init__.py")
        exported = _run().exports(source) if _is_file(source) else None
        if exported:
            found.append((name, exported))
    return tuple(found)


def _checkout_wide(root, files):
    """What the contexts learn from every file of the checkout: the dotted parts of every module name
    a file star-imports (`from a.b import *`: ("a", "b"); `from .b import *`: ("b",)), the names
    (last part) of the modules that define a method has_key(), and the first names of every module
    imported, and {Python 2 protocol name: the files using it as an attribute}. By name only: a module
    wrongly thought star-imported or defining has_key() only makes the fixers keep its names or
    leave its calls for review."""
    star_imported, has_key_modules, top_names, protocol_users = set(), set(), set(), {}
    for path in files:
        facts = _facts(os.path.join(root, path))
        star_imported.update(tuple(module.split(".")) for module in facts.star_imports)
        if facts.defines_has_key:
            has_key_modules.add(_module_name(path))
        top_names.update(facts.top_imports)
        for name in facts.protocol_attributes:
            protocol_users.setdefault(name, set()).add(path)
    return star_imported, has_key_modules, top_names, protocol_users


def _is_star_imported(path, star_imported):
    """Whether the module at path ends with the dotted name of a star import: `from genshi.core
    import *` is genshi/core.py's, not genshi/tests/core.py's."""
    folder, _, name = path.rpartition("/")
    parts = (tuple(folder.split("/")) if folder else ()) + (_stem_and_suffix(name)[0],)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return any(parts[-size:] in star_imported for size in range(1, len(parts) + 1))


def _has_key_imports(facts, has_key_modules, own_name):
    """Which of has_key_modules the module imports (`import a.M`, `from M import x`,
    `from pkg import M`), itself aside."""
    return frozenset((has_key_modules - {own_name}).intersection(facts.import_words))


def _module_name(path):
    """Path(path).parent.name for an __init__.py, else Path(path).stem ("/"-separated paths)."""
    folder, _, name = path.rpartition("/")
    stem = _stem_and_suffix(name)[0]
    return folder.rpartition("/")[2] if stem == "__init__" else stem


def contexts_for(root, paths, evidence=None, checkout_files=None, reader=None):
    """{path: ModuleContext}, listing each folder once and reading each file once; `evidence` is
    what workers/engine/evidence.py loads; `checkout_files`: python_files(root), when the caller
    has listed them already; `reader`: a FactsReader holding the files' facts the plan has cached."""
    return contexts_observed(root, paths, evidence, checkout_files, reader)[0]


def contexts_observed(root, paths, evidence=None, checkout_files=None, reader=None):
    """(contexts_for()'s contexts, what they learnt besides the facts of the reader's files: see
    _Reading.observed)."""
    with _reading_once(reader):
        contexts = _contexts(str(Path(root)), paths, evidence, checkout_files or python_files(root))
        return contexts, _reading.observed()


def still_observed(observed, reader):
    """Whether the disk and the reader still answer as when contexts_observed() returned `observed`."""
    with _reading_once(reader):
        return _reading.still_observed(observed)


def _contexts(root, paths, evidence, files):
    listings = {}
    contexts = {}
    star_imported, has_key_modules, top_names, protocol_users = _checkout_wide(root, files)
    for path in paths:
        full_path = os.path.join(root, path)
        folder = os.path.dirname(full_path)
        if folder not in listings:
            modules = _package_modules(folder)
            late, rebound, deleted, by_path, from_layout = {}, frozenset(), frozenset(), False, False
            if modules or _is_file(os.path.join(folder, "__init__.py")):
                by_path, from_layout = _loaded_by_path(root, folder, modules, top_names, evidence)
                if modules and not by_path:
                    late, rebound, deleted = _late_modules(folder, modules)
            listings[folder] = (modules, late, rebound, deleted, by_path, from_layout)
        modules, late, rebound, deleted, by_path, from_layout = listings[folder]
        stem = _stem_and_suffix(os.path.basename(full_path))[0]
        facts = _facts(full_path)
        exports = ()
        if modules and not by_path and facts.nested_star_imports:
            exports = _star_exports(folder, facts.nested_star_imports, modules)
        has_key_imports = _has_key_imports(facts, has_key_modules, _module_name(path)) \
            if has_key_modules else frozenset()
        late_here = late.get(stem, frozenset())
        contexts[path] = ModuleContext(path, modules, late_here, by_path, exports,
                                       for_module(evidence, path), _is_star_imported(path, star_imported),
                                       has_key_imports, late_here & (rebound - deleted), late_here & deleted,
                                       frozenset(name for name, users in protocol_users.items() if users - {path}),
                                       by_path and from_layout)
    return contexts
