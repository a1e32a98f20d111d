"""Exceptions, io.open, re.U flags and import fallbacks as 2+3 code writes them."""
import errno
import io
import os
import re
import select
import socket
import tempfile

try:
    import json
except ImportError:
    import simplejson as json

try:
    import cPickle as pickle
except ImportError:
    import pickle


def read(path):
    try:
        with io.open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, IOError) as e:
        return "missing: %s" % errno.errorcode[e.errno]


def fail(kind):
    try:
        if kind == "io":
            raise IOError(errno.ENOENT, "gone")
        if kind == "env":
            raise EnvironmentError(errno.EACCES, "denied")
        raise socket.error(errno.ECONNREFUSED, "refused")
    except (select.error, ValueError) as e:
        return type(e).__name__, e.errno
    except EnvironmentError as e:
        return "never", e.errno


folder = tempfile.mkdtemp()
path = os.path.join(folder, "text.txt")
with io.open(path, "w", encoding="utf-8") as f:
    f.write(u"caf\u00e9 na\u00efve")
print(read(path), read(path + ".nope"))
print(fail("io"), fail("env"), fail("socket"))
WORD = re.compile(r"\w+", re.U)
print(WORD.findall(read(path)), re.findall(u"(?i)CAF\u00c9", read(path), re.UNICODE | re.I))
print(re.sub(r"\s", "_", u"a b\u3000c", 0, re.U), WORD.flags == re.compile(r"\w+").flags)
print(json.dumps({"k": [1, 2]}), pickle.loads(pickle.dumps([1, u"x"])))
