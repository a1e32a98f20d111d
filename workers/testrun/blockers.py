"""What blocks Python 3, read from the Python 3 failures themselves.

Every failing test, every test module that did not import and the error of a suite that could not
start is classified by its root cause: the exception (type and message, normalised: addresses and
numbers outside quotes replaced, quoted names kept, since they name the cause), the kind of Python 2
habit behind it (a removed module, a Python 2 builtin, bytes mixed with text, ...), and where: the
innermost frame in the repository's own code, as `file:line` relative to the tree. When the frame
right after it (or, with no repository frame at all, the deepest one) is in an installed package,
the failure is attributed to that package's distribution, e.g. `oauth2`.

Failures with the same (kind, message, location) are one blocker; blockers are ranked by how many
tests each blocks. A test module that did not import blocks every test the reference run (2.7)
found in it; a suite that could not start blocks them all.

Both traceback formats are read: Python's own (`File "...", line N, in f`, as unittest, nose and
Django print) and pytest's (`path:N: in f` / `path:N: Error`, with `E   ` lines).
"""
import os
import re
import sys
from collections import namedtuple
from pathlib import Path

from workers.testrun.envs import SRC_DIR

REMOVED_MODULE, MISSING_MODULE = "removed_module", "missing_module"
STDLIB_ATTRIBUTE, PY2_BUILTIN, BYTES_TEXT = "stdlib_attribute", "py2_builtin", "bytes_text"
PY2_METHOD, ITERATOR_VIEW, UNORDERABLE = "py2_method", "iterator_view", "unorderable"
SYNTAX_ERROR, OTHER = "syntax_error", "other"
KIND_TEXT = {
    REMOVED_MODULE: "removed module",
    MISSING_MODULE: "module not found",
    STDLIB_ATTRIBUTE: "removed stdlib name",
    PY2_BUILTIN: "Python 2 builtin",
    BYTES_TEXT: "bytes/text",
    PY2_METHOD: "Python 2 method/attribute",
    ITERATOR_VIEW: "view/iterator used as a list",
    UNORDERABLE: "mixed-type ordering",
    SYNTAX_ERROR: "syntax error (module did not import)",
    OTHER: "other",
}
MAX_EXAMPLES = 3
MESSAGE_LIMIT = 200

# Python 2 standard-library modules Python 3 does not have (renamed or removed), and those later
# Python 3 releases removed (asyncore, imp, distutils, ... which Python 2 era code still imports).
REMOVED_MODULES = frozenset("""
    __builtin__ _winreg anydbm BaseHTTPServer Bastion bsddb CGIHTTPServer commands compiler ConfigParser
    Cookie cookielib copy_reg cPickle cStringIO dbhash dircache dl DocXMLRPCServer dumbdbm dummy_thread
    exceptions fpformat gdbm htmlentitydefs htmllib HTMLParser httplib ihooks imputil markupbase md5
    mhlib mimetools MimeWriter mimify multifile mutex new popen2 posixfile Queue repr rexec rfc822
    robotparser ScrolledText sets sgmllib sha SimpleHTTPServer SimpleXMLRPCServer SocketServer statvfs
    StringIO thread Tix Tkinter Tkconstants tkFileDialog tkFont tkMessageBox tkSimpleDialog ttk urllib2
    urlparse user UserDict UserList UserString whichdb xmlrpclib
    asynchat asyncore distutils imp smtpd aifc audioop cgi cgitb chunk crypt imghdr mailcap msilib nis
    nntplib ossaudiodev pipes sndhdr spwd sunau telnetlib uu xdrlib lib2to3
""".split())
PY2_BUILTINS = frozenset("""
    unicode long xrange basestring cmp file reduce unichr raw_input execfile apply buffer coerce intern
    reload StandardError
""".split())
PY2_ATTRIBUTES = frozenset("""
    has_key iteritems iterkeys itervalues viewitems viewkeys viewvalues next xreadlines im_func im_self
    im_class func_name func_code func_defaults func_globals func_closure func_dict func_doc message
    __nonzero__ __div__ __cmp__ __unicode__
""".split())
LAZY_TYPES = ("dict_keys", "dict_values", "dict_items", "map", "filter", "zip", "range", "odict_keys",
              "odict_values", "odict_items")
