"""Scanning one file: parse it once and let every fixer look at that one tree.

Most files of a Python 2 codebase are already valid Python 3 with no Python-2-only syntax in
them. Those are recognised with CPython's own parser (fast) plus a few textual gates, and are
never handed to fissix. The two Python 2 forms that Python 3 grammars accept with a different
meaning (`except E, e:` read as a tuple of types, `print >>f, x` read as a tuple expression)
always go to fissix (`needs_python2_parse`).
"""
import contextlib
import re
import sys
from dataclasses import dataclass, field

from fissix.pgen2 import token

from workers.rewriting import parsing, traversal
from workers.files import source
from workers.rewriting.code_view import SourceView
from workers.rewriting.collector import collector_paused
from workers.rewriting.trigger_index import admitted
from workers.rewriting.fixer import FixerCrashed, is_codemod

# Print statements (and print(...) calls whose meaning differs on 2.7) start a simple statement.
_PRINT = re.compile(r"(?:^|[:;])[ \t]*print\b", re.MULTILINE)
# A doctest example that prints: Python 3 cannot compile `>>> print x` (print_function rewrites it).
_DOCTEST_PRINT = re.compile(r"^[ \t]*(?:>>>|\.\.\.)[ \t].*\bprint\b", re.MULTILINE)
# `raise` first (a word boundary before it as a look back): the regex engine then jumps from one
# "raise" to the next instead of trying every position.
_STRING_RAISE = re.compile(r"raise(?<!\wraise)\s*\(?\s*[uUbBrR]{0,2}['\"]")
_EXCEPT_COMMA = re.compile(r"\bexcept\b[^:\n#]*,")

# fissix's trees are walked recursively (one frame or two per nesting level): Python's default
# limit of 1000 fails on a file with a few hundred nested brackets. This much more still fits
# the C stack of a main thread or a pool worker; deeper files fail alone with TOO_DEEP.
RECURSION_LIMIT = 4000
TOO_DEEP = "nested too deeply to be analysed (RecursionError)"
# Walks are iterative, but a tree is still printed recursively (a frame a level). Python 3 compiles
# no file nested a tenth this deep (200 brackets, 100 blocks), so only files it refuses are measured.
MAX_TREE_DEPTH = RECURSION_LIMIT // 2


@contextlib.contextmanager
def recursion_limit(limit=RECURSION_LIMIT):
    """Raise (never lower) the interpreter's recursion limit while the block runs."""
    before = sys.getrecursionlimit()
    if before < limit:
        sys.setrecursionlimit(limit)
    try:
        yield
    finally:
        if before < limit:
            sys.setrecursionlimit(before)


@dataclass
class FileScan:
    path: str
    digest: str
    parses_on_py3: bool = False
    error: str = ""  # why the file could not be read or parsed; empty when it could
    py3_error: str = ""  # why Python 3 does not compile it (when it does not)
    sites: dict = field(default_factory=dict)  # fixer name -> [Site]

    def to_cache(self):
        return {
            "parses_on_py3": self.parses_on_py3,
            "error": self.error,
            "py3_error": self.py3_error,
            "sites": {name: [[s.line, s.end_line, s.note] for s in sites] for name, sites in self.sites.items()},
        }

    @classmethod
    def from_cache(cls, path, digest, data):
        from workers.rewriting.fixer import Site

        sites = {name: [Site(*s) for s in items] for name, items in data["sites"].items()}
        return cls(path, digest, data["parses_on_py3"], data["error"], data["py3_error"], sites)


def python3_compile_error(text):
    """Why the running Python 3 refuses to compile the text, or "" when it compiles.

    A full compile, not only a parse: `import *` inside a function or `True = 1` parse but do
    not compile.
    """
    try:
        compile(text, "<scan>", "exec", dont_inherit=True)
    except SyntaxError as err:
        return "%s (line %s)" % (err.msg, err.lineno)
    except ValueError as err:
        return str(err)
    except RecursionError:  # what Python 3 itself raises compiling it
        return "too deeply nested to compile (RecursionError)"
    except MemoryError:  # CPython's parser: "too complex to parse"
        return "too complex to compile (MemoryError)"
    return ""


def needs_python2_parse(text):
    """Whether the text may hold Python 2 syntax that Python 3's parser would accept or misread."""
    if "print" in text and (_PRINT.search(text) or _DOCTEST_PRINT.search(text)) \
            and "print_function" not in parsing.future_features(text):
        return True
    if _STRING_RAISE.search(text):
        return True
    return sys.version_info >= (3, 14) and bool(_EXCEPT_COMMA.search(text))


