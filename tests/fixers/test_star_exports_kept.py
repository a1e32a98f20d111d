"""Every fixer case's input, as a module another module star-imports, through the whole 2+3 stage:
each name `from it import *` gave before is still bound after (a fixer that unbinds one, or an
`__all__` naming a name a later fixer removed, breaks the importer on 2.7), and it gives no new
one (six's range or map would replace the importer's builtins on 2.7)."""
import dataclasses

import pytest

from workers import fixers as registry
from workers.engine.apply import parse_for, transform_text
from workers.engine.context import ModuleContext
from workers.rewriting import parsing
from workers.rewriting.fixer import TWO_AND_THREE_STAGES
from workers.rewriting.module_exports import exported_names
from workers.rewriting.scopes import collect_bound_names
from workers.files import source

from .cases import load_cases

FIXERS = [fixer for fixer in registry.in_stages(TWO_AND_THREE_STAGES) if not fixer.reports_only]


def _star_imported_cases():
    cases = []
    for case in load_cases():
        try:
            text = source.decode(case.input).text
            parsing.parse(text, case.context)
        except (source.SourceError, parsing.ParseError):
            continue
        if exported_names(text):
            cases.append(case)
    return cases


def _star_imported(context, name):
    context = context or ModuleContext("pkg/%s.py" % name)
    return dataclasses.replace(context, star_imported=True)


@pytest.mark.parametrize("case", _star_imported_cases(), ids=lambda c: c.id)
def test_star_exported_names_stay_bound(case):
    text = source.decode(case.input).text
    context = _star_imported(case.context, case.name)
    output = transform_text(text, FIXERS, context)[0]
    tree = parse_for(FIXERS[-1], output, context)
    missing = set(exported_names(text)) - set(collect_bound_names(tree))
    assert not missing, output
    leaked = set(exported_names(output) or ()) - set(exported_names(text))  # six, range, map … on 2.7
    assert not leaked, output
