"""The fixer registry: every module in this package defines one fixer as `FIXER`.

Adding a transformation is adding a module here (its name is the fixer's name) and a folder of
cases under tests/fixers/cases/<name>/. The Python-3-only stage's fixers are libcst codemods, one
module each in workers/codemods/ (cases under tests/codemods/cases/<name>/). Fixers are listed in
stage order, then by `order`.
"""
import importlib
import pkgutil

from workers import codemods
from workers.rewriting.fixer import STAGES


class UnknownFixer(KeyError):
    pass


def _load():
    fixers = list(_fixers_in(__name__, __path__)) + list(_fixers_in(codemods.__name__, codemods.__path__))
    fixers.sort(key=lambda f: (STAGES.index(f.stage), f.order, f.name))
    return fixers


def _fixers_in(package, path):
    for module_info in pkgutil.iter_modules(path):
        module = importlib.import_module("%s.%s" % (package, module_info.name))
        fixer = module.FIXER
        fixer.name = module_info.name
        assert fixer.stage in STAGES, (fixer.name, fixer.stage)
        yield fixer


ALL = _load()
BY_NAME = {fixer.name: fixer for fixer in ALL}
assert len(BY_NAME) == len(ALL), "two fixers share a name"


def get(name):
    try:
        return BY_NAME[name]
    except KeyError:
        raise UnknownFixer(name) from None


def in_stage(stage):
    return [fixer for fixer in ALL if fixer.stage == stage]


def in_stages(stages):
    return [fixer for fixer in ALL if fixer.stage in stages]
