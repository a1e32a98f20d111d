"""Stopping everything a long-running command started (`make run`: bot/run.py, sandbox mode).

SIGTERM and SIGINT become one orderly shutdown, and nothing is left behind: the command makes
itself a child subreaper (Linux), so a process whose parent dies (an RQ work horse, a test run
in its own session, a redis-server whose starter was interrupted) is re-parented to it instead
of to init, and `kill_descendants()` finds and kills it through /proc.
"""
import ctypes
import os
import signal
import time

PR_SET_CHILD_SUBREAPER = 36
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def become_subreaper():
    """Orphaned descendants are re-parented to this process; False where the kernel says no."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def stop_on_signals():
    """SIGTERM and SIGINT raise KeyboardInterrupt in the main thread, once: the shutdown that
    follows is not interrupted by a second Ctrl-C."""
    def stop(signum, frame):
        hold_signals()
        raise KeyboardInterrupt(signal.Signals(signum).name)

    for signum in STOP_SIGNALS:
        signal.signal(signum, stop)


def hold_signals():
    """Ignore SIGTERM and SIGINT from now on (call first thing in a shutdown)."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def _parents():
    """{pid: parent pid} of every living (not zombie) process, read from /proc."""
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry, "rb") as stat:
                text = stat.read()
        except OSError:
            continue
        fields = text[text.rindex(b")") + 2:].split()  # the command name may hold spaces and ")"
        if fields[0] not in (b"Z", b"X"):
            parents[int(entry)] = int(fields[1])
    return parents


def descendants(pid=None):
    """The living descendants of `pid` (default: this process), children first."""
    parents = _parents()
    found, frontier = [], [pid or os.getpid()]
    while frontier:
        children = [p for p, parent in parents.items() if parent in frontier and p not in found]
        found += children
        frontier = children
    return found


def stop_group(proc, grace=5.0):
    """SIGTERM a Popen started with start_new_session=True and its process group; SIGKILL the
    group if it has not exited after `grace` seconds."""
    if proc is None:
        return
    for signum, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, signum)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            proc.wait(timeout=wait)
            break
        except Exception:  # subprocess.TimeoutExpired
            continue
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # what the leader left in its group
    except (ProcessLookupError, PermissionError):
        pass


def kill_descendants(rounds=100):
    """SIGKILL every descendant of this process until none is left, and reap them."""
    for _ in range(rounds):
        pids = descendants()
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.05)
        reap()
    reap()


def reap():
    """Collect the exit status of every child that has exited (orphans re-parented to us included)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
