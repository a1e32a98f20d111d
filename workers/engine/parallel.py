"""Running per-file work on every core."""
import os

# Below this many items a pool costs more than it saves.
_SERIAL_BELOW = 8


def map_files(function, items, serial=False):
    """list(map(function, items)), on all cores when it pays off (never when `serial`: the caller
    knows the work is too little for a pool). Order is kept."""
    items = list(items)
    workers = min(os.cpu_count() or 1, len(items))
    if serial or len(items) < _SERIAL_BELOW or workers < 2:
        return [function(item) for item in items]
    import multiprocessing  # only here: a plan whose scans are all cached never starts a pool

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(workers) as pool:
        return pool.map(function, items, chunksize=max(1, len(items) // (workers * 8)))
