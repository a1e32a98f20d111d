"""Bytes/text evidence recorded by a real sandboxed 2.7 run, then used by the stringio fixer."""
import shutil

from workers.engine import evidence
from workers.engine.apply import apply_fixers
from workers.engine.interpreters import find_python2, find_python3
from workers.fixers.stringio import NO_EVIDENCE, RECORDED_BYTES, RECORDED_TEXT
from workers.testrun.evidence import record
from workers.testrun.session import run_session

from .conftest import make_project

# A cStringIO buffer filled with what a test read from a file opened "rb": nothing in buffers.py
# says bytes, so the stringio fixer's static guess is text (io.StringIO on 3), which 3 rejects.
BUFFERS = """\
from cStringIO import StringIO


def collect(chunks):
    buf = StringIO()
    for chunk in chunks:
        buf.write(chunk)
    return buf
"""
TITLES = """\
import StringIO


def titles(names):
    out = StringIO.StringIO()
    for name in names:
        out.write(name.title())
    return out.getvalue()
"""
TESTS = """\
import os
import unittest

import buffers
import titles

HERE = os.path.dirname(os.path.abspath(__file__))


class BuffersTest(unittest.TestCase):
    def test_binary_file_into_buffer(self):
        with open(os.path.join(HERE, "blob.bin"), "rb") as f:
            chunks = [f.read(4), f.read()]
        self.assertEqual(buffers.collect(chunks).getvalue()[:2], b"\\x89P")

    def test_titles(self):
        self.assertEqual(titles.titles([u"ab", u"cd"]), u"AbCd")
"""
BLOB = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"


def buffers_project(root):
    project = make_project(root, {"buffers.py": BUFFERS, "titles.py": TITLES, "test_buffers.py": TESTS})
    (project / "blob.bin").write_bytes(BLOB)
    return project


def stringio(project, evidence_found=None):
    result = apply_fixers(project, ["stringio"], ["buffers.py", "titles.py"], [find_python2(), find_python3()],
                          evidence=evidence_found)
    assert [f.status for f in result.files] == ["changed", "changed"]
    return {f.path: [site.note for site in f.sites["stringio"]] for f in result.files}


def test_buffers_get_the_kind_the_27_tests_wrote_and_run_on_27_and_3(tmp_path):
    project = buffers_project(tmp_path / "p")
    guessed = shutil.copytree(project, tmp_path / "guessed")
    recording = record(project, find_python2())
    assert recording.problem == ""
    assert recording.suite.run.count("passed") == 2
    assert recording.evidence == {"buffers.py": {5: {"bytes"}}, "titles.py": {5: {"text"}}}
    evidence_file = tmp_path / "evidence.json"
    evidence_file.write_text(evidence.dumps(recording.evidence))

    # decided by the evidence where the code alone guessed: listed with the line each buffer is made at
    assert stringio(project, evidence.load_file(evidence_file)) == {
        "buffers.py": [RECORDED_BYTES % "line 5"], "titles.py": [RECORDED_TEXT % "line 5"]}
    assert "    from io import BytesIO as StringIO\n" in (project / "buffers.py").read_text()
    assert "from six import StringIO" in (project / "titles.py").read_text()
    for report in run_session(None, project, [find_python2(), find_python3()]):
        assert (report.label, report.after.run.count("passed")) == (report.label, 2)

    # without the evidence: the static guess, text, noted for review
    assert stringio(guessed)["buffers.py"] == [NO_EVIDENCE]
    assert "from six.moves import cStringIO" in (guessed / "buffers.py").read_text()


def test_recorder_output_is_untrusted_data(tmp_path):
    project = buffers_project(tmp_path / "p")
    (project / "test_forged.py").write_text(
        "import os, unittest\n"
        "class Forged(unittest.TestCase):\n"
        "    def test_forge(self):\n"
        "        with open(os.environ['PY3BRIDGE_EVIDENCE_FILE'], 'a') as f:\n"
        "            f.write('{\"../../etc/passwd.py\": {\"1\": [\"bytes\"]}, \"/abs.py\": {\"1\": [\"text\"]}}\\n')\n"
        "            f.write('not json\\n{\"ok.py\": {\"0\": [\"bytes\"], \"7\": [\"bytes\", \"evil\"], \"x\": [1]}}\\n')\n")
    recording = record(project, find_python2())
    assert recording.suite.run.count("passed") == 3
    assert recording.evidence == {"buffers.py": {5: {"bytes"}}, "titles.py": {5: {"text"}},
                                  "ok.py": {7: {"bytes"}}}
