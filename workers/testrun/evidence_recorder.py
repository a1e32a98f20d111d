"""Bytes-or-text evidence, recorded inside the repository's Python 2.7 test process.

Never imported by py3bridge: hooks.install copies this text into each 2.7 environment as
`py3bridge_evidence.py`, and a .pth line starts it in every Python process of a step whose
environment sets PY3BRIDGE_EVIDENCE_FILE (only evidence runs do: workers/testrun/evidence.py).
It must stay valid Python 2.7 (and compile on 3, which never runs it).

For each place in the repository's own code (under PY3BRIDGE_EVIDENCE_ROOT) that creates a
StringIO.StringIO or cStringIO.StringIO buffer, it records what the buffer was created with or
written: "text" (unicode), "bytes" (a str that is not ASCII, so certainly binary data) or "native"
(an ASCII str, which 2.7 cannot tell apart from text). At exit each process appends one JSON line,
{"path": {"line": ["bytes", ...]}}, to the file; py3bridge reads it as untrusted data.

StringIO.StringIO is replaced by a subclass (isinstance still holds); a cStringIO output buffer
by a thin proxy that forwards every attribute. Recording never raises into the code under test.

At the boundaries where Python 3 wants bytes (struct.pack/unpack, hashlib constructors and
update, hmac.new's key and message, zlib.compress/decompress/crc32/adler32, the base64 functions, socket send/sendall/sendto,
write/writelines on a file the builtin open() opened for writing in binary mode), the site is the
call in the repository's code and the kinds are named after the boundary: "struct:text",
"hashlib:bytes", "binary_file:native" and so on (workers/engine/evidence.py). Such a file is an
instance of a subclass of `file` (isinstance and C functions taking a file still work). So is a
file the builtin open() opened for reading in text mode: its open() call is noted "text_read:bytes"
when what the code read from it is not UTF-8.

At exit, each module of the repository that sits in a package folder (next to an __init__.py) is
noted at its line 1 with how it was imported: "module:package" when its name is dotted (a test
runner imported the folder as a package), "module:top_level" otherwise (its folder was on
sys.path, or it ran as a script). That tells whether `import sibling` there was a relative import.
"""
import atexit
import json
import os
import sys

MAX_SITES = 5000
_sites = {}  # (relative path, line) -> set of kinds
_settings = {"root": "/src", "file": None}


def _kind(value):
    if isinstance(value, unicode):  # noqa: F821 (Python 2)
        return "text"
    if isinstance(value, str):
        try:
            value.decode("ascii")
        except UnicodeDecodeError:
            return "bytes"
        return "native"
    if isinstance(value, bytearray):
        return "bytes"
    return None


def _caller_site():
    """(path relative to the root, line) of the first frame outside this file, or None."""
    frame = sys._getframe(1)
    here = _caller_site.__code__.co_filename
    while frame is not None and frame.f_code.co_filename == here:
        frame = frame.f_back
    if frame is None:
        return None
    path = os.path.abspath(frame.f_code.co_filename)
    root = _settings["root"].rstrip("/") + "/"
    if not path.startswith(root):
        return None
    return path[len(root):], frame.f_lineno


def _note(site, value, boundary=None):
    try:
        if site is None or not value:
            return
        kind = _kind(value)
        if kind is None:
            return
        _note_kind(site, kind if boundary is None else boundary + ":" + kind)
    except Exception:
        pass


def _note_kind(site, kind):
    try:
        if site is None:
            return
        kinds = _sites.get(site)
        if kinds is None:
            if len(_sites) >= MAX_SITES:
                return
            kinds = _sites[site] = set()
        kinds.add(kind)
    except Exception:
        pass


def _site():
    try:
        return _caller_site()
    except Exception:
        return None


def _recording_stringio(original):
    class StringIO(original):
        def __init__(self, buf=""):
            self._py3bridge_site = _site()
            _note(self._py3bridge_site, buf)
            original.__init__(self, buf)

        def write(self, s):
            _note(getattr(self, "_py3bridge_site", None), s)
            return original.write(self, s)

    StringIO.__module__ = original.__module__
    StringIO.__doc__ = original.__doc__
    return StringIO


