"""The stage's codemods sharing walks (CstTree.fix_together, what apply runs) write what they
write one after the other, each in a walk of its own: on every case input and every program."""
from pathlib import Path

import pytest

from workers import fixers as registry
from workers.files import source
from workers.rewriting import codemod
from workers.rewriting.codemod import PYTHON3_ONLY

HERE = Path(__file__).parent
CODEMODS = [fixer for fixer in registry.in_stage(PYTHON3_ONLY) if not fixer.reports_only]


def read(path):
    return source.decode(path.read_bytes()).text


def several_codemods_apply(path):
    """An input only one codemod can touch is walked by that one alone: nothing to compare."""
    text = read(path)
    return sum(fixer.might_apply(text) for fixer in CODEMODS) > 1


INPUTS = [path for path in sorted(HERE.glob("cases/*/*.in")) + sorted(HERE.glob("programs/*.py"))
          if several_codemods_apply(path)]


def one_after_the_other(text):
    tree, sites = codemod.parse(text), {}
    for fixer in CODEMODS:
        found = fixer.fix(tree)
        if found:
            sites[fixer.name] = found
    return str(tree), sites


def together(text):
    tree = codemod.parse(text)
    sites = tree.fix_together(CODEMODS)
    return str(tree), sites


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: "%s/%s" % (p.parent.name, p.stem))
def test_shared_walks_write_what_separate_walks_write(path):
    text = read(path)
    expected_text, expected_sites = one_after_the_other(text)
    text_after, sites = together(text)
    assert text_after == expected_text
    assert sorted(sites) == sorted(expected_sites)
    assert together(text_after) == (text_after, {})  # and a second run changes nothing


def counting_walks(monkeypatch):
    walks = []

    def counted(tree, codemods, another_walk_allowed=False):
        walks.append(sorted(c.name for c in codemods if c.might_apply(str(tree))))
        return walk(tree, codemods, another_walk_allowed)

    walk = codemod.walk
    monkeypatch.setattr(codemod, "walk", counted)
    return walks


def test_a_codemod_that_must_see_another_ones_output_walks_again_after_it(monkeypatch):
    walks = counting_walks(monkeypatch)
    code = ("try:\n    from six.moves import configparser\nexcept ImportError:\n    import ConfigParser as configparser\n"
            "print(configparser)\n")
    tree = codemod.parse(code)
    sites = tree.fix_together(CODEMODS)
    assert {"six_moves", "import_fallbacks_py3"} <= set(sites)
    assert str(tree) == "import configparser\nprint(configparser)\n"
    assert walks[1:] == [["import_fallbacks_py3"]]


def test_a_file_needs_one_walk_when_no_codemod_waits_for_another(monkeypatch):
    walks = counting_walks(monkeypatch)
    code = ("from __future__ import print_function\nfrom six.moves import range\ntry:\n    import json\n"
            "except ImportError:\n    import simplejson as json\nprint(json, range)\n")
    tree = codemod.parse(code)
    assert {"future_imports", "six_moves", "import_fallbacks_py3"} <= set(tree.fix_together(CODEMODS))
    assert len(walks) == 1
