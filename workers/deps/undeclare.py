"""Removing a dependency nothing imports any more: six, once the python3-only stage has rewritten its
last use, leaves every file that declares it (the mirror of declare.py).

Whether anything still imports it is read from every Python file of the checkout (a vendored
`six.py` aside), generously: any `import`/`from` line naming the package, `__import__("six")` or
`import_module("six")` keeps it, and so does a file that cannot be read. Only then is each entry
removed, one at a time and byte for byte: a requirements file's line, an element of a literal list
in setup.py (install_requires, tests_require, extras_require), a line of setup.cfg's
requirement keys, a one-line Pipfile entry. Each edit is checked by reading the file back the way
its reader reads it: the same requirements minus that one. An entry that cannot be removed that
way (a computed list, a continued line, a pip-compile or hash-pinned file, a Pipfile with a
lock file to keep in step) stays, and the reason says so. Symlinked files are never read or
written. Nothing here raises: the code change is already on disk when this runs.
"""
import ast
import re
import tomllib
from dataclasses import dataclass
from pathlib import PurePosixPath

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from workers.deps import pipfile, setup_cfg, setup_py
from workers.deps.requirements import (read_pipfile, read_requirements_file, read_setup_cfg, read_setup_py,
                                       requirement_paths)
from workers.files import safe_files, source

RETIRED = ("six",)  # what the python3-only stage stops importing


@dataclass(frozen=True)
class Removal:
    package: str
    path: str  # the file the entry was (or stays) in; "" when the package stays for a reason of the checkout's
    problem: str = ""  # why the entry stays, when it does

    def to_json(self):
        return dict({"package": self.package, "path": self.path}, **({"reason": self.problem} if self.problem else {}))


def import_pattern(package):
    name = re.escape(package)
    return re.compile(
        r"(?:^|[;:])[ \t]*(?:from[ \t]+%s(?![\w])|import[ \t](?:[^\n#;]|\\\r?\n)*?(?<![\w.])%s(?![\w]))"
        r"|(?:__import__|import_module)\([ \t]*[rRbBuU]?['\"]%s(?![\w])" % (name, name, name), re.MULTILINE)


def imports(text, package):
    """Whether Python source text may import the package (generously: a docstring's example counts)."""
    return import_pattern(package).search(text) is not None


def first_importer(root, package, paths):
    """(path, "") of the first of `paths` that imports the package, (path, why) of one that cannot be
    read; None when none does."""
    pattern = import_pattern(package)
    for path in paths:
        if PurePosixPath(path).name == "%s.py" % package:
            continue  # the package vendored: not a user of it
        try:
            text = safe_files.read_bytes(root, path).decode("latin-1")  # the pattern is ASCII
        except OSError as err:
            return path, "cannot be read (%s), so it may import %s" % (getattr(err, "reason", "") or err, package)
        if pattern.search(text):
            return path, ""
    return None


def undeclare_unused(root, package, python_paths, unread=()):
    """[Removal] for each file that declared the package, when no Python file imports it any more.

    `python_paths`: every .py file of the checkout; `unread`: [(path, reason)] of what was not read
    (a symlinked folder): either keeps the package, with a Removal saying why when it is declared."""
    declared = _declarations(root, package)
    if not declared:
        return []
    importer = first_importer(root, package, python_paths) or next(iter(unread), None)
    if importer is not None:
        path, unknown = importer
        return [Removal(package, "", "%s stays declared: %s %s" % (package, path, unknown))] if unknown else []
    return [_remove_from(root, package, path, sorted(lines, reverse=True)) for path, lines in sorted(declared.items())]


def _declarations(root, package):
    """{file: {line}} of every entry declaring the package."""
    key, found, seen = canonicalize_name(package), [], set()
    try:
        for path in requirement_paths(root):
            found += read_requirements_file(root, path, seen)
        found += read_setup_py(root) + read_setup_cfg(root) + read_pipfile(root)
    except Exception:  # a reader's bug must not stop the batch: nothing is removed
        return {}
    declared = {}
    for dependency in found:
        if dependency.key == key:
            declared.setdefault(dependency.source, set()).add(dependency.line)
    return declared


