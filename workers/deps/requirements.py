"""Reading a repository's dependencies without executing anything, and rewriting one pin.

Sources: requirements files (following `-r` includes and `-c` constraints), setup.py's
`install_requires` (read from the syntax tree, never run), setup.cfg's `[options]
install_requires`, and a Pipfile's [packages]. Rewriting changes one version in one line and
leaves every other byte (comments, extras, markers, other lines) as it was.
"""
import ast
import configparser
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

_INCLUDE = re.compile(r"^\s*(-r|--requirement|-c|--constraint)\s*=?\s*(\S+)")
_PIN = re.compile(r"(==\s*)([^\s,;#\]]+)")
_OPTION = re.compile(r"\s+--?[a-z]")  # per-requirement options such as --hash=...


@dataclass(frozen=True)
class Dependency:
    name: str  # as written
    specifier: str  # e.g. "==1.2.3", ">=1.0", "" for any
    source: str  # relative path of the file it was read from
    line: int  # 1-based line in that file (0 when not line-based)

    @property
    def key(self):
        return canonicalize_name(self.name)

    def specifier_set(self):
        from packaging.specifiers import SpecifierSet

        return SpecifierSet(self.specifier)

    @property
    def pinned_version(self):
        match = re.fullmatch(r"===?\s*([^\s,]+)", self.specifier.strip())
        return match.group(1) if match else None


def _logical_lines(text):
    """(1-based number, text) per logical line: backslash continuations joined, comments cut."""
    number, buffer, start = 0, "", 0
    for number, raw in enumerate(text.splitlines(), 1):
        if not buffer:
            start = number
        line = raw.split(" #")[0] if " #" in raw else ("" if raw.lstrip().startswith("#") else raw)
        if line.rstrip().endswith("\\"):
            buffer += line.rstrip()[:-1]
            continue
        yield start, buffer + line
        buffer = ""


def read_requirements_file(root, relative, seen=None):
    """Dependencies of one requirements file and the files it includes (each file read once)."""
    root, seen = Path(root), seen if seen is not None else set()
    if relative in seen or not (root / relative).is_file():
        return []
    seen.add(relative)
    found = []
    for number, line in _logical_lines((root / relative).read_text(errors="replace")):
        stripped = line.strip()
        include = _INCLUDE.match(stripped)
        if include:
            target = (Path(relative).parent / include.group(2)).as_posix()
            found += read_requirements_file(root, target, seen)
            continue
        if not stripped or stripped.startswith("-") or "://" in stripped or stripped.startswith((".", "/")):
            continue
        dependency = _parse(_OPTION.split(stripped)[0], relative, number)
        if dependency:
            found.append(dependency)
    return found


def _parse(text, source, line):
    try:
        requirement = Requirement(text)
    except InvalidRequirement:
        return None
    return Dependency(requirement.name, str(requirement.specifier), source, line)


def read_setup_py(root):
    """install_requires from setup.py, when it is a literal list (or a name bound to one)."""
    path = Path(root) / "setup.py"
    if not path.is_file():
        return []
    try:
        tree = ast.parse(path.read_bytes())
    except SyntaxError:
        return []  # a Python-2-only setup.py: nothing we can read without running it
    return _string_items(install_requires_node(tree), "setup.py")


def install_requires_node(tree):
    """The expression setup() gets as install_requires (through a name bound to it), or None."""
    names = {target.id: node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
             for target in node.targets if isinstance(target, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "setup":
            for keyword in node.keywords:
                if keyword.arg == "install_requires":
                    return names.get(keyword.value.id) if isinstance(keyword.value, ast.Name) else keyword.value
    return None


def _string_items(node, source):
    if not isinstance(node, (ast.List, ast.Tuple)):
        return []
    found = []
    for item in node.elts:
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            dependency = _parse(item.value, source, item.lineno)
            if dependency:
                found.append(dependency)
    return found


def read_setup_cfg(root):
    path = Path(root) / "setup.cfg"
    if not path.is_file():
        return []
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(path.read_text(errors="replace"))
    except configparser.Error:
        return []
    value = parser.get("options", "install_requires", fallback="")
    return [d for d in (_parse(line.strip(), "setup.cfg", 0) for line in value.splitlines() if line.strip()) if d]


def read_pipfile(root):
    path = Path(root) / "Pipfile"
    if not path.is_file():
        return []
    try:
        packages = tomllib.loads(path.read_text()).get("packages", {})
    except tomllib.TOMLDecodeError:
        return []
    found = []
    for name, spec in packages.items():
        version = spec if isinstance(spec, str) else (spec.get("version", "*") if isinstance(spec, dict) else "*")
        found.append(Dependency(name, "" if version == "*" else version, "Pipfile", 0))
    return found


def read_dependencies(root):
    """Every declared dependency, first occurrence per package (requirements files first)."""
    root = Path(root)
    found, seen_files = [], set()
    for path in sorted(root.glob("requirements*.txt")) + sorted(root.glob("requirements/*.txt")):
        found += read_requirements_file(root, path.relative_to(root).as_posix(), seen_files)
    found += read_setup_py(root) + read_setup_cfg(root) + read_pipfile(root)
    unique = {}
    for dependency in found:
        unique.setdefault(dependency.key, dependency)
    return list(unique.values())


def rewrite_pin(text, line_number, name, new_version):
    """The text with `name==old` on that line changed to `name==new_version`; nothing else changes."""
    lines = text.splitlines(keepends=True)
    line = lines[line_number - 1]
    head = re.match(r"\s*" + re.escape(name) + r"(\[[^\]]*\])?\s*", line, re.IGNORECASE)
    if head is None:
        raise ValueError("%s is not on line %d" % (name, line_number))
    rest = line[head.end():]
    new_rest, count = _PIN.subn(lambda m: m.group(1) + new_version, rest, count=1)
    if not count:
        raise ValueError("line %d does not pin %s with ==" % (line_number, name))
    lines[line_number - 1] = line[:head.end()] + new_rest
    return "".join(lines)
