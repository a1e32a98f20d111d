"""The packages below workers/ import each other in one direction only:
engine → fixers → codemods → rewriting, engine → deps → files, and nothing below imports what is above it."""
import ast
from pathlib import Path

WORKERS = Path(__file__).resolve().parents[2] / "workers"

# package: the packages it may import (its own modules aside)
ALLOWED = {
    "files": set(),
    "rewriting": set(),
    "codemods": {"rewriting"},
    "fixers": {"rewriting", "codemods"},
    "deps": {"files", "rewriting"},
    "engine": {"files", "rewriting", "fixers", "codemods", "deps"},
}


def imported_packages(package):
    found = {}
    for path in sorted((WORKERS / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules = [node.module] + ["%s.%s" % (node.module, alias.name) for alias in node.names]
            else:
                continue
            for module in modules:
                parts = module.split(".")
                if parts[0] == "workers" and len(parts) > 1 and (WORKERS / parts[1]).is_dir() and parts[1] != package:
                    found.setdefault(parts[1], path.relative_to(WORKERS).as_posix())
    return found


def test_packages_import_downwards_only():
    wrong = {}
    for package, allowed in ALLOWED.items():
        for imported, where in imported_packages(package).items():
            if imported not in allowed:
                wrong["%s imports %s" % (where, imported)] = sorted(allowed)
    assert not wrong