STDLIB_MODULES = frozenset(getattr(sys, "stdlib_module_names", ())) | {"string", "os", "sys", "types"}

# The fixer that rewrites the cause, when py3bridge has one (the plan's batches for it fix these).
_FIXER_FOR_NAME = {
    "unicode": "unicode_type", "unichr": "unicode_type", "long": "long_type", "xrange": "xrange",
    "basestring": "basestring", "cmp": "cmp_builtin", "file": "file_builtin", "reduce": "reduce_builtin",
    "raw_input": "raw_input", "execfile": "execfile_builtin", "apply": "apply_builtin",
    "intern": "intern_builtin", "reload": "reload_builtin", "StandardError": "standard_error",
    "has_key": "has_key", "iteritems": "dict_methods", "iterkeys": "dict_methods", "itervalues": "dict_methods",
    "viewitems": "dict_methods", "viewkeys": "dict_methods", "viewvalues": "dict_methods", "next": "next_method",
    "xreadlines": "xreadlines", "im_func": "function_attributes", "im_self": "function_attributes",
    "im_class": "function_attributes", "func_name": "function_attributes", "func_code": "function_attributes",
    "func_defaults": "function_attributes", "func_globals": "function_attributes",
    "func_closure": "function_attributes", "func_dict": "function_attributes", "func_doc": "function_attributes",
    "__nonzero__": "nonzero", "__div__": "div_dunder", "__cmp__": "cmp_dunder", "__unicode__": "unicode_dunder",
}
_FIXER_FOR_MODULE = {
    "rfc822": "rfc822_module", "md5": "md5_sha_modules", "sha": "md5_sha_modules", "urllib2": "urllib_modules",
    "urlparse": "urllib_modules", "StringIO": "stringio", "cStringIO": "stringio",
}
_RENAMED = ("__builtin__ ConfigParser copy_reg gdbm dummy_thread cookielib Cookie htmlentitydefs HTMLParser "
            "httplib BaseHTTPServer CGIHTTPServer SimpleHTTPServer cPickle Queue repr SocketServer thread "
            "Tkinter ScrolledText Tix ttk Tkconstants tkFileDialog tkFont tkMessageBox tkSimpleDialog robotparser "
            "xmlrpclib SimpleXMLRPCServer _winreg UserDict UserList UserString commands").split()
_FIXER_FOR_MODULE.update((name, "stdlib_renames") for name in _RENAMED)
_FIXER_FOR_ATTRIBUTE = {
    ("string", "letters"): "string_constants", ("string", "lowercase"): "string_constants",
    ("string", "uppercase"): "string_constants", ("sys", "maxint"): "sys_maxint", ("os", "getcwdu"): "getcwdu",
    ("sys", "exc_type"): "sys_exc", ("sys", "exc_value"): "sys_exc", ("sys", "exc_traceback"): "sys_exc",
    ("sys", "exitfunc"): "sys_exitfunc", ("base64", "encodestring"): "base64_legacy",
    ("base64", "decodestring"): "base64_legacy",
}
_FIXER_FOR_MODULE_ATTRIBUTE = {"string": "string_module", "types": "types_module", "itertools": "itertools_functions",
                               "operator": "operator_module", "urllib": "urllib_modules"}

_BYTES_TEXT = re.compile("|".join([
    r"bytes-like object is required", r"string argument expected, got 'bytes'", r"can't concat \w+ to \w+",
    r"can only concatenate str \(not \"bytes\"\)", r"must be str(?: or None)?, not bytes",
    r"must be (?:bytes|a bytes-like object)", r"must be encoded before hashing", r"string pattern on a bytes-like",
    r"bytes pattern on a string-like", r"decoding str is not supported", r"expected str instance, bytes found",
    r"expected bytes, str found", r"unicode argument expected", r"type bytes is not JSON serializable",
    r"expected a (?:string|str|bytes)(?: or other character buffer)? object",
    r"argument should be integer or bytes-like object",
]))
_LAZY = re.compile(r"'(%s)' object (?:is not subscriptable|does not support (?:item assignment|indexing)|"
                   r"has no attribute '(?:sort|append|remove|pop|index|extend|insert)')" % "|".join(LAZY_TYPES))
