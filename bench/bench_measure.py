"""Running a command while measuring its wall time and peak memory.

Peak memory is measured two ways, both in MB:
- `tree_rss_mb`: the largest sum of VmRSS over the process and all its descendants, sampled from
  /proc every 20 ms. This is what the machine had to hold (py3bridge forks a worker per core; pages
  the workers share with their parent are counted once per process, so this errs on the high side).
- `proc_rss_mb`: ru_maxrss from wait4(): the largest single process of the tree.
"""
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

_SAMPLE_EVERY_S = 0.02


@dataclass
class Run:
    returncode: int
    wall_s: float
    tree_rss_mb: float
    proc_rss_mb: float
    stdout: Path  # file holding the command's standard output
    stderr: Path
    timed_out: bool = False

    def tail(self, lines=3):
        """Last lines of stderr (or stdout), for error messages."""
        for path in (self.stderr, self.stdout):
            text = path.read_text(errors="replace").strip()
            if text:
                return "\n".join(text.splitlines()[-lines:])
        return "no output"

    def to_json(self):
        return {"returncode": self.returncode, "wall_s": round(self.wall_s, 3),
                "tree_rss_mb": round(self.tree_rss_mb, 1), "proc_rss_mb": round(self.proc_rss_mb, 1)}


def _children(pid):
    found = []
    try:
        for task in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, task)) as f:
                found += [int(child) for child in f.read().split()]
    except OSError:  # the process ended while we looked
        pass
    return found


def _rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(pid):
    """Sum of the resident set sizes of pid and all its descendants, in kB."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        total += _rss_kb(current)
        pending += _children(current)
    return total


def run_measured(cmd, cwd, log_stem, env=None, timeout=None):
    """Run cmd (a list) in cwd; its stdout and stderr go to log_stem + .out / .err."""
    log_stem = Path(log_stem)
    log_stem.parent.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_stem.with_suffix(".out"), log_stem.with_suffix(".err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=str(cwd), env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        status, usage, peak_kb, timed_out = _wait_sampling(proc, start, timeout)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(proc.returncode, wall, peak_kb / 1024, usage.ru_maxrss / 1024, out_path, err_path, timed_out)


def _wait_sampling(proc, start, timeout):
    peak_kb, timed_out = 0, False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return status, usage, peak_kb, timed_out
        if timeout and not timed_out and time.perf_counter() - start > timeout:
            os.killpg(proc.pid, signal.SIGKILL)  # the session this run started, nothing else
            timed_out = True
        peak_kb = max(peak_kb, tree_rss_kb(proc.pid))
        time.sleep(_SAMPLE_EVERY_S)
