"""A Pipfile's [packages] and [dev-packages], read with a TOML parser, with the line and the text
span of each version string, so an upgrade edits exactly the bytes of that one string.

Entries: `name = "==1.2"`, `name = {version = "==1.2", markers = "python_version < '3'"}` (pipenv's
marker keys such as `python_version = "< '3'"` too) and `[packages.name]` tables. An entry whose
version string is not written out plainly on one line (escapes, multi-line strings) is still read,
but is not editable.
"""
import re
import tomllib
from dataclasses import dataclass

from packaging.utils import canonicalize_name

SECTIONS = ("packages", "dev-packages")
MARKER_KEYS = ("python_version", "python_full_version", "sys_platform", "platform_system", "os_name",
               "platform_machine", "implementation_name", "platform_python_implementation")
_HEADER = re.compile(r"\s*\[\s*([A-Za-z0-9_-]+)\s*(?:\.\s*(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_.-]+?)\s*)?\]\s*(#.*)?$")
_KEY = re.compile(r"\s*(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_-]+)\s*=\s*")
_STRING = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"|'([^'\n]*)'")
_VERSION_IN_TABLE = re.compile(r"(?<![\w-])version\s*=\s*")


@dataclass(frozen=True)
class Entry:
    name: str
    specifier: str  # as written, "" for "*"
    marker: str
    section: str  # "packages" or "dev-packages"
    line: int  # the version string's line, 0 when none was found
    start: int = None  # character offsets of the version string's contents; None: not editable
    end: int = None


def find(text):
    """Every entry of [packages] and [dev-packages]. Raises tomllib.TOMLDecodeError."""
    data = tomllib.loads(text)
    spans = _version_spans(text)
    entries = []
    for section in SECTIONS:
        table = data.get(section)
        for name, spec in table.items() if isinstance(table, dict) else ():
            version = spec if isinstance(spec, str) else spec.get("version", "*") if isinstance(spec, dict) else "*"
            version = version if isinstance(version, str) else "*"
            line, start, end, written = spans.get((section, canonicalize_name(name)), (0, None, None, None))
            if written != version:
                start = end = None  # the text we found is not what TOML reads: never edit it
            entries.append(Entry(name, "" if version.strip() == "*" else version.strip(), _marker(spec), section,
                                 line, start, end))
    return entries


def _marker(spec):
    if not isinstance(spec, dict):
        return ""
    parts = [spec["markers"]] if isinstance(spec.get("markers"), str) else []
    parts += ["%s %s" % (key, spec[key]) for key in MARKER_KEYS if isinstance(spec.get(key), str)]
    return parts[0] if len(parts) == 1 else " and ".join("(%s)" % part for part in parts)


def _version_spans(text):
    """(section, canonical name) -> (line, start, end, the string's contents) of each version string."""
    spans, table, offset = {}, None, 0
    for number, raw in enumerate(text.splitlines(keepends=True), 1):
        header = _HEADER.match(raw)
        if header:
            name = header.group(2)
            table = (header.group(1), name.strip("\"'") if name else None) if header.group(1) in SECTIONS else None
        elif table:
            key = _KEY.match(raw)
            if key:
                found = _value_span(raw, key.end(), table[1] is None)
                owner = key.group(1).strip("\"'") if table[1] is None else table[1]
                if found and (table[1] is None or key.group(1) == "version"):
                    start, end = found
                    spans[(table[0], canonicalize_name(owner))] = (number, offset + start, offset + end, raw[start:end])
        offset += len(raw)
    return spans


def _value_span(line, position, package_key):
    """(start, end) of the version string's contents after `key = ` on this line, or None."""
    if package_key and line[position:].startswith("{"):
        inner = _VERSION_IN_TABLE.search(line, position)
        if not inner:
            return None
        position = inner.end()
    string = _STRING.match(line, position)
    if not string:
        return None
    group = 1 if string.group(1) is not None else 2
    return string.start(group), string.end(group)
