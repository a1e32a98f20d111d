"""`try: import json / except ImportError: import simplejson as json` → `import json`, and
`try: import cPickle as pickle / except ImportError: import pickle` → `import pickle`: the branch
Python 3 takes, where that is certain."""
import sys

import libcst as cst

from workers.rewriting.codemod import Codemod
from workers.rewriting.cst_names import NameAwareRecorder, dotted_name

# Modules some Python 3 lacks: added after 3.6, removed since (PEP 594 and others), built only on
# some platforms or with optional libraries. The stage assumes nothing newer than 3.6.
NOT_IN_EVERY_PYTHON3 = frozenset("""
    contextvars dataclasses graphlib tomllib zoneinfo
    aifc asynchat asyncore audioop cgi cgitb chunk crypt distutils imghdr imp lib2to3 mailcap msilib
    nis nntplib ossaudiodev pipes smtpd sndhdr spwd sunau telnetlib uu xdrlib formatter parser symbol
    binhex macpath
    bz2 ctypes curses dbm fcntl grp lzma msvcrt nt posix pty pwd readline resource sqlite3 ssl syslog
    termios tkinter tty turtle turtledemo winreg winsound zlib gzip idlelib ensurepip venv
    antigravity this
""".split())
EVERY_PYTHON3 = frozenset(name for name in sys.stdlib_module_names
                          if not name.startswith("_") and name not in NOT_IN_EVERY_PYTHON3)
# Submodules every Python 3 has that Python 2 code falls back from.
EVERY_PYTHON3_SUBMODULES = frozenset("""
    collections.abc email.mime.base email.mime.multipart email.mime.text email.utils html.entities
    html.parser http.client http.cookiejar http.cookies http.server urllib.error urllib.parse
    urllib.request urllib.response urllib.robotparser xml.etree.ElementTree xmlrpc.client xmlrpc.server
    os.path importlib.util concurrent.futures unittest.mock
""".split())
# Names every Python 3 (3.6 on) has, in the modules 2+3 fallbacks import them from.
EVERY_PYTHON3_NAMES = {
    "base64": "decodebytes encodebytes",
    "builtins": "ascii bytes chr dict filter hex input int map next object oct open range round str super zip",
    "collections.abc": "Callable Container Hashable ItemsView Iterable Iterator KeysView Mapping MappingView "
                       "MutableMapping MutableSequence MutableSet Sequence Set Sized ValuesView",
    "configparser": "ConfigParser Error NoOptionError NoSectionError RawConfigParser",
    "functools": "reduce wraps partial lru_cache total_ordering",
    "html": "escape unescape",
    "html.entities": "codepoint2name entitydefs name2codepoint",
    "html.parser": "HTMLParser",
    "http.client": "HTTPConnection HTTPException HTTPSConnection responses",
    "http.cookies": "SimpleCookie",
    "http.server": "BaseHTTPRequestHandler HTTPServer SimpleHTTPRequestHandler",
    "inspect": "getfullargspec signature",
    "io": "BytesIO StringIO open",
    "itertools": "filterfalse zip_longest",
    "os": "getcwd",
    "pickle": "dump dumps HIGHEST_PROTOCOL load loads Pickler Unpickler",
    "queue": "Empty Full LifoQueue PriorityQueue Queue",
    "reprlib": "repr",
    "shlex": "quote",
    "string": "ascii_letters ascii_lowercase ascii_uppercase",
    "sys": "maxsize intern",
    "urllib.error": "HTTPError URLError",
    "urllib.parse": "parse_qs parse_qsl quote quote_plus unquote unquote_plus urlencode urljoin urlparse "
                    "urlsplit urlunparse urlunsplit",
    "urllib.request": "Request build_opener install_opener pathname2url url2pathname urlopen urlretrieve",
    "xmlrpc.client": "Fault ServerProxy",
}
EVERY_PYTHON3_NAMES = {module: frozenset(names.split()) for module, names in EVERY_PYTHON3_NAMES.items()}
# Python 2's own modules, which no Python 3 has.
PYTHON2_ONLY_MODULES = frozenset("""
    __builtin__ anydbm BaseHTTPServer CGIHTTPServer ConfigParser Cookie cookielib copy_reg cPickle
    cStringIO commands dbhash dumbdbm dummy_thread exceptions gdbm htmlentitydefs HTMLParser httplib
    markupbase md5 mimetools new Queue repr rfc822 robotparser sets sha SimpleHTTPServer
    SimpleXMLRPCServer SocketServer StringIO thread Tkinter tkMessageBox urllib2 urlparse UserDict
    UserList UserString whichdb xmlrpclib
""".split())
assert not PYTHON2_ONLY_MODULES & sys.stdlib_module_names
PYTHON2_ONLY_NAMES = {
    "itertools": frozenset("ifilter ifilterfalse imap izip izip_longest".split()),
    "urllib": frozenset("quote quote_plus unquote unquote_plus urlencode urlopen urlretrieve".split()),
    "string": frozenset("letters lowercase maketrans uppercase".split()),
    "os": frozenset(["getcwdu"]),
    "sys": frozenset(["maxint"]),
}
NOT_CERTAIN = "a 2/3 import fallback whose Python 3 branch depends on the Python 3 version or platform"
CATCHES_IMPORT_ERROR = ("ImportError", "Exception", "BaseException")


def _imports(block):
    """The import statements of a block, or None when it holds anything else."""
    found = []
    for line in block.body:
        if not isinstance(line, cst.SimpleStatementLine):
            return None
        for statement in line.body:
            if not isinstance(statement, (cst.Import, cst.ImportFrom)):
                return None
            found.append(statement)
    return found


