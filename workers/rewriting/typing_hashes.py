"""Loading libcst with each typing alias's hash worked out once.

libcst's node and matcher modules annotate ~700 dataclass fields with nested Unions
(`Union[Sequence[Union[...]], MetadataMatchType, ...]`). typing caches every `Union[...]` it builds
under its arguments, so building one hashes them, and an alias works its hash out again at every
call, down through each alias nested in it: 120,000 hash calls, about a tenth of the time a
python3-only run spends loading its codemods (Python 3.11). While they load, each alias's hash is
kept the first time it is asked (an alias never changes: the same value every time); then the
alias classes get their own __hash__ back.
"""
import typing
from contextlib import contextmanager

_ALIAS_CLASSES = tuple(cls for cls in (getattr(typing, "_GenericAlias", None), getattr(typing, "_UnionGenericAlias", None))
                       if cls is not None and "__hash__" in vars(cls))


@contextmanager
def alias_hashes_kept():
    """Run the block with typing's generic and Union aliases keeping their hashes."""
    kept = {}  # {id(alias): (alias, its hash)}: the alias is held, so its id is not reused meanwhile
    originals = [(cls, vars(cls)["__hash__"]) for cls in _ALIAS_CLASSES]
    for cls, original in originals:
        cls.__hash__ = _keeping(original, kept)
    try:
        yield
    finally:
        for cls, original in originals:
            cls.__hash__ = original
        kept.clear()


def _keeping(original, kept):
    def __hash__(self):
        entry = kept.get(id(self))
        if entry is None:
            entry = kept[id(self)] = (self, original(self))
        return entry[1]
    return __hash__