def _remove_from(root, package, path, lines):
    """Remove the package's entries (on `lines`, last first) from one file: a Removal either way."""
    try:
        data = safe_files.read_bytes(root, path)
        new_data = _without_entries(root, path, data, package, lines)
        safe_files.write_bytes(root, path, new_data, expected=data)
    except safe_files.UnsafePath as err:
        return Removal(package, path, "%s stays in %s: %s %s" % (package, path, path, err.reason))
    except (ValueError, source.SourceError) as err:
        return Removal(package, path, "%s stays in %s: %s" % (package, path, err))
    except OSError as err:
        return Removal(package, path, "%s stays in %s: cannot be written: %s" % (
            package, path, err.strerror or err))
    except Exception as err:  # a bug here must not undo the batch's code change
        return Removal(package, path, "%s stays in %s: %s: %s" % (package, path, type(err).__name__, err))
    return Removal(package, path)


def _without_entries(root, path, data, package, lines):
    """The file's new bytes; raises ValueError saying why an entry cannot be removed byte for byte."""
    if path == "setup.py":
        src = source.decode(data)
        text = src.text
        for line in lines:
            text = _from_setup_py(text, line, package)
        return src.encode(text)
    text, codec = safe_files.decode_text(data)
    for line in lines:
        if path == "setup.cfg":
            text = _from_setup_cfg(text, line, package)
        elif path == "Pipfile":
            text = _from_pipfile(root, text, line, package)
        else:
            text = _from_requirements(text, line, package)
    return text.encode(codec)


def _names(requirement, package):
    try:
        return canonicalize_name(Requirement(requirement).name) == canonicalize_name(package)
    except InvalidRequirement:
        return False


# requirements files

def _from_requirements(text, line, package):
    if "pip-compile" in text or re.search(r"^\s*#\s+via\b", text, re.MULTILINE):
        raise ValueError("the file is generated by pip-compile: regenerate it without %s" % package)
    lines = text.splitlines(keepends=True)
    entry = lines[line - 1]
    previous = lines[line - 2] if line > 1 else ""
    if entry.rstrip("\r\n").endswith("\\") or previous.rstrip("\r\n").endswith("\\"):
        raise ValueError("line %d is continued with a backslash: remove %s by hand" % (line, package))
    if "--hash" in entry:
        raise ValueError("line %d pins %s with a hash, which pip's hash-checking mode needs for every "
                         "dependency installed: regenerate the file" % (line, package))
    if not _names(entry.split(" #")[0].split(";")[0].strip().split(" ")[0], package):
        raise ValueError("%s is not on line %d" % (package, line))
    return "".join(lines[:line - 1] + lines[line:])


# setup.py

def _from_setup_py(text, line, package):
    tree = ast.parse(text)
    for section, node in setup_py.requirement_lists(tree):
        for index, item in enumerate(node.elts):
            if item.lineno == line and isinstance(item, ast.Constant) and isinstance(item.value, str) \
                    and _names(item.value, package):
                new_text = _without_element(text, node, index)
                _check_setup_py(tree, new_text, node, index)
                return new_text
    raise ValueError("%s on line %d is not an element of a literal list" % (package, line))