_UNORDERABLE = re.compile(r"not supported between instances of|unorderable types")
_NO_MODULE = re.compile(r"No module named '?([\w.]+)'?")
_CANNOT_IMPORT = re.compile(r"cannot import name '?(\w+)'?(?: from '([\w.]+)')?")
_NO_NAME = re.compile(r"(?:global )?name '(\w+)' is not defined")
_MODULE_ATTRIBUTE = re.compile(r"module '([\w.]+)' has no attribute '(\w+)'")
_OBJECT_ATTRIBUTE = re.compile(r"(?:type object )?'([\w.]+)'(?: object)? has no attribute '(\w+)'")

# `  File "/src/x.py", line 3, in f` (Python) and `x.py:3: in f` / `x.py:3: TypeError` (pytest)
_PY_FRAME = re.compile(r'^\s*File "([^"]+)", line (\d+)(?:, in (.+))?\s*$')
_PYTEST_FRAME = re.compile(r"^(?!\s)([^\s:][^:\n]*?):(\d+): ?(?:in (\S+)|([\w.]+))?\s*$")
_EXCEPTION = re.compile(r"^((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)(?:: (.*))?$")
_EXCEPTION_NAME = re.compile(r"(Error|Exception|Warning|Exit|Interrupt|Iteration|Failure|Failed)$")
_PYTEST_E = re.compile(r"^E(?: |$)")

Frame = namedtuple("Frame", "path line function")
Traceback = namedtuple("Traceback", "frames exception message")
Blocker = namedtuple("Blocker", "kind message location dependency fixer")


def parse_traceback(text):
    """Traceback(frames [Frame], exception type, message) from Python's or pytest's format.

    A SyntaxError's `File "x.py", line N` (no function) is the innermost frame: where it is.
    """
    lines = (text or "").splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("Traceback (most recent call last):")]
    if starts:  # a chained exception: the last one is what the test saw
        lines = lines[starts[-1]:]
    frames, after_last_frame = [], 0
    for index, line in enumerate(lines):
        content = line[1:].strip() if _PYTEST_E.match(line) else line
        match = _PY_FRAME.match(content)
        if match:
            frames.append(Frame(match.group(1), int(match.group(2)), match.group(3) or ""))
            after_last_frame = index + 1
            continue
        match = _PYTEST_FRAME.match(line)
        if match and not _PYTEST_E.match(line):
            frame = Frame(match.group(1), int(match.group(2)), match.group(3) or "")
            if not (frames and frames[-1][:2] == frame[:2]):
                frames.append(frame)
    exception, message = _exception_line(lines, after_last_frame)
    if exception in ("SyntaxError", "IndentationError", "TabError"):
        frames = _syntax_location_last(frames, lines)
    return Traceback(frames, exception, message)


def _syntax_location_last(frames, lines):
    """pytest prints a SyntaxError's `File "x.py", line N` in its E lines, after the frames."""
    for line in reversed(lines):
        content = line[1:].strip() if _PYTEST_E.match(line) else line
        match = _PY_FRAME.match(content)
        if match and not match.group(3):
            frame = Frame(match.group(1), int(match.group(2)), "")
            return [f for f in frames if f != frame] + [frame]
    return frames


def _looks_like_exception(name):
    return bool(_EXCEPTION_NAME.search(name.rpartition(".")[2])) or name in ("KeyboardInterrupt", "StopIteration")


