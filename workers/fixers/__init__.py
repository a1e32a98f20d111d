"""The fixer registry: every module in this package defines one fixer as `FIXER`.

Adding a transformation is adding a module here (its name is the fixer's name) and a folder of
cases under tests/fixers/cases/<name>/. Fixers are listed in stage order, then by `order`.
"""
import importlib
import pkgutil

from workers.rewriting.fixer import STAGES


class UnknownFixer(KeyError):
    pass


def _load():
    fixers = []
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module("%s.%s" % (__name__, module_info.name))
        fixer = module.FIXER
        fixer.name = module_info.name
        assert fixer.stage in STAGES, (fixer.name, fixer.stage)
        fixers.append(fixer)
    fixers.sort(key=lambda f: (STAGES.index(f.stage), f.order, f.name))
    return fixers


ALL = _load()
BY_NAME = {fixer.name: fixer for fixer in ALL}


def get(name):
    try:
        return BY_NAME[name]
    except KeyError:
        raise UnknownFixer(name) from None


def in_stage(stage):
    return [fixer for fixer in ALL if fixer.stage == stage]
