"""Running per-file work on every core."""
import os
import pickle
import traceback

# Below this many items a pool costs more than it saves, unless the caller knows better.
_SERIAL_BELOW = 8


def map_files(function, items, serial=None, weights=None):
    """list(map(function, items)), on all cores when it pays off. `serial`: whether the work is too
    little for a pool, when the caller knows (from the bytes to read); else decided by the number
    of items. `weights`: each item's expected cost (its size), when known: the pool then hands out
    the heaviest items first, one at a time, so that no core is left idle at the end while the
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
        order = sorted(range(len(items)), key=lambda index: -weights[index])
        results = [None] * len(items)
        for index, result in zip(order, pool.imap(function, [items[index] for index in order])):
            results[index] = result
        return results


def map_with_one_child(function, items, weights):
    """list(map(function, items)), the items split by weight between this process and one forked
    child: for work too small to pay for a pool's start (two processes, their pipes and threads,
    and then their shutdown) but worth a second core. The child sends its results back pickled.
    In this process alone with one core, one item or no fork()."""
    items = list(items)
    if len(items) < 2 or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return [function(item) for item in items]
    mine, childs = _halves(weights)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _run_child(function, [(index, items[index]) for index in childs], write_end)
    os.close(write_end)
    results = [None] * len(items)
    try:
        for index in mine:
            results[index] = function(items[index])
    finally:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
    outcome, value = pickle.loads(data) if data else ("crashed", "the child process died without an answer")
    if outcome != "ok":
        raise ChildFailed(value)
    for index, result in value:
        results[index] = result
    return results


class ChildFailed(RuntimeError):
    """The forked child raised (its traceback is the message) or died."""


def _halves(weights):
    """Two lists of indices of about equal weight: heaviest first, each to the lighter side."""
    sides, loads = ([], []), [0, 0]
    for index in sorted(range(len(weights)), key=lambda index: -weights[index]):
        side = 0 if loads[0] <= loads[1] else 1
        sides[side].append(index)
        loads[side] += weights[index]
    return sides


def _run_child(function, indexed_items, write_end):
    try:
        try:
            answer = ("ok", [(index, function(item)) for index, item in indexed_items])
        except BaseException:
            answer = ("raised", traceback.format_exc())
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))
    finally:
        os._exit(0)  # no atexit handlers, no flushing of the parent's buffers, no finalizers
