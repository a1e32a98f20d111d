"""Fixer cases: tests/fixers/cases/<fixer>/<case>.in, and <case>.out when the fixer changes it.

A case with no .out must come out unchanged. Files are compared as bytes, so encoding, BOM and
line-ending cases are what they look like on disk.
"""
from dataclasses import dataclass
from pathlib import Path

from workers import fixers as registry
from workers.engine import source
from workers.engine.apply import transform_text

CASES_DIR = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class Case:
    fixer: str
    name: str
    input: bytes
    expected: bytes  # equal to input when the case must stay unchanged

    @property
    def id(self):
        return "%s/%s" % (self.fixer, self.name)


def load_cases():
    cases = []
    for folder in sorted(p for p in CASES_DIR.iterdir() if p.is_dir()):
        for case_in in sorted(folder.glob("*.in")):
            case_out = case_in.with_suffix(".out")
            data = case_in.read_bytes()
            cases.append(Case(folder.name, case_in.stem, data, case_out.read_bytes() if case_out.exists() else data))
    return cases


def run_fixer(name, data):
    """Bytes after applying one fixer, through the same code path as `apply`; plus sites found/fixed."""
    from workers.engine import parsing

    fixer = registry.get(name)
    src = source.decode(data)
    found = fixer.find(parsing.parse(src.text))
    new_text, fixed = transform_text(src.text, [fixer])
    return src.encode(new_text), found, fixed.get(name, [])
