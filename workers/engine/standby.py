"""A helper process forked when a plan starts, getting ready while the plan reads the checkout,
then sharing the scans of the few files that changed.

A warm re-plan of Django after 20 edits spends 0.2 s reading the checkout and building the
contexts, then 0.08 s importing the fixers and 0.2 s scanning the edited files, each process's
first scans slower by the triggers it compiles. The helper imports the fixers and compiles their
triggers during the reading, so it starts scanning warm as soon as the plan knows what to scan,
while the plan imports the fixers for itself.

The two share the items without knowing their costs in advance: the helper takes them from the
heaviest end, this process from the lightest, each announcing the index it starts (four-byte
records on a pipe, which are written whole); they stop where they meet. An item both start at
the same moment is done twice, with the same result. The items reach the helper through a
shared memory block mapped before the fork, so handing them over never waits for the helper to
finish getting ready. When the helper raises, dies or hangs, this process does its share (and
raises what it raised). Without fork(), a second core, or with other threads running (a fork
would copy the locks they hold) there is no helper, and map() is a loop.
"""
import mmap
import os
import pickle
import select
import signal
import struct
import sys
import time

from workers.engine.parallel import heaviest_first, put_back

SHARED_BYTES = 32 * 1024 * 1024  # the pickled items' limit (pages are only used when written)
# The helper's share is under 128 KB of source (planner.SERIAL_SCAN_BYTES), about a second at most:
# past this, it is stuck, and its share is done here.
RESULTS_TIMEOUT = 30.0
_RECORD = struct.Struct("<I")
_STOP = 0xFFFFFFFF


class Standby:
    """Use in a `with` block; map() at most once. `prepare()` runs in the helper right after the
    fork. `wanted`: False when the caller knows it will not need a helper."""

    def __init__(self, prepare, wanted=True):
        self._pid = None
        if not wanted or (os.cpu_count() or 1) < 2 or not hasattr(os, "fork") or _threads_running():
            return
        self._shared = mmap.mmap(-1, SHARED_BYTES)
        work, started, results = os.pipe(), os.pipe(), os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: the plan does without
            for fd in work + started + results:
                os.close(fd)
            self._shared.close()
            return
        if pid == 0:
            _helper_main(prepare, self._shared, work[0], started[1], results[1])
        for fd in (work[0], started[1], results[1]):
            os.close(fd)
        self._pid = pid
        # this process -> helper: the pickled items' size, then each index it starts; helper ->
        # this process: each index the helper starts; at the end, the helper's results
        self._work, self._started, self._results = work[1], started[0], results[0]

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def map(self, function, items, weights, first=None):
        """[function(item) for item in items], shared with the helper; `weights`: each item's
        expected cost (the helper takes the heaviest first); `first()`: what this process does
        before its share, once the helper has the items (importing what `function` needs)."""
        order = heaviest_first(weights)
        return put_back(order, self._map_heaviest_first(function, [items[index] for index in order],
                                                        first or (lambda: None)))

    def _map_heaviest_first(self, function, items, first):
        data = pickle.dumps((function, items), pickle.HIGHEST_PROTOCOL) if self._pid and len(items) > 1 else b""
        if not data or len(data) >= SHARED_BYTES:
            first()
            return [function(item) for item in items]
        self._shared[:len(data)] = data
        _tell(self._work, len(data))
        results = [None] * len(items)
        try:
            first()
            done_here, helper_started = self._take_from_the_end(function, items, results)
        except BaseException:
            self.close()
            raise
        if not helper_started:  # this process did everything: the helper was still getting ready
            self.close()
            return results
        helper_results = self._helper_results()
        if helper_results is None:  # it raised or died: its share is done here (raising here, if it must)
            helper_results = [(index, function(item)) for index, item in enumerate(items)
                              if index not in done_here]
        for index, result in helper_results:
            results[index] = result
        return results

    def _take_from_the_end(self, function, items, results):
        """Do items from the lightest end until reaching one the helper started: (the indices done
        here, whether the helper started any)."""
        os.set_blocking(self._started, False)
        helper_reached, done_here = -1, set()
        for index in range(len(items) - 1, -1, -1):
            helper_reached = max([helper_reached] + _records(self._started))
            if index <= helper_reached:
                break
            _tell(self._work, index)
            results[index] = function(items[index])
            done_here.add(index)
        _tell(self._work, _STOP)
        return done_here, helper_reached >= 0

    def _helper_results(self):
        """[(index, result)] the helper sends at its end; None if it raised, died or took longer
        than RESULTS_TIMEOUT (it is stopped then)."""
        deadline, chunks = time.monotonic() + RESULTS_TIMEOUT, []
        while True:
            ready, _, _ = select.select([self._results], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(self._results, 1 << 20) if ready else None
            if not chunk:
                break
            chunks.append(chunk)
        self.close()
        data = b"".join(chunks) if chunk is not None else b""
        outcome, value = pickle.loads(data) if data else ("died", None)
        return value if outcome == "ok" else None

    def close(self):
        """Stop the helper, used or not (it may still be getting ready: nothing it holds is needed)."""
        if self._pid is None:
            return
        try:
            os.kill(self._pid, signal.SIGKILL)
        except OSError:
            pass
        self._wait()

    def _wait(self):
        if self._pid is None:
            return
        os.waitpid(self._pid, 0)
        self._pid = None
        for fd in (self._work, self._started, self._results):
            os.close(fd)
        self._shared.close()


def _threads_running():
    """Whether another thread runs here: forking then could leave a lock it holds (the import lock,
    a logging handler's) held forever in the helper."""
    threading = sys.modules.get("threading")
    return threading is not None and threading.active_count() > 1


def _tell(fd, value):
    """Write one record to the helper, unless it has finished (and closed its end) already."""
    try:
        os.write(fd, _RECORD.pack(value))
    except BrokenPipeError:
        pass


def _records(fd):
    """The four-byte records waiting on a non-blocking pipe (each written whole, never split)."""
    try:
        data = os.read(fd, 65536)
    except BlockingIOError:
        return []
    return [value for (value,) in _RECORD.iter_unpack(data)]


def _helper_main(prepare, shared, work, started, results):
    """The helper: never returns."""
    try:
        try:
            prepare()
        except BaseException:
            pass  # the same error reaches the caller from its own import, or from map()
        size = _RECORD.unpack(os.read(work, _RECORD.size))[0]
        if size:
            answer = _helper_share(shared, size, work, started)
            with os.fdopen(results, "wb") as pipe:
                pipe.write(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))
    finally:
        os._exit(0)  # no atexit handlers, no flushing of the plan's buffers, no finalizers


def _helper_share(shared, size, work, started):
    try:
        function, items = pickle.loads(shared[:size])
        os.set_blocking(work, False)
        done, taken_from = [], len(items)
        for index in range(len(items)):
            taken_from = min([taken_from] + [value for value in _records(work) if value != _STOP])
            if index >= taken_from:
                break
            os.write(started, _RECORD.pack(index))
            done.append((index, function(items[index])))
        return "ok", done
    except BaseException:
        return "raised", None
