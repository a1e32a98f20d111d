"""source_tokens gives the parser the tokens and prefixes fissix's tokenizer and driver give it, or
None where it leaves the text to them."""
import io
import pathlib
import re
import subprocess

import pytest
from fissix.pgen2 import tokenize

from workers.engine.interpreters import find_python2
from workers.files import source
from workers.rewriting import source_tokens
from workers.rewriting.fast_parser import with_prefixes

CASES = pathlib.Path(__file__).parent.parent / "fixers" / "cases"

ALIKE = [
    "x = `y` <> 0777L + 0x1fL + 1e-5j + .5 + 1_000\n",
    "s = ur'a' + b'b' + rb'c' + U\"d\" + f'e' + br'''f\ng''' + ub\n",
    "if x:\n\tif y:\n\t\tpass\n        z = 1\n",        # a tab is 8 columns
    "if x:\n    y = 1\n  \f    z = 2\n",                # \f resets the column
    "a = (1,\n\n     # inside\n     2)  # c\nb = \\\n    3\n",
    "s = 'a\\\nb' + \"c\\\n\\\nd\"\nt = '''x\n\\'''\ny'''\n",
    "def f():\n    x = 1\n    # about g\n\n# the end\n",
    "class A:\n    def f(self):\n        pass\n\n    # between\n  # odd\n    def g(self): return\n",
    "if x:\n    \\\n    pass\n",
    "x = 1 \\\n\ny = 2\n",
    "\n\n# only comments\n  # and indented ones\n",
    "\n",
    "print >>sys.stderr, x, ; exec 'y' in d\nx = [i for i in y]...\n",
    "lambda: (yield)\n",
    "x = 1 2 (\n)\n",                                  # tokenizes; the parser refuses it
]

LEFT_TO_FISSIX = [
    "x = 1\r\ny = 2\r\n",
    "async def f():\n    await g()\n",
    "s = 'abc\n",                 # unterminated string
    "s = '''abc\n",
    "x = $\n",
    "x = 1)\ny = 2\n",
    "if x:\n        a\n    b\n",  # a dedent to no level
    "x = (1,\n",
    "x = 1 \\\n",
    "x = 1",                      # no final newline
    "\u00e9t\u00e9 = 1\n",        # a name fissix's tokenizer reads as an operator
]


def _fissix(text):
    """The tokens fissix's tokenizer and driver hand the parser, up to ENDMARKER."""
    tokens = []
    for token in with_prefixes(tokenize.generate_tokens(io.StringIO(text).readline)):
        tokens.append(token)
        if token[0] == tokenize.ENDMARKER:
            return tokens
    raise AssertionError("no ENDMARKER")


@pytest.mark.parametrize("text", ALIKE)
def test_snippets_tokenize_as_fissix_does(text):
    assert source_tokens.significant_tokens(text) == _fissix(text)


@pytest.mark.parametrize("text", LEFT_TO_FISSIX)
def test_text_it_might_read_otherwise_is_left_to_fissix(text):
    assert source_tokens.significant_tokens(text) is None


def test_every_case_tokenizes_as_fissix_does():
    compared = 0
    for path in sorted(CASES.rglob("*.in")):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        text += "" if text.endswith("\n") else "\n"
        tokens = source_tokens.significant_tokens(text)
        if tokens is not None:
            assert tokens == _fissix(text), path
            compared += 1
    assert compared > 700  # the fast path is the common one


def test_groups_become_non_capturing_but_classes_stay():
    pattern = source_tokens._non_capturing(r"(a|[(\]])(?:b)\(c\)|[^(]")
    assert pattern == r"(?:a|[(\]])(?:b)\(c\)|[^(]"
    assert re.compile(source_tokens._non_capturing(tokenize.Funny)).findall("f(x)[1]") == ["(", ")", "[", "]"]


def test_python_2_standard_library_tokenizes_as_fissix_does():
    # Real Python 2 code beyond the cases: every seventh module of 2.7's own library.
    library = subprocess.run([find_python2().path, "-c", "import os; print(os.path.dirname(os.__file__))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    modules = sorted(pathlib.Path(library).glob("*.py"))[::7]
    compared = 0
    for path in modules:
        text = source.decode(path.read_bytes()).text
        tokens = source_tokens.significant_tokens(text)
        if tokens is not None:
            assert tokens == _fissix(text), path
            compared += 1
    assert compared > 0.9 * len(modules) > 20
