"""code_alone: a module's code with strings emptied and comments dropped, as Python's tokenizer sees them."""
import io

import pytest
from fissix.pgen2 import token, tokenize

from tests.fixers.cases import load_cases
from workers.rewriting.code_view import SourceView, code_alone


@pytest.mark.parametrize("text, code", [
    ('x = "a/b"  # c/d\ny = 1/2\n', 'x = ""  \ny = 1/2\n'),
    ("u'#x' + b\"q\"  # it's\nfor\n", "'' + \"\"  \nfor\n"),
    ('"""doc\n/ more"""\nimport os\n', '""\nimport os\n'),
    ("s = '''a\\''''\nz\n", "s = ''\nz\n"),  # an escaped quote does not end a triple-quoted string
    ("'''a''''b'\n", "''''\n"),  # the first three quotes end it; the fourth starts another string
    ('ur"\\"" / 2\n', '"" / 2\n'),
    ('x or"y"\n', 'x or""\n'),  # `r` ending a word is not a prefix
    ("'a\\\nb' + file\n", "'' + file\n"),  # a backslash-newline inside a string
    ("x = 'unterminated\ny/2\n", "x = 'unterminated\ny/2\n"),
])
def test_strings_emptied_and_comments_dropped(text, code):
    assert code_alone(text) == code


def _tokens(text):
    """(type, value) of the tokens that are not layout or comments; strings as two of their quotes."""
    found = []
    for kind, value, _, _, _ in tokenize.generate_tokens(io.StringIO(text).readline):
        if kind in (tokenize.COMMENT, tokenize.NL, token.NEWLINE, token.INDENT, token.DEDENT, token.ENDMARKER):
            continue
        if kind == token.STRING:
            value = value.lstrip("rRuUbBfF")[0] * 2
        found.append((kind, value))
    return found


def _case_texts():
    texts = []
    for case in load_cases():
        try:
            text = case.input.decode("utf-8")
            _tokens(text)
        except (UnicodeDecodeError, tokenize.TokenError, IndentationError):
            continue
        texts.append(pytest.param(text, id=case.id))
    return texts


@pytest.mark.parametrize("text", _case_texts())
def test_code_holds_the_tokens_of_the_text(text):
    # Every fixer case's Python 2 source: the code view tokenizes to the same names, operators and
    # numbers, each string now empty, no comment left.
    assert _tokens(code_alone(text)) == _tokens(text)


def test_view_makes_the_code_once():
    view = SourceView("x = '/'  # /\n")
    assert view.text == "x = '/'  # /\n"
    assert view.code == "x = ''  \n"
    assert view.code is view.code
