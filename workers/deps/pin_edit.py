"""Changing one pinned version in one dependency file, byte for byte: a requirements file's line,
setup.py's string literal, setup.cfg's entry or a Pipfile's version string.

The file is parsed the way its reader parses it (setup.py's syntax tree, never run; setup.cfg's
value lines; the Pipfile's TOML) to find the requirement on the recorded line, and only the version
inside that requirement's own text changes. Everything else stays: comments, quotes, CRLF line
endings, a coding cookie's encoding (setup.py is decoded and encoded back as Python reads it),
latin-1 bytes. The result is checked to differ from the original on that one line only. Raises
ValueError when the pin is no longer where it was, or cannot be edited that way.
"""
import ast
import re
import tomllib

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from workers.deps import pipfile, setup_cfg, setup_py
from workers.deps.requirements import rewrite_pin
from workers.files import safe_files, source

_PIN = re.compile(r"(===?\s*)([^\s,;#\])'\"]+)")


def edit_pin(relative, data, line, name, old_version, new_version):
    """The new bytes of the file at `relative` with `name`'s pin on `line` set to new_version."""
    if relative == "setup.py":
        return _in_setup_py(data, line, name, old_version, new_version)
    text, codec = safe_files.decode_text(data)
    if relative == "setup.cfg":
        new_text = _in_entries(text, setup_cfg.find(text), line, name, old_version, new_version)
    elif relative == "Pipfile":
        new_text = _in_pipfile(text, line, name, old_version, new_version)
    else:
        new_text = rewrite_pin(text, line, name, new_version)
    _check_one_line(text, new_text, line)
    return new_text.encode(codec)


def _in_setup_py(data, line, name, old_version, new_version):
    try:
        src = source.decode(data)
        tree = ast.parse(src.text)
    except source.SourceError as err:
        raise ValueError("setup.py cannot be edited byte for byte: %s" % err) from None
    except (SyntaxError, RecursionError, MemoryError):
        raise ValueError("setup.py does not parse on Python 3: it is never edited") from None
    literals, _ = setup_py.find(tree, src.text)
    new_text = _in_entries(src.text, literals, line, name, old_version, new_version)
    _check_one_line(src.text, new_text, line)
    return src.encode(new_text)


def _in_entries(text, entries, line, name, old_version, new_version):
    """Rewrite the requirement (setup.py literal, setup.cfg entry) of `name` on `line`."""
    for entry in entries:
        if entry.line == line and _names(entry.value, name):
            if entry.start is None:
                raise ValueError("%s on line %d is not a plain string literal: edit it by hand" % (name, line))
            new = rewrite_requirement(text[entry.start:entry.end], name, old_version, new_version)
            return text[:entry.start] + new + text[entry.end:]
    raise ValueError("%s is not on line %d" % (name, line))


def _in_pipfile(text, line, name, old_version, new_version):
    for entry in pipfile.find(text):
        if entry.line == line and canonicalize_name(entry.name) == canonicalize_name(name):
            if entry.start is None:
                raise ValueError("%s's version on line %d is not a plain string: edit it by hand" % (name, line))
            new_text = text[:entry.start] + rewrite_specifier(text[entry.start:entry.end], old_version, new_version) \
                + text[entry.end:]
            _check_pipfile(new_text, entry, new_version)
            return new_text
    raise ValueError("%s is not on line %d" % (name, line))


def _check_pipfile(new_text, entry, new_version):
    """TOML must read the edited file with that one version changed and nothing else."""
    try:
        after = {(e.section, e.name): e for e in pipfile.find(new_text)}
    except tomllib.TOMLDecodeError as err:
        raise ValueError("the edited Pipfile does not parse: %s" % err) from None
    changed = after.get((entry.section, entry.name))
    if changed is None or _PIN.search(changed.specifier).group(2) != new_version:
        raise ValueError("the edited Pipfile does not pin %s to %s" % (entry.name, new_version))


def _names(requirement_text, name):
    try:
        return canonicalize_name(Requirement(requirement_text).name) == canonicalize_name(name)
    except InvalidRequirement:
        return False


def rewrite_requirement(text, name, old_version, new_version):
    """'name[extra]==old; marker' -> 'name[extra]==new; marker': only the version's characters change."""
    head = re.match(r"\s*" + re.escape(name) + r"\s*(\[[^\]]*\])?", text, re.IGNORECASE)
    if head is None:
        raise ValueError("%r does not start with %s" % (text, name))
    return text[:head.end()] + rewrite_specifier(text[head.end():], old_version, new_version)


def rewrite_specifier(text, old_version, new_version):
    """'==old' (and what follows: a marker is never touched) -> '==new'. `old_version` "" takes any."""
    specifier, separator, marker = text.partition(";")
    pin = _PIN.search(specifier)
    if pin is None:
        raise ValueError("%r does not pin a version with ==" % text)
    if old_version and pin.group(2) != old_version:
        raise ValueError("the pin is %s now, not %s" % (pin.group(2), old_version))
    return specifier[:pin.start(2)] + new_version + specifier[pin.end(2):] + separator + marker


def _check_one_line(before, after, line):
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    changed = [number for number, (a, b) in enumerate(zip(old, new), 1) if a != b]
    if len(old) != len(new) or changed != [line]:
        raise ValueError("the edit would change more than line %d" % line)
