"""What a fixer may know about a module besides its text: where it lives and what is next to it.

Python 2 resolves `import x` inside a package to the package's own `x` first (an implicit relative
import). Deciding whether an import is one needs the names importable from the module's folder,
which is what `ModuleContext.package_modules` holds (empty outside a package).
"""
import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ModuleContext:
    path: str  # relative to the checkout, "/"-separated
    package_modules: frozenset = frozenset()

    def digest(self):
        """Part of the scan cache key: a file's findings may depend on its neighbours."""
        text = "\n".join(sorted(self.package_modules))
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


def contexts_for(root, paths):
    """{path: ModuleContext}, listing each folder once."""
    root = Path(root)
    listings = {}
    contexts = {}
    for path in paths:
        folder = (root / path).parent
        if folder not in listings:
            listings[folder] = _package_modules(folder)
        contexts[path] = ModuleContext(path, listings[folder])
    return contexts