def _from_six_moves(statement):
    """`import six.moves…`, `from six.moves… import x` or `from six import moves`."""
    if any(module is not None and (module == "six.moves" or module.startswith("six.moves."))
           for module in _modules(statement)):
        return True
    return _modules(statement) == ["six"] and "moves" in (_imported_names(statement) or ())


def _modules(statement):
    if isinstance(statement, cst.Import):
        return [dotted_name(alias.name) for alias in statement.names]
    return [None if statement.relative or statement.module is None else dotted_name(statement.module)]


def _imported_names(statement):
    if isinstance(statement, cst.Import) or isinstance(statement.names, cst.ImportStar):
        return None
    return [dotted_name(alias.name) for alias in statement.names]


def certainly_works(statement):
    """Whether every Python 3 runs this import without ImportError."""
    modules = _modules(statement)
    if any(module is None or not _module_everywhere(module) for module in modules):
        return False
    names = _imported_names(statement)
    if isinstance(statement, cst.Import):
        return True
    return names is not None and all(n in EVERY_PYTHON3_NAMES.get(modules[0], ()) for n in names)


def _module_everywhere(module):
    return module in EVERY_PYTHON3 or module in EVERY_PYTHON3_SUBMODULES


def certainly_fails(statement):
    """Whether every Python 3 raises ImportError on this import."""
    modules = _modules(statement)
    if all(module and module.split(".")[0] in PYTHON2_ONLY_MODULES for module in modules):
        return True
    names = _imported_names(statement) or ()
    return isinstance(statement, cst.ImportFrom) and any(
        n in PYTHON2_ONLY_NAMES.get(modules[0], ()) for n in names)


def _cycle_fallback(body, fallback):
    """`try: from . import x` / `except ImportError: import x`, absolute_import's form for a sibling
    in an import cycle: the handler is for 2.7 only, 3.5+ takes the relative import (bpo-17636)."""
    if len(body) != 1 or len(fallback) != 1:
        return False
    first, second = body[0], fallback[0]
    if not isinstance(first, cst.ImportFrom) or not isinstance(second, cst.Import):
        return False
    if first.module is not None or len(first.relative) != 1 or isinstance(first.names, cst.ImportStar):
        return False
    names = [alias for alias in list(first.names) + list(second.names)]
    if any(alias.asname is not None for alias in names):
        return False
    return [dotted_name(a.name) for a in first.names] == [dotted_name(a.name) for a in second.names]


def looks_like_a_fallback(statements):
    return any(module and (module.split(".")[0] in sys.stdlib_module_names
                           or module.split(".")[0] in PYTHON2_ONLY_MODULES)
               for statement in statements for module in _modules(statement))


class KeepPython3Branch(NameAwareRecorder):
    def leave_Try(self, original_node, updated_node):
        if len(original_node.handlers) != 1 or original_node.finalbody is not None:
            return updated_node
        handler = original_node.handlers[0]
        body, fallback = _imports(original_node.body), _imports(handler.body) or []
        if not body:
            return updated_node
        if any(_from_six_moves(statement) for statement in body + fallback) and self.wait_for_another_walk():
            return updated_node  # six_moves, sharing this walk, writes the standard names this one knows
        if all(certainly_works(s) for s in body) or (
                _cycle_fallback(body, fallback) and self._catches_import_error(handler.type)):
            kept = list(updated_node.body.body) + (list(updated_node.orelse.body.body) if updated_node.orelse else [])
        elif certainly_fails(body[0]) and handler.name is None and self._catches_import_error(handler.type):
            kept = list(updated_node.handlers[0].body.body)
        else:
            if looks_like_a_fallback(body + fallback):
                self.leave_alone(original_node, NOT_CERTAIN)
            return updated_node
        self.record(original_node)
        kept[0] = kept[0].with_changes(leading_lines=list(updated_node.leading_lines) + list(kept[0].leading_lines))
        return cst.FlattenSentinel(kept)

    def leave_alone(self, node, reason):
        """A fallback kept for a reason a reviewer should hear (the review codemod lists it)."""

    def _catches_import_error(self, caught):
        if caught is None:
            return True
        names = [e.value for e in caught.elements] if isinstance(caught, cst.Tuple) else [caught]
        return any(isinstance(n, cst.Name) and n.value in CATCHES_IMPORT_ERROR and self.is_builtin(n) for n in names)


class ImportFallbacksPy3(Codemod):
    transformer = KeepPython3Branch
    order = 90  # before io_open and the others, which leave imports in a try alone
    trigger = r"(?m)^[ \t]*try[ \t]*:[ \t]*(?:#.*)?\n\s*(?:import|from)\s"
    names_trigger = ""
    summary = "Keep only the Python 3 branch of try/except ImportError fallbacks"
    explanation = (
        "A `try:`/`except ImportError:` made of imports only, where the branch every Python 3 (3.6 "
        "on) takes is certain, becomes that branch: the `try` body when each of its imports is of a "
        "module (and names) every Python 3 has, `import json` over `simplejson`; the handler when "
        "the first import is of a Python-2-only module or name (`cPickle`, `itertools.izip`). "
        "Modules added after 3.6, removed since, or built only on some platforms (`ssl`, `sqlite3`, "
        "`fcntl`, …) are not certain; such fallbacks are listed by import_fallbacks_py3_review. "
        "`try: from . import x` / `except ImportError: import x` (the 2+3 form of an import of a "
        "sibling in an import cycle) becomes `from . import x`."
    )
    review_hint = "The removed branch was Python 2's; nothing should change on Python 3."


FIXER = ImportFallbacksPy3()
