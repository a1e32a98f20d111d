"""The one place where what is computed about a tree is kept: per tree and per *generation*.

Everything the rewriting helpers and fixers compute about a module (a scope's bound names, what
its from-imports bind, a fixer's per-module plan) is stored here, keyed by the tree's identity and
its generation, never as attributes on fissix nodes. The runner that applies fixers
(`workers.rewriting.fixer.FissixFixer.fix`) calls `tree_changed(tree)` after a fixer has changed a
tree: the generation goes up, everything computed before is dropped, and the next fixer sees the
imports and bindings the tree has now. Within one fixer's run, answers stay those of the moment
they were first asked for (see `scopes.snapshot_module`).

- `cached(tree, key, compute)`: compute() once per generation of `tree`;
- `cached_on(node, kind, compute)`: compute(node) once per generation of the tree holding node;
- `generation(tree)`, `tree_changed(tree)`.

Entries hold weak references only, so the store never keeps a tree (or a removed node) alive, and a
node's id is never mistaken for another's.
"""
import weakref


class _Store:
    __slots__ = ("tree_ref", "generation", "values")

    def __init__(self, tree_ref):
        self.tree_ref = tree_ref
        self.generation = 0
        self.values = {}


_STORES = {}  # id(tree) -> _Store


def _forget(key, ref):
    store = _STORES.get(key)
    if store is not None and store.tree_ref is ref:
        del _STORES[key]


def _store(tree):
    key = id(tree)
    store = _STORES.get(key)
    if store is None or store.tree_ref() is not tree:
        store = _STORES[key] = _Store(weakref.ref(tree, lambda ref, key=key: _forget(key, ref)))
    return store


def root_of(node):
    """The top of the tree node belongs to (the module, once attached)."""
    while node.parent is not None:
        node = node.parent
    return node


def generation(tree):
    return _store(tree).generation


def tree_changed(tree):
    """The tree has changed: drop what was computed about it."""
    store = _store(tree)
    store.generation += 1
    store.values = {}


def cached(tree, key, compute):
    """compute(), once per generation of `tree` (`key`: a string naming what it computes)."""
    values = _store(tree).values
    if key in values:
        return values[key]
    value = values[key] = compute()
    return value


def cached_on(node, kind, compute, tree=None):
    """compute(node), once per generation of the tree holding `node` (or `tree`)."""
    values = _store(root_of(node) if tree is None else tree).values
    key = (kind, id(node))
    entry = values.get(key)
    if entry is not None and entry[0]() is node:
        return entry[1]
    value = compute(node)
    values[key] = (weakref.ref(node), value)
    return value


def is_cached_on(node, kind):
    entry = _store(root_of(node)).values.get((kind, id(node)))
    return entry is not None and entry[0]() is node
