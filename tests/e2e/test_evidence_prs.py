"""Bytes and text decided from evidence, through the app: a cStringIO buffer that the tests fill with
what they read from a file opened 'rb' looks like text to the code alone, so the sync records the
2.7 suite once (in the sandbox) and the stringio PR makes it BytesIO, says so for review, and passes
on 2.7 and 3."""
import re

from standin.server import installation_event

from .conftest import INSTALLATION

BUFFERS = """\
from cStringIO import StringIO


def collect(chunks):
    buf = StringIO()
    for chunk in chunks:
        buf.write(chunk)
    return buf
"""
TESTS = """\
import os
import unittest

import buffers

HERE = os.path.dirname(os.path.abspath(__file__))


class BuffersTest(unittest.TestCase):
    def test_binary_file_into_buffer(self):
        with open(os.path.join(HERE, "blob.bin"), "rb") as f:
            chunks = [f.read(4), f.read()]
        self.assertEqual(buffers.collect(chunks).getvalue()[:2], b"\\x89P")
"""
FILES = {
    "requirements.txt": "",
    "buffers.py": BUFFERS,
    "test_buffers.py": TESTS,
    "blob.bin": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe",
    ".github/py3bridge.yml": "tests:\n  command: python -m unittest discover -v\nmax_open_prs: 3\n",
}
PASSED = "1 passed, 0 failed, 0 errors"


def test_a_buffer_the_27_tests_filled_with_bytes_becomes_bytesio_and_passes_on_27_and_3(stack):
    stack.state.make_repo("octo", "bufs", FILES, installation_id=INSTALLATION)
    stack.deliver("installation", installation_event(stack.state, stack.standin.urls, INSTALLATION))
    stack.run_worker()

    pulls = {p.pull.head_ref: p for p in stack.state.pulls("octo", "bufs")}
    pull = pulls["py3bridge/stringio-1"]
    diff = stack.state.pull_diff("octo", "bufs", pull.number)
    # cStringIO on 2.7 as before, io.BytesIO on 3
    assert "+    from cStringIO import StringIO\n+except ImportError:  # Python 3\n+    from io import BytesIO as StringIO" \
        in diff
    assert "`buffers.py:1`: decided by recorded evidence: the 2.7 tests wrote non-ASCII byte strings to " \
           "the buffer(s) made at line 5: chose bytes" in pull.body.split("## For review", 1)[1]
    rows = [line for line in pull.body.splitlines() if re.match(r"^\| (2\.7|3\.)", line)]
    assert len(rows) == 2 and all(row.rstrip(" |").endswith(PASSED) for row in rows), rows

    board = stack.state.issue_by_title("octo", "bufs", "Python 3 migration dashboard").body
    assert "### Bytes and text evidence" in board
    assert "(1 test(s) ran): 1 buffer site(s), 1 held bytes, 0 text" in board
    assert len(stack.redis.keys("py3bridge:evidence:octo/bufs:*")) == 1  # kept for the revision