class _OutputBuffer(object):
    """A cStringIO output buffer that records what is written to it."""
    __slots__ = ("_py3bridge_buffer", "_py3bridge_site")

    def __init__(self, buffer, site):
        object.__setattr__(self, "_py3bridge_buffer", buffer)
        object.__setattr__(self, "_py3bridge_site", site)

    def write(self, s):
        _note(self._py3bridge_site, s)
        return self._py3bridge_buffer.write(s)

    def writelines(self, lines):
        lines = list(lines)
        for line in lines:
            _note(self._py3bridge_site, line)
        return self._py3bridge_buffer.writelines(lines)

    def __getattr__(self, name):
        return getattr(self._py3bridge_buffer, name)

    def __setattr__(self, name, value):  # `print >>buf` sets softspace
        setattr(self._py3bridge_buffer, name, value)

    def __iter__(self):
        return iter(self._py3bridge_buffer)

    def next(self):
        return self._py3bridge_buffer.next()

    def __repr__(self):
        return repr(self._py3bridge_buffer)


def _recording_cstringio(original):
    def StringIO(*args):
        site = _site()
        if args:  # an input buffer: nothing is written to it later
            _note(site, args[0])
            return original(*args)
        return _OutputBuffer(original(), site)

    StringIO.__doc__ = original.__doc__
    return StringIO


def _recording_call(function, boundary, first=0, last=1):
    """`function`, noting the kinds of its positional arguments first..last-1 (None: all from first)."""
    def call(*args, **kwargs):
        site = _site()
        for value in args[first:last]:
            _note(site, value, boundary)
        return function(*args, **kwargs)

    call.__name__ = getattr(function, "__name__", "call")
    call.__doc__ = getattr(function, "__doc__", None)
    return call


class _Hash(object):
    """A hashlib object that records what update() is given."""
    __slots__ = ("_py3bridge_hash",)

    def __init__(self, hash_object):
        object.__setattr__(self, "_py3bridge_hash", hash_object)

    def update(self, data):
        _note(_site(), data, "hashlib")
        return self._py3bridge_hash.update(data)

    def __getattr__(self, name):
        return getattr(self._py3bridge_hash, name)


def _recording_hash(constructor, first):
    def make(*args, **kwargs):
        site = _site()
        for value in args[first:first + 1]:
            _note(site, value, "hashlib")
        return _Hash(constructor(*args, **kwargs))

    make.__name__ = getattr(constructor, "__name__", "make")
    return make


_BASE64 = ("b64encode", "b64decode", "standard_b64encode", "standard_b64decode", "urlsafe_b64encode",
           "urlsafe_b64decode", "b32encode", "b32decode", "b16encode", "b16decode", "encodestring", "decodestring")
_HASHES = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")


def _wrap(module, names, boundary, first=0, last=1):
    for name in names:
        function = getattr(module, name, None)
        if function is not None:
            setattr(module, name, _recording_call(function, boundary, first, last))


def _record_boundaries():
    import base64
    import hashlib
    import hmac
    import socket
    import struct
    import zlib

    _wrap(struct, ("pack",), "struct", 1, None)
    _wrap(struct, ("pack_into",), "struct", 3, None)
    _wrap(struct, ("unpack", "unpack_from"), "struct", 1, 2)
    _wrap(zlib, ("compress", "decompress", "crc32", "adler32"), "zlib")
    _wrap(base64, _BASE64, "base64")
    for name in _HASHES:
        if hasattr(hashlib, name):
            setattr(hashlib, name, _recording_hash(getattr(hashlib, name), 0))
    hashlib.new = _recording_hash(hashlib.new, 1)
    _wrap(hmac, ("new",), "hmac", 0, 2)  # the key and the message
    _record_socket_sends(socket)
    _record_binary_writes()


def _record_binary_writes():
    import __builtin__

    __builtin__.open = _recording_open(__builtin__.open)
    __builtin__.file = _recording_file_type(__builtin__.file)


def _recording_file_type(original):
    """A stand-in for the builtin `file` type: `file(name)` for reading in text mode makes a
    recording file, any other call a plain one; isinstance and issubclass answer as for `file`,
    and a class deriving from it is made as usual."""
    class FileType(type):
        def __call__(cls, *args, **kwargs):
            if cls is not stand_in:
                return type.__call__(cls, *args, **kwargs)
            mode = args[1] if len(args) > 1 else kwargs.get("mode", "r")
            if not kwargs and isinstance(mode, basestring) and mode in ("r", "rt"):  # noqa: F821
                return _text_read_file()(*args)
            return original(*args, **kwargs)

        def __instancecheck__(cls, instance):
            return isinstance(instance, original) if cls is stand_in else type.__instancecheck__(cls, instance)

        def __subclasscheck__(cls, subclass):
            return issubclass(subclass, original) if cls is stand_in else type.__subclasscheck__(cls, subclass)

    stand_in = FileType("file", (original,), {"__doc__": original.__doc__, "__module__": "__builtin__"})
    return stand_in