def _exception_line(lines, after_last_frame):
    e_lines = [line[1:].strip() for line in lines if _PYTEST_E.match(line)]
    if e_lines:  # pytest: the exception is among the E lines (the last block), else named after the location
        for content in e_lines:
            match = _EXCEPTION.match(content)
            if match and _looks_like_exception(match.group(1)):
                return match.group(1), (match.group(2) or "").strip()
        for line in reversed(lines):
            match = _PYTEST_FRAME.match(line)
            if match and match.group(4):
                return match.group(4), next((c for c in e_lines if c), "")
        return "", e_lines[0]
    for line in lines[after_last_frame:]:
        if not line.strip() or line[:1].isspace() or line.startswith("Traceback ("):
            continue
        match = _EXCEPTION.match(line.strip())
        if match and (_looks_like_exception(match.group(1)) or match.group(2) is not None):
            return match.group(1), (match.group(2) or "").strip()
    for line in reversed(lines):  # no traceback shape at all: the last line that names an exception
        match = _EXCEPTION.match(line.strip())
        if match and _looks_like_exception(match.group(1)):
            return match.group(1), (match.group(2) or "").strip()
    last = next((line.strip() for line in reversed(lines) if line.strip()), "")
    return "", last


_ADDRESS = re.compile(r" object at 0x[0-9a-fA-F]+|0x[0-9a-fA-F]+")
_QUOTED = re.compile(r"('[^'\n]*'|\"[^\"\n]*\")")
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")


def normalise(message):
    """Addresses and numbers outside quotes go; quoted names stay (they say what is missing)."""
    message = " ".join(message.split())
    message = _ADDRESS.sub(lambda m: " object" if m.group(0).startswith(" ") else "0x…", message)
    parts = _QUOTED.split(message)
    message = "".join(part if index % 2 else _NUMBER.sub("N", part) for index, part in enumerate(parts))
    return message if len(message) <= MESSAGE_LIMIT else message[:MESSAGE_LIMIT - 1] + "…"


def kind_of(exception, message):
    """(kind, fixer or "") for an exception type and its message."""
    name = exception.rpartition(".")[2]
    if name in ("SyntaxError", "IndentationError", "TabError"):
        return SYNTAX_ERROR, "print_function" if "call to 'print'" in message else ""
    if name in ("ImportError", "ModuleNotFoundError"):
        match = _NO_MODULE.search(message)
        if match:
            top = match.group(1).split(".")[0]
            if top in REMOVED_MODULES:
                return REMOVED_MODULE, _FIXER_FOR_MODULE.get(top, "py2_only_modules")
            return MISSING_MODULE, "absolute_import"
        match = _CANNOT_IMPORT.search(message)
        if match and match.group(2) and match.group(2).split(".")[0] in STDLIB_MODULES:
            module, attribute = match.group(2), match.group(1)
            return STDLIB_ATTRIBUTE, _attribute_fixer(module, attribute)
        return OTHER, ""
    if name in ("UnicodeDecodeError", "UnicodeEncodeError"):
        return BYTES_TEXT, ""
    if name == "NameError":
        match = _NO_NAME.search(message)
        if match and match.group(1) in PY2_BUILTINS:
            return PY2_BUILTIN, _FIXER_FOR_NAME.get(match.group(1), "")
        return OTHER, ""
    if name == "AttributeError":
        match = _MODULE_ATTRIBUTE.search(message)
        if match:
            module, attribute = match.groups()
            if module.split(".")[0] in STDLIB_MODULES:
                return STDLIB_ATTRIBUTE, _attribute_fixer(module, attribute)
            return OTHER, ""
        if re.search(r"'str' object has no attribute 'decode'|'bytes' object has no attribute 'encode'", message):
            return BYTES_TEXT, ""
        if _LAZY.search(message):
            return ITERATOR_VIEW, "dict_methods" if "dict_" in message else "map_filter_zip"
        match = _OBJECT_ATTRIBUTE.search(message)
        if match:
            attribute = match.group(2)
            if attribute in PY2_ATTRIBUTES:
                return PY2_METHOD, _FIXER_FOR_NAME.get(attribute, "")
        return OTHER, ""
    if name == "TypeError":
        if _BYTES_TEXT.search(message) or ("bytes" in message and re.search(r"\bstr\b|string|unicode", message)):
            return BYTES_TEXT, ""
        if _LAZY.search(message) or re.search(r"object of type '(%s)' has no len" % "|".join(LAZY_TYPES), message):
            return ITERATOR_VIEW, "dict_methods" if "dict_" in message else "map_filter_zip"
        if _UNORDERABLE.search(message):
            return UNORDERABLE, "mixed_ordering"
    return OTHER, ""


