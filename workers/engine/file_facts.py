"""What the module contexts read from one file's text, kept in the scan cache by the file's digest.

A module's context depends on other files of the checkout (what its siblings import, which
modules anywhere define has_key() or are star-imported), so editing one file can change the
contexts of others, and every plan builds them all again. The line scans behind them depend on
one file's bytes only: the FileFacts below. A re-plan takes the facts of unchanged files from the
cache and line-scans only the edited ones; workers/engine/context.py combines them, which is cheap.
"""
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from workers.files import safe_files
from workers.rewriting import text_lines

# Below this much text the line scans take less time than starting a pool (a warm re-plan's few files).
SERIAL_FACTS_CHARACTERS = 2 * 1024 * 1024
FACTS_KEY = "facts:"  # scan cache keys: FACTS_KEY + content digest, EXPORTS_KEY + content digest
EXPORTS_KEY = "exports:"

IMPORT = re.compile(r"import\s+(.+)$", re.S)
FROM = re.compile(r"from\s+(\.*)\s*([\w.]*)\s+import\s+(.+)$", re.S)
DEL = re.compile(r"del\s+(.+)$", re.S)
_DEF = re.compile(r"(?:async\s+)?def\s")
_ASSIGN = re.compile(r"((?:\w+\s*,\s*)*\w+)\s*,?\s*=(?!=)")
_DEFINES = re.compile(r"(?:def|class)\s+(\w+)")
_TOP_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(\w+)|import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*))", re.M)
_NESTED_STAR_IMPORT = re.compile(r"^[ \t]+from[ \t]+(\.?\w+)[ \t]+import[ \t]*\*", re.M)
_STAR_IMPORT = re.compile(r"^[ \t]*from[ \t]+\.*([\w.]+)[ \t]+import[ \t]*\*", re.M)
_HAS_KEY_METHOD = re.compile(r"^[ \t]+def[ \t]+has_key[ \t]*\(", re.M)
# Python 2 protocol names other modules may call as attributes (`it.next`, `obj.__nonzero__()`):
# the python3-only stage keeps a class's alias of them while any module does (py3bridge_shims).
_PROTOCOL_ATTRIBUTE = re.compile(r"\.\s*(next|__nonzero__|__r?div__|__idiv__)\b")
_ANY_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+\.*([\w.]*)[ \t]+import[ \t]+([^\n#]*)|import[ \t]+([^\n#]*))", re.M)

# Module-level events of a file, in order: ["import", statement] for `import …` / `from … import …`
# (what it names depends on the package, so the statement is kept), ["bind", names] for what a
# def, class or assignment binds, ["del", names] for what `del` unbinds (names sorted).
IMPORT_EVENT, BIND_EVENT, DEL_EVENT = "import", "bind", "del"


@dataclass(frozen=True)
class FileFacts:
    """Held as the cache stores them (lists, names sorted): a warm plan reads 1,875 of them for
    Django, and converting each into tuples and sets cost more than the contexts' use of them."""
    events: list = field(default_factory=list)  # [[kind, statement or names], ...], see above
    top_imports: list = field(default_factory=list)  # first names of the modules imported anywhere
    star_imports: list = field(default_factory=list)  # dotted names of its `from X import *` modules
    nested_star_imports: list = field(default_factory=list)  # names (no dots) star-imported in a def or class
    defines_has_key: bool = False  # a method has_key() is defined in it
    import_words: list = field(default_factory=list)  # every word of its import statements
    protocol_attributes: list = field(default_factory=list)  # `.next`, `.__nonzero__`, ... it uses

    def imports(self):
        """The module-level import statements, in order."""
        return [value for kind, value in self.events if kind == IMPORT_EVENT]

    def to_cache(self):
        return [self.events, self.top_imports, self.star_imports, self.nested_star_imports, self.defines_has_key,
                self.import_words, self.protocol_attributes]

    @classmethod
    def from_cache(cls, data):
        return cls(*data)


def facts_of(text):
    """The FileFacts of a file's text (decoded as latin-1: only ASCII matters to the scans)."""
    return FileFacts(
        _events(text),
        sorted({name for match in _TOP_IMPORT.finditer(text) for name in _top_names(match)}),
        sorted(set(_STAR_IMPORT.findall(text))) if "*" in text else [],
        sorted({match.lstrip(".") for match in _NESTED_STAR_IMPORT.findall(text)}),
        "has_key" in text and bool(_HAS_KEY_METHOD.search(text)),
        _import_words(text),
        sorted(set(_PROTOCOL_ATTRIBUTE.findall(text))),
    )


def _top_names(match):
    if match.group(1):
        return [match.group(1)]
    return [part.strip().split(".")[0] for part in match.group(2).split(",")]


def _import_words(text):
    if "import" not in text:
        return []
    return sorted(set(re.findall(r"\w+", " ".join(" ".join(groups) for groups in _ANY_IMPORT.findall(text)))))


def _events(text):
    events = []
    for _, statement in logical_lines(text):
        event = _event(statement)
        if not event:
            continue
        if events and event[0] != IMPORT_EVENT and events[-1][0] == event[0]:
            events[-1][1] = sorted(set(events[-1][1]) | set(event[1]))  # consecutive bindings: one event
        else:
            events.append(event)
    return events


def _event(statement):
    match = DEL.match(statement)
    if match:
        return [DEL_EVENT, sorted(set(names(match.group(1))))]
    if FROM.match(statement) or IMPORT.match(statement):
        return [IMPORT_EVENT, statement]
    match = _DEFINES.match(statement) or _ASSIGN.match(statement)
    return [BIND_EVENT, sorted(set(names(match.group(1))))] if match else None


def names(text):
    return [part.split()[0] for part in text.replace("(", " ").replace(")", " ").split(",") if part.split()]


@functools.lru_cache(maxsize=64)  # the same statement is read again for each package it may be in
def logical_lines(text):
    """(indent, statement) for each logical line outside functions' bodies and triple-quoted
    strings; continuation lines (backslash, open brackets) are joined. Rough on purpose: an import
    wrongly seen at module level only makes the fixer more careful."""
    lines = text_lines.lines(text)
    out, def_indent, quote = [], None, None
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if quote:
            if quote in line and line.count(quote) % 2 == 1:
                quote = None
            continue
        stripped = line.strip()
        if not stripped or stripped[0] == "#":
            continue
        indent = len(line) - len(line.lstrip())
        for mark in ('"""', "'''"):
            if mark in line and line.count(mark) % 2 == 1:
                quote = mark
        stripped, index = _joined_continuation(stripped, lines, index)
        if def_indent is not None:
            if indent > def_indent:
                continue
            def_indent = None
        if _DEF.match(stripped):
            def_indent = indent
        for statement in stripped.split(";"):
            out.append((indent, statement.strip()))
    return out


def _joined_continuation(stripped, lines, index):
    """(the logical line starting with `stripped`, its continuation lines joined while it ends with
    a backslash or has more "(" than ")", and the index of the line after it). The parentheses are
    counted line by line: a "(" in a string never closed joins every line to the end of the file,
    and counting the whole joined text again at each line was most of a plan's scan of mechanize."""
    pieces, opened = [stripped], stripped.count("(") - stripped.count(")")
    while (pieces[-1].endswith("\\") or opened > 0) and index < len(lines):
        piece = lines[index].split("#")[0].strip()
        pieces[-1] = pieces[-1].rstrip("\\")
        pieces.append(piece)
        opened += piece.count("(") - piece.count(")")
        index += 1
    return " ".join(pieces), index


class FactsReader:
    """The FileFacts (and star exports) of the files the contexts look at, each read once.

    `digests` ({os.path.join(root, path): content digest}) are the plan's files, whose bytes
    `read(that path)` gives; `known` ({key: cached value as JSON text}) what the scan cache holds
    for their digests, decoded only for the files the contexts ask about. Facts computed here are in
    `new` ({key: value}) for the caller to store. Other files are read from disk ("" for a symlink
    or a non-file), not cached, and their facts kept in `read_from_disk` ({path: value as cached}).
    """

    def __init__(self, digests=None, read=None, known=None, cache=None):
        self.digests = digests or {}
        self.read = read
        self.known = known or {}
        self.cache = cache  # asked for star exports, which only a few files need
        self.new = {}
        self.read_from_disk = {}
        self._facts = {}
        self._exports = {}  # {EXPORTS_KEY + digest: names or None} taken from the cache

    def compute_missing(self, map_files):
        """Compute the facts of the held files the cache lacks, through `map_files` (the engine's
        pool: a cold plan of Django line-scans 1,875 files before its scans can start)."""
        missing = [path for path, digest in self.digests.items() if FACTS_KEY + digest not in self.known]
        texts = [self.read(path).decode("latin-1") for path in missing]
        serial = sum(len(text) for text in texts) < SERIAL_FACTS_CHARACTERS
        for path, facts in zip(missing, map_files(facts_of, texts, serial=serial)):
            self._facts[path] = self._new_facts(path, facts)

    def _new_facts(self, path, facts):
        """`facts`, computed here for a held file: kept for the caller to store in the cache."""
        self.new[FACTS_KEY + self.digests[path]] = facts.to_cache()
        return facts

    def facts(self, path):
        """The FileFacts of the file at path (a str, as os.path.join(root, relative path) gives)."""
        if path not in self._facts:
            self._facts[path] = self._facts_now(path)
        return self._facts[path]

    def _facts_now(self, path):
        if path not in self.digests:
            facts = facts_of(read_text(path))
            self.read_from_disk[path] = facts.to_cache()
            return facts
        cache_key = FACTS_KEY + self.digests[path]
        if cache_key in self.known:
            return FileFacts.from_cache(json.loads(self.known[cache_key]))
        return self._new_facts(path, facts_of(self.read(path).decode("latin-1")))

    def cached_text(self, path):
        """The JSON text the scan cache holds, or will hold, for the facts of a file in `digests`."""
        cache_key = FACTS_KEY + self.digests[path]
        if cache_key not in self.known and cache_key not in self.new:
            self.facts(path)
        return self.known.get(cache_key) or json.dumps(self.new[cache_key])

    def exports(self, path):
        """What `from <the module at path> import *` binds (a sorted tuple), or None when unsure."""
        from workers.rewriting.module_exports import exported_names

        if path not in self.digests:
            return exported_names(read_text(path))
        cache_key = EXPORTS_KEY + self.digests[path]
        if cache_key not in self._exports and cache_key not in self.new:
            stored = self.cache.get_many([cache_key]) if self.cache else {}
            if cache_key in stored:
                self._exports[cache_key] = stored[cache_key]
            else:
                self.new[cache_key] = exported_names(self.read(path).decode("latin-1"))
        names_found = self._exports.get(cache_key, self.new.get(cache_key))
        return tuple(names_found) if names_found is not None else None


def read_text(path):
    """A file's text for the line scans; "" for a symlink (never followed) or a non-file."""
    path = Path(path)
    try:
        if path.is_symlink() or not path.is_file():
            return ""
        return safe_files.read_bytes(path.parent, path.name).decode("latin-1")
    except OSError:
        return ""
