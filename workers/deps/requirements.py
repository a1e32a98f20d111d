"""Reading a repository's dependencies without executing anything, and rewriting one pin.

Sources: requirements files (requirements*.txt, test-requirements.txt and the like,
requirements/*.txt; following `-r` includes and `-c` constraints), setup.py's `install_requires`,
`tests_require` and `extras_require` (read from the syntax tree, never run: setup_py.py),
setup.cfg's `[options]` install_requires / tests_require and `[options.extras_require]`
(setup_cfg.py), a Pipfile's [packages] and [dev-packages] (pipfile.py), and tox.ini's `deps` (factor prefixes such as `py27:` dropped, substitutions skipped).
Environment markers are kept (Dependency.marker) and evaluated by the readiness table. Rewriting changes one version in one line and
leaves every other byte (comments, extras, markers, other lines) as it was.

The files are untrusted: a dependency file that is a symlink (or sits in a symlinked folder) is
not read, nor is an include (`-r`/`-c`) that is absolute, a URL, climbs out of the checkout or
is a symlink. Each is reported as (path, reason) to the `skipped` list the caller passes.
Requirement lists we read but cannot edit (a computed install_requires, a setup.py only Python 2
parses) are reported as (path, line, reason) to the `not_editable` list the caller passes.
"""
import ast
import configparser
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name

from workers.deps import pipfile, setup_cfg, setup_py
from workers.files import safe_files, source

_INCLUDE = re.compile(r"^\s*(-r|--requirement|-c|--constraint)\s*=?\s*(\S+)")
_PIN = re.compile(r"(==\s*)([^\s,;#\]]+)")
_OPTION = re.compile(r"\s+--?[a-z]")  # per-requirement options such as --hash=...
_NAME = re.compile(r"^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", re.IGNORECASE)  # PEP 508 names
_PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError)


@dataclass(frozen=True)
class Dependency:
    name: str  # as written
    specifier: str  # e.g. "==1.2.3", ">=1.0", "" for any
    source: str  # relative path of the file it was read from
    line: int  # 1-based line in that file (0 when not line-based)
    marker: str = ""  # the environment marker, e.g. 'python_version < "3"'
    section: str = ""  # where in the file: "install_requires", "extras_require['test']", "dev-packages"
    editable: bool = True  # its pin can be changed by editing its own text on its line

    @property
    def upgradable_in_place(self):
        """Whether an upgrade can change this pin by editing one line of its file."""
        return self.editable and self.line > 0 and bool(self.pinned_version)

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


def _read_text(root, relative, skipped, label=None):
    """The decoded text of a dependency file, or None when it is missing or refused (reported)."""
    reason = safe_files.problem(root, relative)
    if reason == safe_files.MISSING:
        return None
    try:
        if reason:
            raise safe_files.UnsafePath(relative, reason)
        return safe_files.decode_text(safe_files.read_bytes(root, relative))[0]
    except safe_files.UnsafePath as err:
        _report(skipped, label or relative, err.reason)
    except OSError as err:
        _report(skipped, label or relative, "cannot be read: %s" % (err.strerror or err))
    return None


def _report(found, *item):
    if found is not None and item not in found:
        found.append(item)


def _include_target(relative, target):
    """The checkout-relative path of an include, or raises UnsafePath with the reason."""
    if "://" in target:
        raise safe_files.UnsafePath(target, "is a URL (not fetched)")
    if target.startswith(("/", "\\", "~")) or re.match(r"[A-Za-z]:[\\/]", target):
        raise safe_files.UnsafePath(target, safe_files.ABSOLUTE)
    return safe_files.normalise((Path(relative).parent / target).as_posix())


def read_requirements_file(root, relative, seen=None, skipped=None):
    """Dependencies of one requirements file and the files it includes (each file read once).

    Files and includes that must not be read are appended to `skipped` as (path, reason)."""
    root, seen = Path(root), seen if seen is not None else set()
    if relative in seen:
        return []
    seen.add(relative)
    text = _read_text(root, relative, skipped)
    if text is None:
        return []
    found = []
    for number, line in _logical_lines(text):
        stripped = line.strip()
        include = _INCLUDE.match(stripped)
        if include:
            try:
                target = _include_target(relative, include.group(2))
            except safe_files.UnsafePath as err:
                _report(skipped, include.group(2), "%s (%s in %s line %d)" % (
                    err.reason, include.group(1), relative, number))
                continue
            reason = safe_files.problem(root, target)
            if reason and reason != safe_files.MISSING:
                _report(skipped, target, "%s (%s in %s line %d)" % (reason, include.group(1), relative, number))
                continue
            found += read_requirements_file(root, target, seen, skipped)
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
    return Dependency(requirement.name, str(requirement.specifier), source, line,
                      str(requirement.marker) if requirement.marker else "")


def _read_bytes(root, relative, skipped):
    reason = safe_files.problem(root, relative)
    if reason == safe_files.MISSING:
        return None
    try:
        if reason:
            raise safe_files.UnsafePath(relative, reason)
        return safe_files.read_bytes(root, relative)
    except safe_files.UnsafePath as err:
        _report(skipped, relative, err.reason)
    except OSError as err:
        _report(skipped, relative, "cannot be read: %s" % (err.strerror or err))
    return None