def _attribute_fixer(module, attribute):
    return _FIXER_FOR_ATTRIBUTE.get((module, attribute)) or _FIXER_FOR_MODULE_ATTRIBUTE.get(module, "")


def _place(path, roots):
    """("repo", relative path) / ("dependency", path inside site-packages) / ("other", path)."""
    for marker in ("/site-packages/", "/dist-packages/"):
        if marker in path:
            return "dependency", path.split(marker, 1)[1]
    if path.startswith("<"):
        return "other", path
    if os.path.isabs(path):
        for root in roots:
            root = root.rstrip("/") + "/"
            if path.startswith(root):
                return "repo", path[len(root):]
        return "other", path
    return ("other", path) if path.startswith("../") else ("repo", os.path.normpath(path))


def _top_level(inside):
    first = inside.split("/", 1)[0]
    return first[:-3] if first.endswith(".py") else first


def classify(text, distributions=None, roots=(SRC_DIR,)):
    """Blocker(kind, message, location, dependency, fixer) for one traceback text."""
    distributions = distributions or {}
    traceback = parse_traceback(text)
    kind, fixer = kind_of(traceback.exception, traceback.message)
    message = normalise("%s: %s" % (traceback.exception, traceback.message) if traceback.exception and traceback.message
                        else traceback.exception or traceback.message)
    placed = [(_place(frame.path, roots), frame) for frame in traceback.frames]
    repo = [i for i, ((where, _), _) in enumerate(placed) if where == "repo"]
    location, dependency = "", ""
    if repo:
        (_, relative), frame = placed[repo[-1]]
        location = "%s:%d" % (relative, frame.line)
        following = placed[repo[-1] + 1:repo[-1] + 2]
        if following and following[0][0][0] == "dependency":
            dependency = _distribution(following[0][0][1], distributions)
    else:
        in_dependencies = [(inside, frame) for (where, inside), frame in placed if where == "dependency"]
        if in_dependencies:
            inside, frame = in_dependencies[-1]
            dependency = _distribution(inside, distributions)
            location = "%s:%d" % (inside, frame.line)
        elif placed:
            location = "%s:%d" % (placed[-1][1].path, placed[-1][1].line)
    if dependency:
        fixer = ""  # our fixers rewrite the repository's code, not an installed package
    return Blocker(kind, message, location, dependency, fixer)


def _distribution(inside, distributions):
    top = _top_level(inside)
    return distributions.get(top, top)


def installed_distributions(env_root):
    """{top-level module or package: distribution name} for an environment's site-packages."""
    mapping = {}
    for site in sorted(Path(env_root).glob("lib/python*/site-packages")):
        for info in sorted(site.glob("*.dist-info")) + sorted(site.glob("*.egg-info")):
            name = info.name.rsplit(".", 1)[0].split("-")[0]
            metadata = info / ("METADATA" if info.suffix == ".dist-info" else "PKG-INFO")
            name = _metadata_name(metadata) or name
            tops = set()
            top_level = info / "top_level.txt"
            if top_level.is_file():
                tops.update(line.strip() for line in _read(top_level).splitlines() if line.strip())
            record = info / "RECORD"
            if record.is_file():
                for line in _read(record).splitlines():
                    path = line.split(",", 1)[0]
                    first = path.split("/", 1)[0]
                    if first and not first.startswith("..") and not first.endswith((".dist-info", ".egg-info", ".pth")) \
                            and first != "__pycache__" and (first.endswith(".py") or "/" in path):
                        tops.add(_top_level(path))
            for top in tops:
                mapping.setdefault(top, name)
    return mapping


