"""Declaring a runtime dependency that rewritten code now imports (six), where the project declares
its dependencies, so a pull request works on its own.

A package needed on one side only (a backport such as sgmllib3k on 3, futures on 2: markers.py)
is written with its `python_version` marker.

Where, in order: setup.py's `install_requires` when it is a literal list (or a name bound to
one), else the top-level requirements.txt, else setup.cfg's `[options] install_requires`. A
project that declares dependencies nowhere, or only where we cannot edit safely (a setup.py
that only Python 2 can parse, a computed list), gets nothing written and is told so.
Only the inserted text changes; every other byte of the file stays: CRLF line endings stay CRLF,
setup.py is decoded and re-encoded with its own coding cookie (or BOM), and the write is atomic
(temporary file in the same folder, fsync, rename, mode kept). A dependency file that is a
symlink is never read or written: the package is then not declared, and the reason says why.
Nothing here raises for a file's contents: the code change is already on disk when this runs.
"""
import ast
import re
from dataclasses import dataclass
from pathlib import Path

from packaging.utils import canonicalize_name

from workers.deps.markers import declared_marker
from workers.deps.requirements import install_requires_node, read_dependencies
from workers.deps.setup_py import python_lines
from workers.files import safe_files, source

SPECIFIERS = {"six": "six>=1.16.0"}  # 1.16: the first with every six.moves name we emit


@dataclass(frozen=True)
class Declaration:
    path: str = ""  # the file written, "" when nothing was
    problem: str = ""  # why nothing was written, when a file was there but could not be edited
    already: bool = False  # declared (or vendored) already: nothing to do


RUNTIME_SECTIONS = ("", "install_requires", "packages")  # tests_require, extras, dev-packages: not at run time


def is_declared(root, package):
    root = Path(root)
    key = canonicalize_name(package)
    if any(d.key == key and d.section in RUNTIME_SECTIONS for d in read_dependencies(root)):
        return True
    return safe_files.is_safe_file(root, "%s.py" % package)  # vendored at the top of the checkout


def declare(root, package):
    """Add the package to the project's declared dependencies. Returns the path written, or ""."""
    return declare_package(root, package).path


def declare_package(root, package):
    """declare(), with the reason when nothing could be written. Never raises."""
    try:
        if is_declared(root, package):
            return Declaration(already=True)
    except Exception as err:  # a reader's bug must not undo the batch: say so instead
        return Declaration(problem="not declared: cannot read the declared dependencies: %s: %s" % (
            type(err).__name__, err))
    return write_declaration_report(root, package)


def write_declaration(root, package):
    """Declare a package known not to be declared yet; the path written, or "" when there is nowhere."""
    return write_declaration_report(root, package).path


def write_declaration_report(root, package):
    """Declaration(path written) or Declaration(problem="not declared: <why>"); never raises."""
    root = Path(root)
    spec = SPECIFIERS.get(package, package)
    if declared_marker(package):
        spec = "%s; %s" % (spec, declared_marker(package))
    problems = []
    for name, writer in (("setup.py", _into_setup_py), ("requirements.txt", _into_requirements_txt),
                         ("setup.cfg", _into_setup_cfg)):
        reason = safe_files.problem(root, name)
        if reason == safe_files.MISSING:
            continue
        if reason:
            problems.append("%s %s" % (name, reason))
            continue
        try:
            data = safe_files.read_bytes(root, name)
            new_data = writer(data, spec)
            if new_data is None:
                continue
            safe_files.write_bytes(root, name, new_data, expected=data)
        except safe_files.UnsafePath as err:
            problems.append("%s %s" % (name, err.reason))
            continue
        except source.SourceError as err:
            problems.append("%s cannot be edited byte for byte: %s" % (name, err))
            continue
        except OSError as err:
            problems.append("%s cannot be written: %s" % (name, err.strerror or err))
            continue
        except Exception as err:  # a bug here must not undo the batch's code change
            problems.append("%s cannot be edited: %s: %s" % (name, type(err).__name__, err))
            continue
        return Declaration(name)
    return Declaration(problem="not declared: " + "; ".join(problems)) if problems else Declaration()


def _into_setup_py(data, spec):
    """The new bytes of setup.py, or None when install_requires is not a literal list we can edit.

    Decoded as Python decodes it (BOM, coding cookie, else UTF-8) and encoded back the same way,
    line endings included; raises source.SourceError when that round trip is not exact."""
    src = source.decode(data)
    try:
        tree = ast.parse(src.text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None  # only Python 2 parses it: nothing we can edit safely
    target = install_requires_node(tree)
    if not isinstance(target, ast.List):
        return None
    return src.encode(_insert_into_list(src.text, target, spec))


def _offset(lines, lineno, col):
    return sum(len(line) for line in lines[: lineno - 1]) + _char_col(lines[lineno - 1], col)


def _char_col(line, byte_col):
    """ast gives UTF-8 byte columns; string slicing needs characters."""
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", "ignore"))


def _insert_into_list(text, node, spec):
    lines = python_lines(text)
    close = _offset(lines, node.end_lineno, node.end_col_offset) - 1  # the "]"
    if not node.elts:
        return text[:close] + repr(spec) + text[close:]
    last = node.elts[-1]
    quote = "'" if text[_offset(lines, last.lineno, last.col_offset)] == "'" else '"'
    literal = quote + spec.replace(quote, "'" if quote == '"' else '"') + quote  # a marker's quotes
    last_end = _offset(lines, last.end_lineno, last.end_col_offset)
    between = text[last_end:close]
    if last.lineno == node.lineno and "\n" not in between:
        return text[:last_end] + ", " + literal + text[last_end:]  # one line: ['x'] -> ['x', 'six>=1.16.0']
    indent = re.match(r"[ \t]*", lines[last.lineno - 1]).group(0)
    line_end = text.index("\n", last_end)  # after the last element and any comment on its line
    if between.lstrip().startswith(","):
        return text[:line_end] + "\n" + indent + literal + "," + text[line_end:]
    return text[:last_end] + "," + text[last_end:line_end] + "\n" + indent + literal + text[line_end:]


def _into_requirements_txt(data, spec):
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    if data and not data.endswith((b"\n", b"\r")):
        data += newline
    return data + spec.encode("ascii") + newline


def _into_setup_cfg(data, spec):
    text, codec = safe_files.decode_text(data)
    match = re.search(r"^\[options\][^\[]*?^install_requires\s*=[^\n]*\n((?:[ \t]+\S[^\n]*\n)*)", text,
                      re.MULTILINE | re.DOTALL)
    if match is None:
        return None
    newline = "\r\n" if match.group(0).endswith("\r\n") else "\n"
    continuation = match.group(1)
    indent = re.match(r"[ \t]+", continuation).group(0) if continuation else "    "
    position = match.end()
    return (text[:position] + indent + spec + newline + text[position:]).encode(codec)
