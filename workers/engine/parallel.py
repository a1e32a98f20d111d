"""Running per-file work on every core."""
import os

# Below this many items a pool costs more than it saves, unless the caller knows better.
_SERIAL_BELOW = 8


def map_files(function, items, serial=None, weights=None):
    """list(map(function, items)), on all cores when it pays off. `serial`: whether the work is too
    little for a pool, when the caller knows (from the bytes to read); else decided by the number
    of items. `weights`: each item's expected cost (its size), when known: the pool then hands out
    the heaviest items first, a few at a time, so that no core is left idle at the end while the
    other works through a big file met last, or a chunk of many. Order is kept."""
    items = list(items)
    workers = min(os.cpu_count() or 1, len(items))
    if serial is None:
        serial = len(items) < _SERIAL_BELOW
    if serial or workers < 2:
        return [function(item) for item in items]
    import multiprocessing  # only here: a plan whose scans are all cached never starts a pool

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(workers) as pool:
        if weights is None:
            return pool.map(function, items, chunksize=max(1, len(items) // (workers * 8)))
        # Biggest first, so the chunks handed out last are the lightest: the cores finish together.
        # Chunks of several items, not one: the pool's threads pay about 0.4 ms per chunk in this
        # process, which competes with the workers for a core (Django: 0.8 s with one item each).
        order = heaviest_first(weights)
        chunk = max(1, len(items) // (workers * 32))
        return put_back(order, pool.imap(function, [items[index] for index in order], chunksize=chunk))


def heaviest_first(weights):
    """The items' indices, the heaviest item's first."""
    return sorted(range(len(weights)), key=lambda index: -weights[index])


def put_back(order, results):
    """Results computed for the items in `order` (their indices), in the items' own order."""
    in_order = [None] * len(order)
    for index, result in zip(order, results):
        in_order[index] = result
    return in_order
