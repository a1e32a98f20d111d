"""Running the repository's untrusted install and test steps as contained subprocesses.

Each step gets a scrubbed environment (nothing of the app's: no tokens, keys or Redis URL; its
own temporary HOME), its own process group killed as a whole at the wall-clock timeout, limits on
CPU time, memory, file size and processes, a cap on captured output, and, for test steps, no
network (a new network namespace through `unshare --net`, where the machine allows it). Linux
never applies RLIMIT_NPROC to root, so when py3bridge runs as root each step gets its own `pids`
cgroup instead; the cgroup is also how every process of the step is found and killed at the end,
even one that left the process group.
"""
import functools
import os
import resource
import shutil
import signal
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

_EXIT_GRACE_SECONDS = 1.0

# Only these variables of ours reach the repository's processes.
_PASSED_THROUGH = ("PATH", "LANG", "LC_ALL", "TZ", "TERM")


@dataclass(frozen=True)
class Limits:
    timeout: float = 1800.0  # wall-clock seconds for the whole step
    cpu_seconds: int = 3600
    memory_bytes: int = 4 * 1024 ** 3
    file_bytes: int = 1024 ** 3
    processes: int = 256
    output_bytes: int = 8 * 1024 ** 2


@dataclass
class StepResult:
    command: list
    exit_code: int
    output: str  # stdout and stderr interleaved, cut at the output limit
    duration: float
    timed_out: bool = False
    limit_exceeded: str = ""  # e.g. "output limit (8 MB)"; empty when no limit was hit
    notes: list = field(default_factory=list)
    timeout: float = 0.0  # the wall-clock limit the step ran under

    @property
    def ok(self):
        return self.exit_code == 0 and not self.timed_out and not self.limit_exceeded

    def problem(self):
        """One line saying why the step did not complete normally, or ''."""
        parts = []
        if self.limit_exceeded:
            parts.append("limit exceeded: %s" % self.limit_exceeded)
        if self.timed_out:
            parts.append("timed out after %g s" % (self.timeout or round(self.duration)))
        if parts:
            return "; ".join(parts)
        if self.exit_code < 0:
            return "killed by signal %d (%s)" % (-self.exit_code, signal.Signals(-self.exit_code).name)
        return ""


