"""libcst's matcher classes are built without signature docstrings when the python3-only stage
loads, and dataclasses is left as it was (workers/rewriting/dataclass_docs.py)."""
import dataclasses
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from workers.rewriting.dataclass_docs import signature_docs_skipped

REPO = Path(__file__).resolve().parents[2]


def _undocumented_dataclass():
    @dataclasses.dataclass
    class Point:
        x: int
        y: int = 0
    return Point


def test_inside_the_block_the_docstring_is_the_class_name():
    with signature_docs_skipped():
        assert _undocumented_dataclass().__doc__ == "Point"


def test_after_the_block_dataclasses_writes_signatures_again():
    with signature_docs_skipped():
        pass
    assert dataclasses.inspect is inspect
    assert _undocumented_dataclass().__doc__ == "Point(x: int, y: int = 0)"


def test_restored_when_the_block_raises():
    with pytest.raises(ImportError):
        with signature_docs_skipped():
            raise ImportError("a codemod failed to load")
    assert dataclasses.inspect is inspect


def test_a_documented_dataclass_keeps_its_docstring():
    with signature_docs_skipped():
        @dataclasses.dataclass
        class Documented:
            """Said by hand."""
            x: int
    assert Documented.__doc__ == "Said by hand."


def test_loading_the_stage_builds_libcst_without_signature_docstrings():
    """In a fresh interpreter, where the registry is the first to import libcst, as in a CLI run."""
    script = ("from workers import fixers\n"
              "fixers.in_stages(('python3-only',))\n"
              "import dataclasses, inspect, libcst.matchers\n"
              "print(libcst.matchers.Name.__doc__, dataclasses.inspect is inspect)\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["Name", "True"]
