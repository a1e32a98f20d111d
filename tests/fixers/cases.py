"""Fixer cases: tests/fixers/cases/<fixer>/<case>.in, and <case>.out when the fixer changes it.

A case with no .out must come out unchanged. Files are compared as bytes, so encoding, BOM and
line-ending cases are what they look like on disk. An optional <case>.package lists the module
names next to the case's module in its package (one a line): the case then gets a ModuleContext.
A name written `!name` is also one of the context's `late_modules` (a sibling in an import cycle
with the module); `^name` is a late one the package's __init__ rebinds to another value (`rebound_modules`),
`~name` one it deletes (`deleted_modules`). A line `name: a b c` also gives what
`from name import *` binds (the context's `star_exports`). A line `*` says another module
star-imports the case's module (the context's `star_imported`). A line `%name` says the module
imports the checkout's module `name`, whose classes define their own has_key() (the context's
`has_key_imports`). A line `@layout` says the folder is taken for one loaded by path from where it
sits (`loaded_by_path` and `loaded_by_path_from_layout`).
A report-only fixer's case states what it must report in <case>.found: one finding a line, as
`<line>` (the line the finding starts on). A rewriting fixer's case may have a .found too: the
lines of the sites it changes that carry a note for the reviewer (the rest of each line is a comment).
An optional <case>.evidence holds what the 2.7 tests recorded for the case's module, as the
evidence file has it for one path ({"LINE": ["bytes" | "text" | "native"]}, workers/engine/evidence.py):
the case's context then carries it.
A case whose output Python 3 must still refuse to compile (a file no fixer can make Python 3, left
to the plan's `unconvertible` report) says so in <case>.py3error: the text Python 3's error contains.
"""
from dataclasses import dataclass
from pathlib import Path

from workers import fixers as registry
from workers.files import source
from workers.engine.apply import parse_for, transform_text
from workers.rewriting import parsing

CASES_DIR = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class Case:
    fixer: str
    name: str
    input: bytes
    expected: bytes  # equal to input when the case must stay unchanged
    context: object = None  # a ModuleContext when the case has a .package file
    found: tuple = None  # report-only fixers: the lines findings start on, from <case>.found
    py3_error: str = None  # what Python 3 still says compiling the output, from <case>.py3error

    @property
    def id(self):
        return "%s/%s" % (self.fixer, self.name)


def load_cases(cases_dir=CASES_DIR):
    cases = []
    for folder in sorted(p for p in cases_dir.iterdir() if p.is_dir()):
        for case_in in sorted(folder.glob("*.in")):
            case_out = case_in.with_suffix(".out")
            data = case_in.read_bytes()
            package = case_in.with_suffix(".package")
            context = None
            if package.exists():
                from workers.engine.context import ModuleContext

                lines = [line.strip() for line in package.read_text().splitlines() if line.strip()]
                star_imported = "*" in lines
                has_key_imports = frozenset(line[1:] for line in lines if line.startswith("%"))
                by_layout = "@layout" in lines
                lines = [line for line in lines if line not in ("*", "@layout") and not line.startswith("%")]
                exports = tuple(sorted((line.split(":")[0].strip(), tuple(sorted(line.split(":")[1].split())))
                                       for line in lines if ":" in line))
                lines = [line.split(":")[0].strip() for line in lines]
                siblings = frozenset(line.lstrip("!^~") for line in lines)
                late = frozenset(line[1:] for line in lines if line[0] in "!^~")
                rebound = frozenset(line[1:] for line in lines if line.startswith("^"))
                deleted = frozenset(line[1:] for line in lines if line.startswith("~"))
                context = ModuleContext("pkg/%s.py" % case_in.stem, siblings, late, star_exports=exports,
                                        star_imported=star_imported, has_key_imports=has_key_imports,
                                        rebound_modules=rebound, deleted_modules=deleted,
                                        loaded_by_path=by_layout, loaded_by_path_from_layout=by_layout)
            evidence_file = case_in.with_suffix(".evidence")
            if evidence_file.exists():
                context = with_evidence(context, case_in.stem, evidence_file)
            found_file = case_in.with_suffix(".found")
            found = tuple(int(line.split()[0]) for line in found_file.read_text().splitlines() if line.strip()) \
                if found_file.exists() else None
            py3_error_file = case_in.with_suffix(".py3error")
            py3_error = py3_error_file.read_text().strip() if py3_error_file.exists() else None
            cases.append(Case(folder.name, case_in.stem, data, case_out.read_bytes() if case_out.exists() else data,
                              context, found, py3_error))
    return cases


def case_trees():
    """(case id, fissix tree of its input) for every case whose input parses."""
    for case in load_cases():
        try:
            yield case.id, parsing.parse(source.decode(case.input).text)
        except parsing.ParseError:
            continue


def with_evidence(context, stem, evidence_file):
    """`context` (a new one when None) carrying the evidence in `evidence_file`."""
    import dataclasses
    import json

    from workers.engine import evidence
    from workers.engine.context import ModuleContext

    context = context or ModuleContext("%s.py" % stem)
    loaded = evidence.loads(json.dumps({context.path: json.loads(evidence_file.read_text())}))
    return dataclasses.replace(context, evidence=evidence.for_module(loaded, context.path))


def run_fixer(name, data, context=None):
    """Bytes after applying one fixer, through the same code path as `apply`; plus sites found/fixed."""
    fixer = registry.get(name)
    src = source.decode(data)
    found = fixer.find(parse_for(fixer, src.text, context))
    new_text, fixed = transform_text(src.text, [fixer], context)
    return src.encode(new_text), found, fixed.get(name, [])
