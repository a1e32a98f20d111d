"""Evidence at builtin open() calls for reading in text mode: a real sandboxed 2.7 run notes
"text_read:bytes" at the open() through which the code read data that is not UTF-8, by any of
read, readline, readlines and iteration, and nothing where it read only UTF-8."""
from workers.engine.interpreters import find_python2
from workers.testrun.evidence import record

from .conftest import make_project

READER = """\
def whole(path):
    return open(path).read()


def by_lines(path):
    return [line for line in open(path, "r")]


def first_line(path):
    f = open(path)
    try:
        return f.readline() + "".join(f.readlines())
    finally:
        f.close()


def binary(path):
    return open(path, "rb").read()


def old_spelling(path):
    return file(path).read() + file(path, "rb").read()
"""
TESTS = """\
import os
import tempfile
import unittest

import reader


def _written(data):
    path = os.path.join(tempfile.mkdtemp(), "data")
    with open(path, "wb") as f:
        f.write(data)
    return path


class ReaderTest(unittest.TestCase):
    def test_reads(self):
        marc8 = _written("abc\\n\\xe1a la communaut\\xe2e\\n")
        utf8 = _written("caf\\xc3\\xa9\\n")
        self.assertEqual(reader.whole(marc8), reader.binary(marc8))
        self.assertEqual(len(reader.by_lines(marc8)), 2)
        self.assertEqual(reader.first_line(marc8), reader.binary(marc8))
        self.assertEqual(reader.whole(utf8), "caf\\xc3\\xa9\\n")
        self.assertTrue(isinstance(open(marc8), file))
        self.assertEqual(reader.old_spelling(marc8), reader.binary(marc8) * 2)
        self.assertTrue(isinstance(file(marc8, "rb"), file) and issubclass(type(open(marc8)), file))

        class Log(file):
            pass

        log = Log(_written(""), "w")
        self.assertTrue(isinstance(log, file) and type(log) is Log)
"""


def test_text_mode_opens_that_read_data_are_recorded(tmp_path):
    project = make_project(tmp_path / "p", {"reader.py": READER, "test_reader.py": TESTS})
    recording = record(project, find_python2())
    assert recording.problem == "" and recording.suite.run.count("passed") == 1
    assert recording.evidence["reader.py"] == {2: {"text_read:bytes"}, 6: {"text_read:bytes"}, 10: {"text_read:bytes"},
                                               22: {"text_read:bytes"}}