def _recording_open(original):
    class BinaryFile(file):  # noqa: F821 (Python 2)
        def write(self, s):
            _note(_site(), s, "binary_file")
            return super(BinaryFile, self).write(s)

        def writelines(self, lines):
            lines, site = list(lines), _site()
            for line in lines:
                _note(site, line, "binary_file")
            return super(BinaryFile, self).writelines(lines)

    def open(name, mode="r", buffering=-1):
        if isinstance(mode, basestring) and "b" in mode and any(c in mode for c in "wa+"):  # noqa: F821
            return BinaryFile(name, mode, buffering)
        if isinstance(mode, basestring) and mode in ("r", "rt"):  # noqa: F821
            return _text_read_file()(name, mode, buffering)
        return original(name, mode, buffering)

    open.__doc__ = original.__doc__
    return open


_TEXT_READ_CLASS = []


def _text_read_file():
    """A subclass of file, opened for reading in text mode, that notes "text_read:bytes" at the
    open() call when what is read from it is not UTF-8: binary data, which Python 3's text mode
    cannot read."""
    if _TEXT_READ_CLASS:
        return _TEXT_READ_CLASS[0]
    import codecs

    class TextReadFile(file):  # noqa: F821 (Python 2)
        def __init__(self, *args):
            super(TextReadFile, self).__init__(*args)
            self._py3bridge_site = _site()
            self._py3bridge_decoder = codecs.getincrementaldecoder("utf-8")()

        def _seen(self, data):
            decoder = self._py3bridge_decoder
            if decoder is None or not isinstance(data, str) or not data:
                return data
            try:
                decoder.decode(data)
            except UnicodeDecodeError:
                self._py3bridge_decoder = None
                _note_kind(self._py3bridge_site, "text_read:bytes")
            except Exception:
                self._py3bridge_decoder = None
            return data

        def read(self, *args):
            return self._seen(super(TextReadFile, self).read(*args))

        def readline(self, *args):
            return self._seen(super(TextReadFile, self).readline(*args))

        def readlines(self, *args):
            lines = super(TextReadFile, self).readlines(*args)
            for line in lines:
                self._seen(line)
            return lines

        def next(self):
            return self._seen(super(TextReadFile, self).next())

        def __iter__(self):
            return self

    _TEXT_READ_CLASS.append(TextReadFile)
    return TextReadFile


def _record_socket_sends(socket):
    cls = socket._socketobject
    original_init = cls.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        for name in ("send", "sendto"):
            setattr(self, name, _recording_call(getattr(self, name), "socket"))

    cls.__init__ = __init__
    cls.sendall = _recording_call(cls.sendall, "socket", 1, 2)


def _note_imports():
    """Note how each of the repository's modules in a package folder was imported."""
    root = _settings["root"].rstrip("/") + "/"
    for name, module in list(sys.modules.items()):
        source = _source_of(module)
        if source is None or not source.startswith(root) or os.path.basename(source) == "__init__.py":
            continue
        if not os.path.exists(os.path.join(os.path.dirname(source), "__init__.py")):
            continue
        imported = "module:package" if "." in name else "module:top_level"
        _note_kind((source[len(root):], 1), imported)


def _source_of(module):
    """The absolute path of a module's .py file, or None."""
    path = getattr(module, "__file__", None)
    if path is None and getattr(module, "__name__", None) == "__main__" and sys.argv:
        path = sys.argv[0]  # 2.7 deletes a script's __file__ once it has run
    if not isinstance(path, str):
        return None
    path = os.path.abspath(path)
    if path.endswith((".pyc", ".pyo")):
        path = path[:-1]
    return path if path.endswith(".py") else None


def _write():
    try:
        _note_imports()
    except Exception:
        pass
    data = {}
    for (path, line), kinds in list(_sites.items()):
        try:
            key = path if isinstance(path, unicode) else path.decode("utf-8")  # noqa: F821
        except UnicodeDecodeError:
            continue
        data.setdefault(key, {})[str(line)] = sorted(kinds)
    if not data:
        return
    fd = os.open(_settings["file"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (json.dumps(data, sort_keys=True) + "\n").encode("utf-8"))
    finally:
        os.close(fd)


def _write_quietly():
    try:
        _write()
    except Exception:
        pass


def start():
    try:
        _settings["file"] = os.environ["PY3BRIDGE_EVIDENCE_FILE"]
        _settings["root"] = os.environ.get("PY3BRIDGE_EVIDENCE_ROOT") or _settings["root"]
        import StringIO as text_module
        import cStringIO as fast_module

        text_module.StringIO = _recording_stringio(text_module.StringIO)
        fast_module.StringIO = _recording_cstringio(fast_module.StringIO)
        atexit.register(_write_quietly)
    except Exception:
        return
    try:
        _record_boundaries()
    except Exception:
        pass
