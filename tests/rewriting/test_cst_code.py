"""code_of writes a libcst module out exactly as libcst's own `module.code` does
(workers/rewriting/cst_code.py)."""
from pathlib import Path

import libcst as cst
import pytest

from workers.rewriting.cst_code import code_of

TRICKY = [
    "@decorator(1)\nclass A(B, metaclass=M):  # comment\n    x: int = 1; y = 2\n",
    "def f(*, a=1, **kw):\r\n\treturn f'{a!r:>{kw}}' if a else (yield)\r\n",
    "async def g():\n    async with a as (b, c):\n        await b\n    return [x async for x in c]\n",
    "x = [\n    1,  # one\n    2,\n]\nlambda: (a := 1)\n",
]


def _parsed_cases():
    """The codemods' case inputs that libcst reads (some are meant to be left alone unread)."""
    modules = []
    for path in sorted(Path(__file__).resolve().parents[1].glob("codemods/cases/*/*.in")):
        try:
            modules.append(pytest.param(cst.parse_module(path.read_bytes()), id=path.parent.name + "/" + path.name))
        except cst.ParserSyntaxError:
            continue
    return modules


@pytest.mark.parametrize("text", TRICKY)
def test_the_text_parsed_comes_back(text):
    module = cst.parse_module(text)
    assert code_of(module) == module.code == text


@pytest.mark.parametrize("module", _parsed_cases())
def test_the_same_text_as_libcst_writes_for_every_codemod_case(module):
    assert code_of(module) == module.code


def test_a_changed_module_is_written_as_changed():
    module = cst.parse_module("x = 1\ny = 2\n")
    swapped = module.with_changes(body=[module.body[1], module.body[0]])
    assert code_of(swapped) == swapped.code == "y = 2\nx = 1\n"
