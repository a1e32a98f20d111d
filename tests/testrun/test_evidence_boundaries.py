"""Evidence at the calls where Python 3 wants bytes (struct, hashlib, hmac, zlib, base64, socket): what a
real sandboxed 2.7 run gave each call, in kinds named after the boundary; the format stays additive."""
import re

from workers.engine import evidence
from workers.engine.interpreters import find_python2
from workers.testrun.evidence import record

from .conftest import make_project

# Each recorded call says what it must be recorded with, after "# expect:".
WIRE = """\
import base64
import hashlib
import hmac
import socket
import struct
import zlib
from hashlib import sha1


def frame(name, payload):
    header = struct.pack("<4sI", name, len(payload))  # expect: struct:native
    return header + zlib.compress(payload)  # expect: zlib:bytes


def length(framed):
    return struct.unpack("<I", framed[4:8])[0]  # expect: struct:native


def digest(text):
    h = hashlib.md5(text)  # expect: hashlib:text
    h.update(u"more")  # expect: hashlib:text
    h.update(b"\\xff")  # expect: hashlib:bytes
    return h.hexdigest() + sha1("abc").hexdigest() + hashlib.new("sha256", u"x").hexdigest()  # expect: hashlib:native hashlib:text


def token(raw):
    return base64.b64encode(raw)  # expect: base64:bytes


def signed(key, message):
    return hmac.new(key, message, hashlib.sha1).hexdigest()  # expect: hmac:native hmac:text


def save(path, data):
    with open(path, "wb") as f:
        f.write(data)  # expect: binary_file:bytes
        f.write(u"a")  # expect: binary_file:text
        f.writelines(["b"])  # expect: binary_file:native
    with open(path + ".txt", "w") as f:
        f.write(u"not binary")
    with open(path, "rb") as f:
        return isinstance(f, file) and f.read()


def roundtrip(data):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname())
    conn = server.accept()[0]
    client.sendall(data)  # expect: socket:native
    client.send(u"x")  # expect: socket:text
    got = conn.recv(2)
    got += conn.recv(1)
    for each in (client, conn, server):
        each.close()
    return got
"""
TESTS = """\
import marshal
import os
import tempfile
import unittest

import wire


class WireTest(unittest.TestCase):
    def test_frame(self):
        self.assertEqual(wire.length(wire.frame("PING", "\\xff\\x00")), 2)

    def test_digest(self):
        self.assertEqual(len(wire.digest(u"abc")), 32 + 40 + 64)

    def test_token(self):
        self.assertEqual(wire.token("\\xfb\\xff"), "+/8=")

    def test_signed(self):
        self.assertEqual(len(wire.signed("key", u"message")), 40)

    def test_save(self):
        path = os.path.join(tempfile.mkdtemp(), "out.bin")
        self.assertEqual(wire.save(path, "\\xff"), "\\xffab")
        with open(path, "wb") as f:
            marshal.dump(255, f)  # a C function taking a real file still takes it
        self.assertEqual(marshal.load(open(path, "rb")), 255)

    def test_roundtrip(self):
        self.assertEqual(wire.roundtrip("ab"), "abx")
"""


def expected_sites(source):
    return {number: frozenset(re.search(r"# expect: (.*)$", line).group(1).split())
            for number, line in enumerate(source.splitlines(), 1) if "# expect:" in line}


def test_calls_at_bytes_boundaries_are_recorded_with_what_they_were_given(tmp_path):
    project = make_project(tmp_path / "p", {"wire.py": WIRE, "test_wire.py": TESTS})
    recording = record(project, find_python2())
    assert recording.problem == "" and recording.suite.run.count("passed") == 6
    assert recording.evidence == {"wire.py": expected_sites(WIRE)}
    summary = recording.summary()
    assert (summary["sites"], summary["boundary_sites"], summary["boundary_text"]) == (0, 14, 6)
    assert recording.unicode_at_boundaries() == [
        "wire.py:%d (%s)" % (line, sorted(kinds)[-1].split(":")[0])
        for line, kinds in sorted(expected_sites(WIRE).items()) if any(k.endswith(":text") for k in kinds)]


def test_the_format_is_additive():
    old = '{"a.py": {"3": ["bytes", "native"]}}'
    assert evidence.loads(old) == {"a.py": {3: {"bytes", "native"}}}
    new = '{"a.py": {"3": ["bytes"], "4": ["struct:text", "zlib:bytes", "future:kind", "struct:evil"]}}'
    assert evidence.loads(new) == {"a.py": {3: {"bytes"}, 4: {"struct:text", "zlib:bytes"}}}
    assert evidence.loads(evidence.dumps(evidence.loads(new))) == evidence.loads(new)


def test_evidence_output_lists_the_calls_given_unicode():
    from bot.evidence_cli import render

    data = {"python": "2.7.18", "output": "e.json", "problem": "", "could_not_start": "",
            "tests": {"ran": 4, "passed": 4}, "files": 1, "sites": 0, "bytes": 0, "text": 0, "native_only": 0,
            "boundary_sites": 10, "boundary_text": 2,
            "unicode_at_boundaries": ["wire.py:19 (hashlib)", "wire.py:40 (socket)"]}
    assert "10 call(s) at bytes boundaries (struct, hashlib, hmac, zlib, base64, socket, binary files), 2 given " \
           "unicode (refused there on Python 3):\n  wire.py:19 (hashlib)\n  wire.py:40 (socket)\n" in render(data)
