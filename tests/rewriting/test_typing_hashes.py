"""typing's aliases keep their hashes while the python3-only stage loads libcst, with the same
values, and get their own __hash__ back after (workers/rewriting/typing_hashes.py)."""
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from workers.rewriting.typing_hashes import _ALIAS_CLASSES, alias_hashes_kept

REPO = Path(__file__).resolve().parents[2]


def _aliases():
    return [typing.Union[int, typing.Sequence[typing.Union[str, bytes]]], typing.List[int], typing.Optional[str]]


def test_the_alias_classes_of_this_python_are_found():
    assert typing._GenericAlias in _ALIAS_CLASSES


def test_inside_the_block_hashes_are_the_same_and_worked_out_once(monkeypatch):
    expected = [hash(alias) for alias in _aliases()]
    union = typing.Union[int, float]
    worked_out = []
    real = vars(type(union))["__hash__"]
    monkeypatch.setattr(type(union), "__hash__", lambda self: worked_out.append(self) or real(self))
    with alias_hashes_kept():
        assert [hash(alias) for alias in _aliases()] == expected
        assert hash(union) == hash(union) == real(union)
        assert worked_out.count(union) == 1


def test_afterwards_each_class_has_its_own_hash_again_also_after_an_error():
    before = {cls: vars(cls)["__hash__"] for cls in _ALIAS_CLASSES}
    with pytest.raises(ImportError):
        with alias_hashes_kept():
            assert {cls: vars(cls)["__hash__"] for cls in _ALIAS_CLASSES} != before
            raise ImportError("a codemod failed to load")
    assert {cls: vars(cls)["__hash__"] for cls in _ALIAS_CLASSES} == before


def test_loading_the_stage_leaves_typing_as_it_was_and_libcst_working():
    probe = ("import typing\n"
             "before = {c: vars(c)['__hash__'] for c in (typing._GenericAlias, typing._UnionGenericAlias)}\n"
             "from workers import fixers\n"
             "assert fixers.in_stage('python3-only')\n"
             "import libcst, libcst.matchers as m\n"
             "assert {c: vars(c)['__hash__'] for c in before} == before\n"
             "tree = libcst.parse_module('x = six.text_type\\n')\n"
             "print(len(m.findall(tree, m.Attribute(value=m.Name('six'), attr=m.Name('text_type')))))\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "1"
