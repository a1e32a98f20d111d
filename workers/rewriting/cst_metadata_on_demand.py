"""libcst metadata computed the first time a codemod asks for it, and without libcst's empty walks.

A libcst visitor's `resolve(wrapper)` computes all the metadata it declares before its walk
starts. Most files a codemod walks never need some of it: on python-cloudfiles, 13 of 16 never
ask for a parent, 7 never ask about a scope (whose analysis also needs the expression contexts).
Here each provider is computed when first asked for, once for all the codemods of the walk (kept
by the wrapper, where libcst keeps what it computed), over the same module: the same answers.

libcst's wrapper also walks the whole module once per round of its dependency resolution, calling
the batchable providers' `visit_<Node>` methods, even when a round has none (PositionProvider), and
the providers the codemods use define only `visit_Module`, which does their own walk: three
walks of each module that call nothing else, 0.3 s each on python-cloudfiles (a seventh of the
stage's CPU). `computed` skips them: for such a provider it calls `visit_Module` on the module,
all a batched walk would have called.
"""
import functools
from contextlib import contextmanager
from types import MappingProxyType

from libcst import MetadataDependent
from libcst._metadata_dependent import _UNDEFINED_DEFAULT
from libcst.metadata import BatchableMetadataProvider


class MetadataOnDemand(MetadataDependent):
    """A MetadataDependent whose declared metadata is computed when `get_metadata` first needs it."""

    _asked_of = None  # the MetadataWrapper of the walk under way

    @contextmanager
    def resolve(self, wrapper):
        self.metadata, self._asked_of = {}, wrapper
        try:
            yield
        finally:
            self.metadata, self._asked_of = {}, None

    def walked_module(self):
        """The module whose metadata this walk computes (None outside a walk)."""
        return None if self._asked_of is None else self._asked_of.module

    def get_metadata(self, key, node, default=_UNDEFINED_DEFAULT):
        if key not in self.metadata and self._asked_of is not None and key in self.get_inherited_dependencies():
            self.metadata[key] = computed(self._asked_of, key)
        return super().get_metadata(key, node, default)


def computed(wrapper, provider):
    """`wrapper.resolve(provider)`: the provider's metadata of the wrapper's module, and that of
    its dependencies, each computed once and kept by the wrapper."""
    kept = wrapper._metadata  # libcst's own store: what wrapper.resolve computed is reused, and the reverse
    if provider not in kept:
        for dependency in provider.METADATA_DEPENDENCIES:
            computed(wrapper, dependency)
        if not issubclass(provider, BatchableMetadataProvider):
            kept[provider] = _instance(wrapper, provider)._gen(wrapper)
        elif _visits_the_module_only(provider):
            kept[provider] = _visited_module(wrapper, _instance(wrapper, provider))
        else:
            wrapper.resolve(provider)
    return kept[provider]


def _instance(wrapper, provider):
    return provider(wrapper._cache.get(provider)) if provider.gen_cache else provider()


@functools.lru_cache(maxsize=None)
def _visits_the_module_only(provider):
    return set(provider().get_visitors()) == {"visit_Module"}


def _visited_module(wrapper, provider):
    """What a batched walk computes for a provider whose only visitor method is `visit_Module`."""
    with provider.resolve(wrapper):
        provider.visit_Module(wrapper.module)
    return MappingProxyType(dict(provider._computed))
