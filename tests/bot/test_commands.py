"""The slash-command parser, table-driven."""
import pytest

from common.command_grammar import REGISTRY, help_text, parse

FIXERS = ("print_function", "except_as")


@pytest.mark.parametrize("body, expected", [
    ("/py3bridge rebase", [("rebase", ())]),
    ("/PY3BRIDGE Rebase", [("rebase", ())]),
    ("   /py3bridge   retest   ", [("retest", ())]),
    ("@py3bridge explain", [("explain", ())]),
    ("@renamed-app status", []),  # not our slug
    ("thanks!\n/py3bridge skip print_function\n/py3bridge pause\nbye", [("skip", ("print_function",)), ("pause", ())]),
    ("> /py3bridge rebase", []),  # quoted in a reply
    ("  > /py3bridge rebase", []),
    ("```\n/py3bridge rebase\n```\n/py3bridge retest", [("retest", ())]),
    ("~~~\n/py3bridge rebase\n~~~", []),
    ("    /py3bridge rebase", []),  # indented code block
    ("please /py3bridge rebase", []),  # not at the start of the line
    ("/py3bridgerebase", []),
    ("/py3bridge\r\n/py3bridge next\r\n", [("", ()), ("next", ())]),
])
def test_parse(body, expected):
    assert [(c.name, c.args) for c in parse(body, "py3bridge", FIXERS)] == expected


def test_renamed_app_slug_is_honoured():
    assert [c.name for c in parse("@py3-bot-acme help", "py3-bot-acme")] == ["help"]


@pytest.mark.parametrize("body, problem", [
    ("/py3bridge frobnicate", "unknown command `frobnicate`"),
    ("/py3bridge rebase now", "`rebase` takes no arguments"),
    ("/py3bridge unskip", "`unskip` takes one fixer name"),
    ("/py3bridge skip a b", "`skip` takes one fixer name"),
    ("/py3bridge skip print_fuction", "unknown fixer `print_fuction`"),
    ("/py3bridge", "no command given"),
])
def test_bad_commands_carry_the_problem(body, problem):
    (command,) = parse(body, "py3bridge", FIXERS)
    assert command.problem == problem
    assert command.line == body


def test_help_is_generated_from_the_registry():
    text = help_text("py3bridge")
    for spec in REGISTRY.values():
        assert "`%s" % spec.name in text
    assert "`unskip <fixer>`" in text and "`skip [fixer]`" in text
    assert set(REGISTRY) == {"rebase", "recreate", "retest", "split", "skip", "unskip", "explain", "pause", "resume",
                             "next", "status", "drop-python2", "help"}