def read_setup_py(root, skipped=None, not_editable=None):
    """setup()'s install_requires, tests_require and extras_require when they are literals (or
    names bound once to one); what is computed is reported to `not_editable`, never guessed."""
    data = _read_bytes(Path(root), "setup.py", skipped)
    if data is None:
        return []
    try:
        tree, text = parse_setup_py(data)
    except _PARSE_ERRORS:
        _report(not_editable, "setup.py", 0, "only Python 2 parses it: its requirements are not read")
        return []
    literals, computed = setup_py.find(tree, text)
    for item in computed:
        _report(not_editable, "setup.py", item.line, item.reason)
    found = []
    for literal in literals:
        dependency = _parse(literal.value, "setup.py", literal.line)
        if dependency:
            found.append(replace(dependency, marker=_both_markers(dependency.marker, literal.marker),
                                 section=literal.section, editable=literal.editable))
    return found


def parse_setup_py(data):
    """(syntax tree, decoded text with "\n" line endings) of setup.py's bytes; the text is None
    when the bytes do not survive a decode/encode round trip (then nothing in it is edited)."""
    try:
        text = source.decode(data).text
    except source.SourceError:
        return ast.parse(data), None  # bytes: its coding cookie (or BOM) decides the encoding
    return ast.parse(text), text


def _both_markers(first, second):
    if first and second:
        return "(%s) and (%s)" % (first, second)
    return first or second


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


def read_setup_cfg(root, skipped=None):
    text = _read_text(Path(root), "setup.cfg", skipped)
    if text is None:
        return []
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)  # only a file configparser (and so setuptools) reads is read here
    except (configparser.Error, *_PARSE_ERRORS):
        return []
    found = []
    for entry in setup_cfg.find(text):
        dependency = _parse(entry.value, "setup.cfg", entry.line)
        if dependency:
            found.append(replace(dependency, section=entry.section))
    return found


def read_pipfile(root, skipped=None):
    text = _read_text(Path(root), "Pipfile", skipped)
    if text is None:
        return []
    try:
        entries = pipfile.find(text)
    except (tomllib.TOMLDecodeError, *_PARSE_ERRORS):
        return []
    found = []
    for entry in entries:
        if not _NAME.match(entry.name) or not _valid_specifier(entry.specifier):
            continue  # not a package name or a version range: never sent to the index
        found.append(Dependency(entry.name, entry.specifier, "Pipfile", entry.line, entry.marker, entry.section,
                                entry.start is not None))
    return found


def _valid_specifier(text):
    try:
        SpecifierSet(text)
    except InvalidSpecifier:
        return False
    return True


def read_dependencies(root, skipped=None, not_editable=None):
    """Every declared dependency, first occurrence per package (requirements files first).

    Dependency files and includes not read (symlinks, outside the checkout) are appended to
    `skipped` as (path, reason) when it is a list; requirement lists read but not editable to
    `not_editable` as (path, line, reason)."""
    root = Path(root)
    found, seen_files = [], set()
    for path in requirement_paths(root):
        found += read_requirements_file(root, path, seen_files, skipped)
    found += read_setup_py(root, skipped, not_editable) + read_setup_cfg(root, skipped) + read_pipfile(root, skipped)
    found += read_tox_ini(root, seen_files, skipped)
    unique = {}
    for dependency in found:
        # One per package and marker: `Django<2; python_version < "3"` and `Django>=2; python_version >= "3"`
        # are two rows.
        unique.setdefault((dependency.key, dependency.marker), dependency)
    return list(unique.values())


def requirement_paths(root):
    """requirements*.txt, test-requirements.txt, dev_requirements.txt ... and requirements/*.txt."""
    root = Path(root)
    names = sorted(root.glob("requirements*.txt")) + sorted(
        p for p in root.glob("*requirements*.txt") if not p.name.startswith("requirements"))
    return [p.relative_to(root).as_posix() for p in names + sorted(root.glob("requirements/*.txt"))]


_TOX_FACTORS = re.compile(r"^[\w.,!-]+:\s*(?=\S)")


def read_tox_ini(root, seen=None, skipped=None):
    """tox.ini's `deps` of [testenv] and every [testenv:...]: requirement lines, `-r` files."""
    root = Path(root)
    text = _read_text(root, "tox.ini", skipped)
    if text is None:
        return []
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except (configparser.Error, *_PARSE_ERRORS):
        return []
    found = []
    for section in parser.sections():
        if section != "testenv" and not section.startswith("testenv:"):
            continue
        for raw in parser.get(section, "deps", fallback="").splitlines():
            line = _TOX_FACTORS.sub("", raw.strip())
            if not line or line.startswith("#") or "{" in line:
                continue
            include = _INCLUDE.match(line)
            if include:
                try:
                    target = _include_target("tox.ini", include.group(2))
                except safe_files.UnsafePath as err:
                    _report(skipped, include.group(2), "%s (%s in tox.ini)" % (err.reason, include.group(1)))
                    continue
                found += read_requirements_file(root, target, seen, skipped)
                continue
            if line.startswith("-") or "://" in line:
                continue
            dependency = _parse(line, "tox.ini", 0)
            if dependency:
                found.append(dependency)
    return found


def rewrite_pin(text, line_number, name, new_version):
    """The text with `name==old` on that line changed to `name==new_version`; nothing else changes."""
    lines = text.splitlines(keepends=True)
    if not 0 < line_number <= len(lines):
        raise ValueError("%s is not on line %d" % (name, line_number))
    line = lines[line_number - 1]
    head = re.match(r"\ufeff?\s*" + re.escape(name) + r"(\[[^\]]*\])?\s*", line, re.IGNORECASE)
    if head is None:
        raise ValueError("%s is not on line %d" % (name, line_number))
    rest = line[head.end():]
    new_rest, count = _PIN.subn(lambda m: m.group(1) + new_version, rest, count=1)
    if not count:
        raise ValueError("line %d does not pin %s with ==" % (line_number, name))
    lines[line_number - 1] = line[:head.end()] + new_rest
    return "".join(lines)