def _without_element(text, node, index):
    lines = setup_py.python_lines(text)
    offsets = [0]
    for each in lines:
        offsets.append(offsets[-1] + len(each))

    def at(lineno, col):
        return offsets[lineno - 1] + len(lines[lineno - 1].encode("utf-8")[:col].decode("utf-8", "ignore"))

    item = node.elts[index]
    item_start, item_end = at(item.lineno, item.col_offset), at(item.end_lineno, item.end_col_offset)
    line_start = offsets[item.lineno - 1]
    rest = re.match(r"[ \t]*,?[ \t]*(?:#[^\n]*)?\n", text[item_end:])
    inside = node.lineno < item.lineno <= item.end_lineno < node.end_lineno  # not on a bracket's line
    if inside and not text[line_start:item_start].strip() and rest:
        return text[:line_start] + text[item_end + rest.end():]  # alone on its line(s): the line goes
    start, end = item_start, item_end
    if index > 0:
        start = at(node.elts[index - 1].end_lineno, node.elts[index - 1].end_col_offset)  # `, 'six'` goes
    elif len(node.elts) > 1:
        end = at(node.elts[1].lineno, node.elts[1].col_offset)  # `'six', ` goes
    else:
        end = at(node.end_lineno, node.end_col_offset) - 1  # `'six',` goes: `[]`
    if "#" in text[start:item_start] + text[item_end:end]:
        raise ValueError("a comment sits next to the entry on line %d: remove it by hand" % item.lineno)
    return text[:start] + text[end:]


def _check_setup_py(tree, new_text, node, index):
    """The new file must parse to the old tree without that one element, nothing else changed."""
    try:
        new_tree = ast.parse(new_text)
    except SyntaxError:
        raise ValueError("removing the entry on line %d would break setup.py" % node.elts[index].lineno) from None
    del node.elts[index]
    if ast.dump(new_tree) != ast.dump(tree):
        raise ValueError("removing the entry on line %d would change more of setup.py" % node.lineno)


# setup.cfg

def _from_setup_cfg(text, line, package):
    before = setup_cfg.find(text)
    entry = next((e for e in before if e.line == line and _names(e.value, package)), None)
    if entry is None:
        raise ValueError("%s is not on line %d" % (package, line))
    lines = text.splitlines(keepends=True)
    raw = lines[line - 1]
    line_start = sum(len(each) for each in lines[:line - 1])
    tail = raw[entry.end - line_start:]
    if tail.strip():
        raise ValueError("line %d has more than the entry: remove %s by hand" % (line, package))
    if raw[:1] in " \t":
        new_text = "".join(lines[:line - 1] + lines[line:])  # a continuation line: it goes
    else:
        key = raw[:entry.start - line_start].rstrip(" \t")  # `install_requires = six`: the key stays
        new_text = text[:line_start] + key + tail + text[line_start + len(raw):]
    after = [(e.section, e.value) for e in setup_cfg.find(new_text)]
    if after != [(e.section, e.value) for e in before if e is not entry]:
        raise ValueError("removing line %d would change other entries of setup.cfg" % line)
    return new_text


# Pipfile

def _from_pipfile(root, text, line, package):
    if safe_files.problem(root, "Pipfile.lock") != safe_files.MISSING:
        raise ValueError("Pipfile.lock would no longer match: run `pipenv uninstall %s`" % package)
    before = pipfile.find(text)
    entry = next((e for e in before if e.line == line and canonicalize_name(e.name) == canonicalize_name(package)),
                 None)
    lines = text.splitlines(keepends=True)
    key = re.match(r"\s*[\"']?([A-Za-z0-9_.-]+)[\"']?\s*=", lines[line - 1]) if entry and line else None
    if key is None or canonicalize_name(key.group(1)) != canonicalize_name(package):
        raise ValueError("%s is not a one-line entry on line %d" % (package, line))
    new_text = "".join(lines[:line - 1] + lines[line:])
    if not _reads_the_same_without(new_text, before, entry):
        raise ValueError("removing line %d would change other entries of the Pipfile" % line)
    return new_text


def _reads_the_same_without(new_text, before, removed):
    """The Pipfile reads as before without the removed entry (lines and offsets move)."""
    try:
        after = pipfile.find(new_text)
    except tomllib.TOMLDecodeError:
        return False

    def key(entry):
        return entry.section, canonicalize_name(entry.name), entry.specifier, entry.marker

    return sorted(map(key, after)) == sorted(key(e) for e in before if e is not removed)
