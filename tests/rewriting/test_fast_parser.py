"""fast_parser builds the trees, and raises the errors, of fissix's stock pgen2 driver."""
import gc
import io
import pathlib

import pytest
from fissix import pygram, pytree
from fissix.pgen2 import driver, tokenize

from workers.rewriting import fast_parser, parsing

CASES = pathlib.Path(__file__).parent.parent / "fixers" / "cases"
GRAMMARS = {"print statement": pygram.python_grammar,
            "print function": pygram.python_grammar_no_print_statement}

INVALID = [
    "x = $\n",                      # bad token
    "def f(:\n    pass\n",          # bad input
    "x = (1,\n",                    # tokenizer: EOF in multi-line statement
    "if x:\ny = 1\n",               # expected an indent
    "if x:\n        a\n    b\n",    # unindent to no level
    "x = 1 2\n",
    "print >>f, x\n",               # a statement only with the print statement
    "print(x, file=f)\n",           # a call only without it
    "class A:\n    def f(self):\n        return\n      x\n",
    "lambda: (yield)\n)\n",
    "",
    "\n",
    "# only a comment",
]

VALID = [
    "x = `y` <> 0777L\n",
    "exec 'x' in d\nprint >>sys.stderr, 'a', ur'b'\n",
    "def f(a, (b, c)=(1, 2), *args, **kw):\n    raise E, 'x', tb\n",
    "x = [i for i in y if i]\n\n\n# trailing comment\n",
    "if x:\n\tpass\n\n  # odd comment\nelse:\n    pass\n",
    "@d\nclass A(B):\n    'doc'\n    x = 1; y = 2;\n",
    "a = (1,\n     2)  # c\nb = \\\n    3\n",
    "async = 1\nawait = 2\n",
    "f(**{'a': 1})[::2] ** -x\n",
]


def _shape(tree):
    """Every node's type, value, prefix, position and fixers_applied, depth first, without
    recursion (some cases nest deeper than str() could walk)."""
    out, stack = [], [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, pytree.Leaf):
            out.append((depth, "leaf", node.type, node.value, node.prefix, node.lineno, node.column,
                        node.fixers_applied, list(vars(node))))
        else:
            assert all(child.parent is node for child in node.children)
            out.append((depth, "node", node.type, node.prefix, node.fixers_applied, len(node.children),
                        list(vars(node))))
            stack.extend((child, depth + 1) for child in reversed(node.children))
    return out


def _outcome(parser, text):
    try:
        tree = parser.parse_string(text)
    except Exception as err:
        return ("error", type(err), str(err), getattr(err, "msg", None), getattr(err, "context", None))
    return ("tree", parsing.source_text(tree), _shape(tree), tree.parent, sorted(tree.used_names))


def _sources():
    """Each case's input, whole and cut short (an error somewhere in most)."""
    for path in sorted(CASES.rglob("*.in")):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        yield str(path.relative_to(CASES)), text
        yield "%s, first third and a bracket" % path.name, text[:len(text) // 3] + ")\n"


def _mismatches(grammar, sources):
    stock = driver.Driver(grammar, convert=pytree.convert)
    fast = fast_parser.Driver(grammar)
    return [name for name, text in sources if _outcome(stock, text) != _outcome(fast, text)]


@pytest.mark.parametrize("grammar", GRAMMARS.values(), ids=GRAMMARS.keys())
def test_fixer_cases_parse_alike(grammar):
    sources = list(_sources())
    assert len(sources) > 1000
    assert _mismatches(grammar, sources) == []


@pytest.mark.parametrize("grammar", GRAMMARS.values(), ids=GRAMMARS.keys())
def test_snippets_parse_and_fail_alike(grammar):
    sources = [(text, text) for text in VALID + INVALID]
    assert _mismatches(grammar, sources) == []


def test_each_error_kind_is_raised_alike():
    grammar = pygram.python_grammar
    outcomes = [_outcome(fast_parser.Driver(grammar), text) for text in ["x = $\n", "def f(:\n", "x = (1,\n"]]
    assert [outcome[3] for outcome in outcomes] == ["bad token", "bad input", None]
    assert outcomes[2][1] is tokenize.TokenError


def test_tokens_ending_too_soon_are_incomplete_input_alike():
    grammar = pygram.python_grammar
    tokens = list(tokenize.generate_tokens(io.StringIO("x = 1\n").readline))[:-2]
    stock = _outcome_of_tokens(driver.Driver(grammar, convert=pytree.convert), tokens)
    assert stock[3] == "incomplete input"
    assert _outcome_of_tokens(fast_parser.Driver(grammar), tokens) == stock


def _outcome_of_tokens(parser, tokens):
    try:
        parser.parse_tokens(iter(tokens))
    except Exception as err:
        return ("error", type(err), str(err), err.msg, err.context)
    return ("tree",)


@pytest.mark.parametrize("grammar", GRAMMARS.values(), ids=GRAMMARS.keys())
def test_every_transition_of_the_grammar_is_worked_out(grammar):
    """The action table has an entry for every state and token label, none half-way (a first set
    promising a token the DFA then cannot take would raise)."""
    tables = fast_parser.tables(grammar)
    terminals = [label for label, (kind, _) in enumerate(grammar.labels) if kind < 256]
    for actions in tables.actions:
        for label in terminals:
            actions[label]
    assert sum(action is not None for actions in tables.actions for action in actions.values()) > 1000


def test_parsing_uses_the_fast_driver():
    assert isinstance(parsing._driver(pygram.python_grammar), fast_parser.Driver)


def test_no_garbage_collection_runs_during_a_parse():
    """Without the pause a parse of this text starts a hundred collections."""
    text = "".join("def f%d(a, b):\n    return [a + b * %d for _ in range(3)]\n" % (i, i) for i in range(2000))
    parser = fast_parser.Driver(pygram.python_grammar)
    collections = []

    def count(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        parser.parse_string(text)
    finally:
        gc.callbacks.remove(count)
    assert len(collections) <= 1  # the one the parse's allocations start once the collector is back


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled):
    parser = fast_parser.Driver(pygram.python_grammar)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        parser.parse_string("x = 1\n")
        with pytest.raises(Exception):
            parser.parse_string("x = = 1\n")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