def scrubbed_environment(home, extra=None):
    env = {name: os.environ[name] for name in _PASSED_THROUGH if name in os.environ}
    env.update({"HOME": str(home), "TMPDIR": str(home), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"})
    env.update(extra or {})
    return env


class ProcessLimit:
    """Caps the number of processes of one step: a pids cgroup when root, RLIMIT_NPROC otherwise."""

    CGROUP_ROOT = Path("/sys/fs/cgroup/pids")

    def __init__(self, processes):
        self.processes = processes
        self.cgroup = None
        if os.geteuid() == 0 and self.CGROUP_ROOT.is_dir():
            path = self.CGROUP_ROOT / ("py3bridge-" + uuid.uuid4().hex[:12])
            try:
                path.mkdir()
                (path / "pids.max").write_text(str(processes))
                self.cgroup = path
            except OSError:
                self.cgroup = None

    @property
    def enforced(self):
        return self.cgroup is not None or os.geteuid() != 0

    def enter_child(self):
        """Called in the child before exec."""
        if self.cgroup is not None:
            (self.cgroup / "cgroup.procs").write_text(str(os.getpid()))
        else:
            resource.setrlimit(resource.RLIMIT_NPROC, (self.processes, self.processes))

    def reached(self):
        """Whether a fork was refused because the step hit its process limit."""
        if self.cgroup is None:
            return False
        try:
            events = (self.cgroup / "pids.events").read_text().split()
        except OSError:
            return False
        return len(events) == 2 and events[0] == "max" and events[1] != "0"

    def kill_all(self):
        if self.cgroup is None:
            return
        for _ in range(50):
            pids = [int(pid) for pid in (self.cgroup / "cgroup.procs").read_text().split()]
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.02)

    def close(self):
        self.kill_all()
        if self.cgroup is not None:
            try:
                self.cgroup.rmdir()
            except OSError:
                pass


@functools.lru_cache(maxsize=None)
def network_isolation_prefix():
    """Command prefix that runs a command without network, or None where the machine does not allow it."""
    unshare = shutil.which("unshare")
    if not unshare:
        return None
    prefix = [unshare, "--net"] + ([] if os.geteuid() == 0 else ["--map-root-user"]) + ["--"]
    try:
        works = subprocess.run(prefix + ["true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        works = False
    return prefix if works else None


def _set_limits(limits, process_limit):
    def apply():
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        process_limit.enter_child()

    return apply


def _kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_step(command, cwd, env, limits=Limits(), network=True):
    """Run one step to completion or to a limit; never raises for what the step itself does."""
    isolation = None if network else network_isolation_prefix()
    wrapped = (isolation or []) + list(command)
    process_limit = ProcessLimit(limits.processes)
    started = time.monotonic()
    try:
        proc = subprocess.Popen(wrapped, cwd=str(cwd), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, preexec_fn=_set_limits(limits, process_limit))
    except OSError as err:
        process_limit.close()
        return StepResult(command, 127, "cannot start %s: %s" % (command[0], err), 0.0)
    try:
        output, limit_hit, timed_out = _collect_output(proc, started, limits)
        exit_code = _wait(proc, started, limits)
        if process_limit.reached():
            limit_hit = limit_hit or "process limit (%d)" % limits.processes
    finally:
        _kill_group(proc)  # anything the step left running
        process_limit.close()
    if exit_code == -signal.SIGXCPU:
        limit_hit = limit_hit or "CPU time limit (%d s)" % limits.cpu_seconds
    elif exit_code == -signal.SIGXFSZ:
        limit_hit = limit_hit or "file size limit (%s)" % _size(limits.file_bytes)
    result = StepResult(command, exit_code, output, time.monotonic() - started, timed_out, limit_hit,
                        timeout=limits.timeout)
    if not process_limit.enforced:
        result.notes.append("process limit not enforced (running as root without a pids cgroup)")
    if not network and isolation is None:
        result.notes.append("network not isolated (unshare --net is not allowed here)")
    return result


def _collect_output(proc, started, limits):
    """Read the step's output until it ends, floods past the cap, or runs out of time.

    Once the step's main process has exited, whatever it left running gets a short grace period
    to finish writing, not the rest of the timeout.
    """
    chunks, size, exited_at = [], 0, None
    os.set_blocking(proc.stdout.fileno(), False)
    while True:
        data = _read_available(proc.stdout)
        if data:
            chunks.append(data[:max(limits.output_bytes - size, 0)])
            size += len(data)
            if size > limits.output_bytes:
                _kill_group(proc)
                return _decode(chunks), "output limit (%s)" % _size(limits.output_bytes), False
            continue
        if data == b"":
            return _decode(chunks), "", False
        now = time.monotonic()
        if exited_at is None and proc.poll() is not None:
            exited_at = now
        if exited_at is not None and now - exited_at > _EXIT_GRACE_SECONDS:
            return _decode(chunks), "", False
        if now - started > limits.timeout:
            _kill_group(proc)
            return _decode(chunks), "", True
        time.sleep(0.05)


def _size(n):
    return "%d MB" % (n // 1024 ** 2) if n >= 1024 ** 2 else "%d KB" % (n // 1024)


def _decode(chunks):
    return b"".join(chunks).decode("utf-8", "replace")


def _read_available(stream):
    """Bytes ready now; b'' at end of file; None when nothing is ready yet."""
    try:
        return os.read(stream.fileno(), 65536)
    except BlockingIOError:
        return None


def _wait(proc, started, limits):
    remaining = max(1.0, limits.timeout - (time.monotonic() - started))
    try:
        return proc.wait(timeout=remaining)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        return proc.wait()