def _read(path, limit=4 * 1024 ** 2):
    try:
        if path.is_symlink():
            return ""
        with open(path, "rb") as f:
            return f.read(limit).decode("utf-8", "replace")
    except OSError:
        return ""


def _metadata_name(path):
    for line in _read(path, 64 * 1024).splitlines():
        if line.startswith("Name:"):
            return line[5:].strip()
        if not line.strip():
            break
    return ""


def _module_tests(module, reference):
    """How many of the reference run's tests live in this test module (at least 1: the module)."""
    if reference is None:
        return 1
    prefix = module + "."
    return max(1, sum(1 for test_id in reference.outcomes if test_id.startswith(prefix)))


def _module_name(name, text, roots):
    """The test module that did not import: nose calls each `nose.failure.Failure.runTest`, so
    its name is read from the traceback's outermost frame in the repository."""
    if not name.startswith("nose.failure."):
        return name
    for frame in parse_traceback(text).frames:
        where, relative = _place(frame.path, roots)
        if where == "repo" and relative.endswith(".py"):
            module = relative[:-3].replace("/", ".")
            return module[:-len(".__init__")] if module.endswith(".__init__") else module
    return name


def started(run):
    """Whether any test of the suite ran (a module that failed to import is not a test)."""
    return bool(run.outcomes) or (run.ran or 0) > len(run.import_errors)


def analyse(suite, reference=None, distributions=None, roots=(SRC_DIR,)):
    """(ranked blockers as JSON-ready dicts, could-not-start reason or "") for one SuiteRun.

    `reference` is another TestRun of the same tree (the 2.7 run) used to count the tests of a
    module that did not import; `distributions` maps installed top-level names to distributions.
    """
    run = suite.run
    items = []  # (blocker, test or module, tests blocked)
    for test_id, status in sorted(run.outcomes.items()):
        if status in ("failed", "error"):
            items.append((classify(run.tracebacks.get(test_id) or run.details.get(test_id, ""), distributions, roots),
                          test_id, 1))
    texts = list(run.import_tracebacks) + [""] * (len(run.import_errors) - len(run.import_tracebacks))
    for name, text in zip(run.import_errors, texts):
        module = _module_name(name, text, roots)
        items.append((classify(text, distributions, roots), module, _module_tests(module, reference)))
    reason = ""
    if not started(run) and not suite.problem:
        if run.startup_error:
            blocker = classify(run.startup_error, distributions, roots)
            blocked = max(1, reference.total if reference is not None else 1)
            items.append((blocker, "(the whole suite)", blocked))
        groups = group(items)
        if groups:
            reason = describe(groups[0])
        elif suite.exit_code:
            last = next((line.strip() for line in reversed(suite.output_tail.splitlines()) if line.strip()), "")
            reason = "exit code %d%s" % (suite.exit_code, (": " + last[:MESSAGE_LIMIT]) if last else "")
        return groups, reason
    return group(items), reason


def group(items):
    groups = {}
    for blocker, test, blocked in items:
        key = (blocker.kind, blocker.message, blocker.location)
        entry = groups.setdefault(key, {"kind": blocker.kind, "message": blocker.message,
                                        "location": blocker.location, "tests": 0, "examples": []})
        if blocker.dependency:
            entry["dependency"] = blocker.dependency
        if blocker.fixer:
            entry["fixer"] = blocker.fixer
        entry["tests"] += blocked
        entry["examples"].append(test)
    ranked = sorted(groups.values(), key=lambda g: (-g["tests"], g["kind"] == OTHER, g["location"], g["message"]))
    for entry in ranked:
        entry["failures"] = len(entry["examples"])
        entry["examples"] = sorted(entry["examples"])[:MAX_EXAMPLES]
    return ranked


def describe(blocker):
    """`<error> at file:line` (in dependency `x`)."""
    text = blocker["message"] or KIND_TEXT[blocker["kind"]]
    if blocker["location"]:
        text += " at %s" % blocker["location"]
    if blocker.get("dependency"):
        text += " (in the dependency `%s`)" % blocker["dependency"]
    return text
