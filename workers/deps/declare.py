"""Declaring a runtime dependency that rewritten code now imports (six), where the project declares
its dependencies, so a pull request works on its own.

Where, in order: setup.py's `install_requires` when it is a literal list (or a name bound to
one), else the top-level requirements.txt, else setup.cfg's `[options] install_requires`. A
project that declares dependencies nowhere, or only where we cannot edit safely (a setup.py
that only Python 2 can parse, a computed list), gets nothing written and is told so.
Only the inserted text changes; every other byte of the file stays.
"""
import ast
import re
from pathlib import Path

from packaging.utils import canonicalize_name

from workers.deps.requirements import install_requires_node, read_dependencies

SPECIFIERS = {"six": "six>=1.16.0"}  # 1.16: the first with every six.moves name we emit


def is_declared(root, package):
    root = Path(root)
    key = canonicalize_name(package)
    if any(canonicalize_name(d.name) == key for d in read_dependencies(root)):
        return True
    return (root / ("%s.py" % package)).is_file()  # vendored at the top of the checkout


def declare(root, package):
    """Add the package to the project's declared dependencies. Returns the path written, or ""."""
    root = Path(root)
    return "" if is_declared(root, package) else write_declaration(root, package)


def write_declaration(root, package):
    """Declare a package known not to be declared yet; the path written, or "" when there is nowhere."""
    root = Path(root)
    spec = SPECIFIERS.get(package, package)
    for writer in (_into_setup_py, _into_requirements_txt, _into_setup_cfg):
        written = writer(root, spec)
        if written:
            return written
    return ""


def _into_setup_py(root, spec):
    path = root / "setup.py"
    if not path.is_file():
        return ""
    text = path.read_text()
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return ""
    target = install_requires_node(tree)
    if not isinstance(target, ast.List):
        return ""
    path.write_text(_insert_into_list(text, target, spec))
    return "setup.py"


def _offset(lines, lineno, col):
    return sum(len(line) for line in lines[: lineno - 1]) + _char_col(lines[lineno - 1], col)


def _char_col(line, byte_col):
    """ast gives UTF-8 byte columns; string slicing needs characters."""
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", "ignore"))


def _insert_into_list(text, node, spec):
    lines = text.splitlines(keepends=True)
    close = _offset(lines, node.end_lineno, node.end_col_offset) - 1  # the "]"
    if not node.elts:
        return text[:close] + repr(spec) + text[close:]
    last = node.elts[-1]
    quote = "'" if text[_offset(lines, last.lineno, last.col_offset)] == "'" else '"'
    literal = quote + spec + quote
    last_end = _offset(lines, last.end_lineno, last.end_col_offset)
    between = text[last_end:close]
    if last.lineno == node.lineno and "\n" not in between:
        return text[:last_end] + ", " + literal + text[last_end:]  # one line: ['x'] -> ['x', 'six>=1.16.0']
    indent = re.match(r"[ \t]*", lines[last.lineno - 1]).group(0)
    line_end = text.index("\n", last_end)  # after the last element and any comment on its line
    if between.lstrip().startswith(","):
        return text[:line_end] + "\n" + indent + literal + "," + text[line_end:]
    return text[:last_end] + "," + text[last_end:line_end] + "\n" + indent + literal + text[line_end:]


def _into_requirements_txt(root, spec):
    path = root / "requirements.txt"
    if not path.is_file():
        return ""
    data = path.read_bytes()
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    if data and not data.endswith((b"\n", b"\r")):
        data += newline
    path.write_bytes(data + spec.encode("ascii") + newline)
    return "requirements.txt"


def _into_setup_cfg(root, spec):
    path = root / "setup.cfg"
    if not path.is_file():
        return ""
    text = path.read_text()
    match = re.search(r"^\[options\][^\[]*?^install_requires\s*=[^\n]*\n((?:[ \t]+\S[^\n]*\n)*)", text,
                      re.MULTILINE | re.DOTALL)
    if match is None:
        return ""
    continuation = match.group(1)
    indent = re.match(r"[ \t]+", continuation).group(0) if continuation else "    "
    position = match.end()
    path.write_text(text[:position] + indent + spec + "\n" + text[position:])
    return "setup.cfg"
