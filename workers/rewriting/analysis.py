"""The one place where what is computed about a tree is kept: per tree and per *generation*.

Everything the rewriting helpers and fixers compute about a module (a scope's bound names, what
its from-imports bind, a fixer's per-module plan) is stored here, per tree and per generation,
never as attributes on the nodes it is about. The runner that applies fixers
(`workers.rewriting.fixer.FissixFixer.fix`) calls `tree_changed(tree)` after a fixer has changed a
tree: the generation goes up, everything computed before is dropped, and the next fixer sees the
imports and bindings the tree has now. Within one fixer's run, answers stay those of the moment
they were first asked for (see `scopes.snapshot_module`).

- `cached(tree, key, compute)`: compute() once per generation of `tree`;
- `cached_on(node, kind, compute)`: compute(node) once per generation of the tree holding node;
- `generation(tree)`, `tree_changed(tree)`;
- `changing(tree)`, `settled(tree)`, `is_settled(tree)`: whether a fixer is in the middle of
  changing the tree, so that a list of this generation's nodes may be out of date.

A tree's store hangs off the tree itself (`_STORE_ATTRIBUTE` on its root), so it is freed with the
tree: a module-level table would keep every analysed tree alive, since what is computed refers to
the tree's nodes and every node to its tree (a pool worker grew by each file it scanned). Entries
about a node hold a weak reference to it, so a node's id is never mistaken for another's.
"""
import weakref


class _Store:
    __slots__ = ("generation", "values", "changing")

    def __init__(self):
        self.generation = 0
        self.values = {}
        self.changing = False  # a fixer has begun changing the tree and not yet finished


_STORE_ATTRIBUTE = "_py3bridge_analysis"  # fissix's clone() copies no attributes: a clone starts empty


def _store(tree):
    store = tree.__dict__.get(_STORE_ATTRIBUTE)
    if store is None:
        store = _Store()
        setattr(tree, _STORE_ATTRIBUTE, store)
    return store


def root_of(node):
    """The top of the tree node belongs to (the module, once attached)."""
    while node.parent is not None:
        node = node.parent
    return node


def is_within(node, ancestor):
    """Whether `ancestor` is `node` or holds it."""
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def generation(tree):
    return _store(tree).generation


def tree_changed(tree):
    """The tree has changed: drop what was computed about it."""
    store = _store(tree)
    store.generation += 1
    store.values = {}


def changing(tree):
    """A fixer is about to change the tree: until `settled`, lists made of its nodes in this
    generation may miss nodes it adds or renames."""
    _store(tree).changing = True


def settled(tree):
    """The fixer that was changing the tree is done (its `tree_changed` has dropped the old lists)."""
    _store(tree).changing = False


def is_settled(tree):
    """Whether the tree is as it was when this generation began: no fixer is changing it."""
    return not _store(tree).changing


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
