"""The qualified names of a libcst node, asked of its scope when a codemod asks, for the codemods.

libcst's QualifiedNameProvider walks the whole module to attach to every node a lazy value that
asks the node's scope: the walk alone was a sixth of the python3-only stage's CPU (1.1 of 6.4 s
on python-cloudfiles), for the few thousand names the codemods ask about. Asking the scope
directly gives the same answers (the provider's own `scope.get_qualified_names_for(node)`, or
no names for a node without a scope), each computed once per walk for all the codemods in it.
"""
from libcst.metadata import ScopeProvider

_CACHE = "py3bridge.qualified_names"  # key of the per-walk cache in the codemod context's scratch


def qualified_names(recorder, node):
    """What QualifiedNameProvider gives for `node`, to a SiteRecorder depending on ScopeProvider."""
    cache = recorder.context.scratch.setdefault(_CACHE, {})
    names = cache.get(node)
    if names is None:
        scope = recorder.get_metadata(ScopeProvider, node, None)
        names = cache[node] = set() if scope is None else scope.get_qualified_names_for(node)
    return names