def find_sites(tree, fixers):
    """{fixer name: [Site] in source order} (as fix() reports them). Each fixer is asked only about
    the nodes of its head types, taken from the tree's index by type, and about the NAME leaves
    spelled as it can match (most NAME fixers look for one builtin's name): no walk of the whole
    tree with a lookup at every node."""
    sites = {}
    for fixer in fixers:
        if not fixer.applies_to(tree):
            continue
        found = [site for site in (_match(fixer, node) for node in _candidates(tree, fixer)) if site]
        if found:
            sites[fixer.name] = sorted(found)
    return sites


def _candidates(tree, fixer):
    """The nodes of `tree` the fixer can match."""
    if fixer.head_types is None:
        return traversal.post_order(tree)
    values = fixer.name_values(tree) if token.NAME in fixer.head_types else None
    if values is None:
        return traversal.post_order(tree, fixer.head_types)
    other_types = fixer.head_types - {token.NAME}
    named = [leaf for value in values for leaf in traversal.names(tree, value)]
    return traversal.post_order(tree, other_types) + named if other_types else named


def _match(fixer, node):
    try:
        return fixer.match_here(node)
    except RecursionError:  # the file is too deep, not the fixer wrong: scan_guarded says so
        raise
    except Exception as err:  # name the fixer: the caller lists the file with this reason
        raise FixerCrashed("fixer %s failed at line %s: %s: %s" % (
            fixer.name, node.get_lineno(), type(err).__name__, err)) from err


def scan_guarded(path, digest, data, fixers, context=None):
    """scan_bytes() under a raised recursion limit; a file too deep for it fails alone, with the
    reason, instead of taking the plan (or the pool worker scanning it) down."""
    try:
        with recursion_limit(), collector_paused():
            return scan_bytes(path, digest, data, fixers, context)
    except RecursionError:
        return FileScan(path, digest, error=TOO_DEEP)
    except MemoryError:
        return FileScan(path, digest, error="too complex to analyse (MemoryError)")


def scan_bytes(path, digest, data, fixers, context=None):
    result = FileScan(path, digest)
    try:
        text = source.decode(data).text
    except source.SourceError as err:
        result.error = str(err)
        return result
    result.py3_error = python3_compile_error(text)
    result.parses_on_py3 = not result.py3_error
    # Syntax fixers only ever find Python 2 syntax; all say from the module's code or text whether
    # they might (a syntax fixer's trigger is its own finer test).
    python2_syntax = not result.parses_on_py3 or needs_python2_parse(text)
    fixers = admitted([f for f in fixers if python2_syntax or f.stage != "syntax"], SourceView(text), context)
    # The python3-only stage reads code that is Python 3 already, and nothing else. Python 2 is
    # dropped by then: `print(x)` without print_function is a call, whatever 2.7 made of it.
    codemods = [f for f in fixers if is_codemod(f)] if result.parses_on_py3 else []
    fixers = [f for f in fixers if not is_codemod(f)]
    try:
        if fixers:
            tree = parsing.parse(text, context)
            if result.py3_error and traversal.deeper_than(tree, MAX_TREE_DEPTH):
                result.error = TOO_DEEP  # fixing it would need str(tree), a recursive walk
                return result
            result.sites = find_sites(tree, fixers)
        if codemods:
            result.sites.update(codemod_sites(parse_python3(text, context), codemods))
    except parsing.ParseError as err:
        result.error = str(err)
    except FixerCrashed as err:  # a fixer's bug: the file is listed with it, the plan goes on
        result.error = str(err)
    return result


def codemod_sites(tree, codemods):
    sites = {}
    for fixer in codemods:
        try:
            found = fixer.find(tree)
        except (RecursionError, FixerCrashed):  # FixerCrashed: already names the codemod
            raise
        except Exception as err:
            raise FixerCrashed("fixer %s failed: %s: %s" % (fixer.name, type(err).__name__, err)) from err
        if found:
            sites[fixer.name] = found
    return sites


def parse_python3(text, context=None):
    """The libcst tree the python3-only stage's codemods work on (`context`: the file's
    ModuleContext). libcst is imported on first use: the import takes about a second of CPU, and
    only that stage needs it."""
    from workers.rewriting import codemod
    return codemod.parse(text, context)
