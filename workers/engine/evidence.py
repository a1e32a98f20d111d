"""Bytes-or-text evidence: what the 2.7 tests saw at the sites a fixer cannot decide from the code.

The evidence file (`python -m bot evidence` writes it, `plan`/`apply --evidence FILE` read it):

    {"pkg/mod.py": {"12": ["bytes", "native"]}, ...}

path relative to the checkout, line of the site, and the kinds of values seen there on 2.7:
"bytes" (a str that is not ASCII: certainly binary data), "text" (unicode), "native" (an ASCII
str, which 2.7 does not tell apart from text). For a StringIO buffer the site is where it is
created, and the values are what it was created with and written.

Added later, keyed the same way: at a call where Python 3 wants bytes, the kinds of what the call
was given, named after the boundary: "struct:text", "hashlib:native", "socket:bytes" … (BOUNDARIES).
Files written before them still load; a reader that does not know a kind drops it.

Added last, at line 1 of each module of a package folder the tests imported: how they imported
it, "module:package" (by its dotted name in the package, as test runners import a package's test
modules) or "module:top_level" (as a top-level module: its folder was on sys.path, or it ran as a
script). The module contexts read it (imported_as); it is not a site's value (for_module drops it).

The recorder's output (one such object a line, one line per process: evidence_recorder.py) comes
from the repository's code and a file named on the command line may come from anywhere: both are
untrusted. Whatever does not fit the format is dropped, sizes are capped, nothing is evaluated.
"""
import json
import re

VALUE_KINDS = ("bytes", "native", "text")
BOUNDARIES = ("struct", "hashlib", "hmac", "zlib", "base64", "socket", "binary_file")
# At a builtin open() for reading in text mode: what the 2.7 tests read was not UTF-8 (binary data).
TEXT_READ_BYTES = "text_read:bytes"
IMPORTED_IN_PACKAGE = "module:package"
IMPORTED_TOP_LEVEL = "module:top_level"
MODULE_KINDS = frozenset((IMPORTED_IN_PACKAGE, IMPORTED_TOP_LEVEL))
KINDS = frozenset(VALUE_KINDS + tuple("%s:%s" % (boundary, kind) for boundary in BOUNDARIES for kind in VALUE_KINDS)
                  + (TEXT_READ_BYTES,)) | MODULE_KINDS
MAX_BYTES = 16 * 1024 ** 2
MAX_SITES = 100000
_LINE = re.compile(r"^[1-9][0-9]{0,6}$")


class EvidenceError(Exception):
    """An evidence file that cannot be read at all (missing, too big, not a JSON object)."""


def _valid_path(path):
    if not isinstance(path, str) or not path.endswith(".py") or len(path) > 1024 or "\0" in path or "\\" in path:
        return False
    return not path.startswith("/") and all(part not in ("", ".", "..") for part in path.split("/"))


def _add(evidence, path, line_key, kinds, budget):
    """Add one site's kinds when they fit the format; returns the sites budget left."""
    if not (isinstance(line_key, str) and _LINE.match(line_key) and isinstance(kinds, list)):
        return budget
    good = frozenset(kind for kind in kinds[:len(KINDS) * 4] if isinstance(kind, str) and kind in KINDS)
    if not good:
        return budget
    lines = evidence.setdefault(path, {})
    line = int(line_key)
    if line not in lines:
        if budget <= 0:
            return budget
        budget -= 1
    lines[line] = lines.get(line, frozenset()) | good
    return budget


def merge_document(evidence, document, budget=MAX_SITES):
    """Add a decoded JSON document's valid sites to `evidence` ({path: {line: frozenset(kinds)}})."""
    if not isinstance(document, dict):
        return budget
    for path, lines in document.items():
        if not _valid_path(path) or not isinstance(lines, dict):
            continue
        for line_key, kinds in lines.items():
            budget = _add(evidence, path, line_key, kinds, budget)
    return budget


def parse_recorder_output(text):
    """The evidence in the recorder's file: one JSON object a line, bad lines skipped."""
    evidence, budget = {}, MAX_SITES
    for line in (text or "")[:MAX_BYTES].splitlines():
        try:
            document = json.loads(line)
        except (ValueError, RecursionError):
            continue
        budget = merge_document(evidence, document, budget)
    return evidence


def loads(text):
    """The evidence in an evidence file's text; EvidenceError when it is not a JSON object."""
    if len(text) > MAX_BYTES:
        raise EvidenceError("evidence file larger than %d bytes" % MAX_BYTES)
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as err:
        raise EvidenceError("evidence file is not JSON: %s" % err) from None
    if not isinstance(document, dict):
        raise EvidenceError("evidence file is not a JSON object")
    evidence = {}
    merge_document(evidence, document)
    return evidence


def load_file(path):
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as err:
        raise EvidenceError("cannot read evidence file %s: %s" % (path, err.strerror or err)) from None
    return loads(data.decode("utf-8", "replace"))


def dumps(evidence):
    return json.dumps({path: {str(line): sorted(kinds) for line, kinds in sorted(lines.items())}
                       for path, lines in sorted(evidence.items())}, indent=1, sort_keys=True) + "\n"


def for_module(evidence, path):
    """The sites of one module as ModuleContext carries them: ((line, (kind, ...)), ...); None without evidence."""
    if evidence is None:
        return None
    sites = ((line, tuple(sorted(kinds - MODULE_KINDS))) for line, kinds in sorted(evidence.get(path, {}).items()))
    return tuple((line, kinds) for line, kinds in sites if kinds)


def imported_as(evidence, paths):
    """How the tests imported the modules at `paths`: a subset of MODULE_KINDS (empty when unknown)."""
    if not evidence:
        return frozenset()
    return frozenset().union(*(evidence.get(path, {}).get(1, frozenset()) & MODULE_KINDS for path in paths))
