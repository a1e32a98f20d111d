"""The fixer registry: every module in this package defines one fixer as `FIXER`.

Adding a transformation is adding a module here (its name is the fixer's name) and a folder of
cases under tests/fixers/cases/<name>/. The Python-3-only stage's fixers are libcst codemods, one
module each in workers/codemods/ (cases under tests/codemods/cases/<name>/). Fixers are listed in
stage order, then by `order`.
"""
import functools
import gc
import importlib
import pkgutil

from workers.rewriting.collector import collector_paused
from workers.rewriting.dataclass_docs import signature_docs_skipped
from workers.rewriting.typing_hashes import alias_hashes_kept
from workers.rewriting.fixer import PYTHON3_ONLY, STAGES


class UnknownFixer(KeyError):
    pass


def _stage_order(fixer):
    return (STAGES.index(fixer.stage), fixer.order, fixer.name)


@functools.lru_cache(maxsize=None)
def _two_and_three():
    return _loaded(__name__, __path__)


@functools.lru_cache(maxsize=None)
def _codemods():
    """The python3-only stage, loaded on first use: its codemods import libcst (about a second)."""
    from workers import codemods
    with signature_docs_skipped(), alias_hashes_kept():
        return _loaded(codemods.__name__, codemods.__path__)


def _loaded(package, path):
    """The fixers of a package, in stage order, imported with the garbage collector paused and then
    kept out of its later collections: thousands of classes and functions that live as long as the
    process (libcst's matchers alone are ~420 dataclasses), which each collection would traverse
    again. 0.03-0.08 s of the python3-only stage's 0.5 s import."""
    with collector_paused():
        fixers = sorted(_fixers_in(package, path), key=_stage_order)
    gc.freeze()
    return fixers


def _fixers_in(package, path):
    for module_info in pkgutil.iter_modules(path):
        module = importlib.import_module("%s.%s" % (package, module_info.name))
        fixer = module.FIXER
        fixer.name = module_info.name
        assert fixer.stage in STAGES, (fixer.name, fixer.stage)
        yield fixer


def all_fixers():
    """Every fixer, in stage order, then by `order`."""
    fixers = _two_and_three() + _codemods()
    assert len({f.name for f in fixers}) == len(fixers), "two fixers share a name"
    return fixers


def __getattr__(attribute):
    # ALL and BY_NAME are computed on first use, so that a 2+3 plan never imports libcst.
    if attribute == "ALL":
        return all_fixers()
    if attribute == "BY_NAME":
        return {fixer.name: fixer for fixer in all_fixers()}
    raise AttributeError("module %r has no attribute %r" % (__name__, attribute))


def get(name):
    for fixer in _codemods() if name in _codemod_names() else _two_and_three():
        if fixer.name == name:
            return fixer
    raise UnknownFixer(name)


@functools.lru_cache(maxsize=None)
def _codemod_names():
    """The python3-only stage's names, from its folder: a codemod is found without importing the
    2+3 fixers, and a 2+3 fixer without importing libcst."""
    from workers import codemods
    return frozenset(module_info.name for module_info in pkgutil.iter_modules(codemods.__path__))


def in_stage(stage):
    return in_stages((stage,))


def in_stages(stages):
    two_and_three = _two_and_three() if set(stages) - {PYTHON3_ONLY} else []
    fixers = two_and_three + (_codemods() if PYTHON3_ONLY in stages else [])
    return [fixer for fixer in fixers if fixer.stage in stages]


def in_order(names):
    """The named fixers' names in the order they run."""
    return [fixer.name for fixer in sorted(map(get, set(names)), key=_stage_order)]
