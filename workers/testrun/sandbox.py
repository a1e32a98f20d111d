"""Running the repository's untrusted steps inside bubblewrap (Debian's `bubblewrap`, bwrap).

Every step of repository code (install, test, smoke, coverage, anything that executes a file the
repository or its install could have written) runs in fresh pid, mount, ipc, uts and network
namespaces. It sees the system paths and the interpreters read-only and only the folders the
caller mounts: its own copy of the tree (never `.git`), its environment, a scratch folder and a
private HOME. When the worker runs as root, bwrap drops the step to a dedicated unprivileged uid
(see sandbox_uid) with util-linux's setpriv, so the step owns nothing of the worker's; a
non-root worker's steps run in a new user namespace instead. Everything a step started dies with
it, because it dies with the step's pid namespace.

Test steps get no network at all. Install steps get one way out: an HTTP proxy on a unix socket
that only connects to the package index (workers/testrun/index_proxy.py), reached through a socat
forwarder inside the step's own network namespace.

Where bwrap cannot run, run_step raises SandboxUnavailable: repository code never runs unsandboxed.
"""
import functools
import os
import resource
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

_EXIT_GRACE_SECONDS = 1.0
DEFAULT_UID_BASE = 200000
UID_RANGE = 65536
INNER_UID = 64200  # what a non-root worker's steps see as their uid, inside their user namespace
HOME = "/home/sandbox"
PROXY_SOCKET = "/run/py3bridge/index-proxy.sock"
PROXY_PORT = 3128

# Only these variables of ours reach the repository's processes.
_PASSED_THROUGH = ("LANG", "LC_ALL", "TZ", "TERM")
SANDBOX_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"

# Read-only system paths every step sees (those that exist on this host).
SYSTEM_PATHS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt")

# Inside the sandbox: socat forwards 127.0.0.1:PROXY_PORT to the proxy's unix socket; the command
# starts once the forwarder accepts connections.
_PROXY_WRAPPER = (
    "socat TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:{socket} 2>/dev/null &\n"
    "i=0\n"
    "while [ $i -lt 200 ] && ! socat -u OPEN:/dev/null TCP:127.0.0.1:{port} 2>/dev/null; do\n"
    "  i=$((i+1)); sleep 0.05\n"
    "done\n"
    'exec "$@"\n'
).format(port=PROXY_PORT, socket=PROXY_SOCKET)


class SandboxUnavailable(Exception):
    """bwrap is missing or cannot create its namespaces here; repository code must not run."""


@dataclass(frozen=True)
class Mount:
    source: Path  # on the host
    target: str  # inside the sandbox
    writable: bool = False


@dataclass(frozen=True)
class ResourceLimits:
    timeout: float = 1800.0  # wall-clock seconds for the whole step
    cpu_seconds: int = 3600
    memory_bytes: int = 4 * 1024 ** 3
    file_bytes: int = 1024 ** 3
    processes: int = 256
    output_bytes: int = 8 * 1024 ** 2
    deadline: float = None  # time.monotonic() by which every step must have ended (a sync's budget)


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


def scrubbed_environment(extra=None):
    """The whole environment of a step: nothing of the worker's but the locale."""
    env = {name: os.environ[name] for name in _PASSED_THROUGH if name in os.environ}
    env.update({"PATH": SANDBOX_PATH, "HOME": HOME, "TMPDIR": "/tmp", "PYTHONDONTWRITEBYTECODE": "1",
                "PYTHONIOENCODING": "utf-8"})
    env.update(extra or {})
    return env


def sandbox_uid():
    """The uid this worker process's steps run as when it is root; None when it is not root.

    Each worker process gets its own uid from the range PY3BRIDGE_SANDBOX_UID_BASE + [0, 65536),
    so two workers' steps can neither signal each other nor share a process count.
    """
    if os.geteuid() != 0:
        return None
    base = int(os.environ.get("PY3BRIDGE_SANDBOX_UID_BASE", DEFAULT_UID_BASE))
    if base < 1000:
        raise SandboxUnavailable("PY3BRIDGE_SANDBOX_UID_BASE must leave system and login uids alone, not %d" % base)
    return base + os.getpid() % UID_RANGE


def give_to_sandbox(path):
    """Make a folder the worker created writable by the steps (chown to the sandbox uid when root)."""
    uid = sandbox_uid()
    if uid is not None:
        _chown_tree(path, uid)


def take_back(path):
    """Give a folder back to the worker, so no later step can change it even where it is visible."""
    if os.geteuid() == 0:
        _chown_tree(path, 0)


def _chown_tree(path, uid):
    for root, dirs, files in os.walk(path):
        os.lchown(root, uid, uid)
        for name in dirs + files:
            os.lchown(os.path.join(root, name), uid, uid)


def system_mounts():
    mounts = []
    for path in SYSTEM_PATHS:
        if os.path.exists(path):
            mounts.append(Mount(Path(path), path))
    return mounts


def _mount_arguments(mounts):
    args = []
    # bwrap would create a mount point's missing parents with the host's modes (/root is 0700):
    # created here first, they are traversable by the step's uid.
    parents = sorted({str(parent) for mount in mounts for parent in Path(mount.target).parents if str(parent) != "/"})
    for parent in parents:
        args += ["--perms", "0755", "--dir", parent]
    for mount in mounts:
        source = Path(mount.source)
        if source.is_symlink() and str(source) in SYSTEM_PATHS:
            args += ["--symlink", os.readlink(source), mount.target]  # merged /usr: /bin -> usr/bin
        else:
            args += ["--bind" if mount.writable else "--ro-bind", str(source), mount.target]
    return args


def bwrap_path():
    return os.environ.get("PY3BRIDGE_BWRAP") or shutil.which("bwrap")


def bwrap_command(command, mounts, cwd, proxied=False):
    """The full command line running `command` in the sandbox."""
    bwrap = bwrap_path()
    if not bwrap:
        raise SandboxUnavailable("bubblewrap (bwrap) is not installed; `make test` and `make run` install it")
    uid = sandbox_uid()
    args = [bwrap, "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session", "--hostname", "sandbox"]
    if uid is None:
        args += ["--unshare-user", "--disable-userns", "--uid", str(INNER_UID), "--gid", str(INNER_UID)]
    # The fresh /tmp, /dev and /proc first: a folder bound later (a checkout of py3bridge under
    # /tmp, with its .venv) lands on top of them instead of being hidden by them.
    args += ["--proc", "/proc", "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp",
             "--perms", "1777", "--tmpfs", "/dev/shm", "--perms", "0755", "--dir", "/run"]
    args += _mount_arguments(mounts)
    args += ["--chdir", str(cwd), "--"]
    if uid is not None:
        args += ["setpriv", "--reuid", str(uid), "--regid", str(uid), "--clear-groups", "--inh-caps=-all",
                 "--bounding-set=-all", "--no-new-privs", "--"]
    if proxied:
        args += ["sh", "-c", _PROXY_WRAPPER, "py3bridge-proxy"]
    return args + list(command)


@functools.lru_cache(maxsize=None)
def _probe(uid, bwrap):
    """'' when a trivial sandboxed command runs here, else why not (asked once per process)."""
    try:
        command = bwrap_command(["true"], system_mounts(), "/")
        proc = subprocess.run(command, capture_output=True, text=True, timeout=30, env=scrubbed_environment())
    except SandboxUnavailable as err:
        return str(err)
    except (OSError, subprocess.SubprocessError) as err:
        return "bwrap could not start: %s" % err
    if proc.returncode != 0:
        return "bwrap cannot create its namespaces here: %s" % (proc.stderr.strip()[-300:] or "exit %d" % proc.returncode)
    if shutil.which("socat") is None:
        return "socat is not installed; install steps reach the package index through it"
    return ""


def check_available():
    """Raise SandboxUnavailable with the reason when repository code cannot be contained here."""
    problem = _probe(sandbox_uid(), bwrap_path())
    if problem:
        raise SandboxUnavailable(problem)


def _set_limits(limits):
    def apply():
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        # Counted per uid: the sandbox uid as root, the step's own user namespace otherwise.
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))

    return apply


def _kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_step(command, mounts, cwd, env, limits=ResourceLimits(), proxy_socket=None):
    """Run one step to completion or to a limit; never raises for what the step itself does.

    `mounts` are the folders the step sees besides the system paths; `cwd` is a path inside the
    sandbox. Without `proxy_socket` the step has no network; with it (the host path of an
    IndexProxy's socket) it reaches the package index and nothing else.
    """
    check_available()
    if limits.deadline is not None:
        left = limits.deadline - time.monotonic()
        if left <= 0:
            return StepResult(command, -signal.SIGKILL, "", 0.0, timed_out=True, timeout=0.0,
                              notes=["not started: the sync's time budget is spent"])
        limits = replace(limits, timeout=min(limits.timeout, left))
    all_mounts = system_mounts() + list(mounts)
    if proxy_socket is not None:
        all_mounts.append(Mount(Path(proxy_socket).parent, str(Path(PROXY_SOCKET).parent)))
        proxy = "http://127.0.0.1:%d" % PROXY_PORT
        env = dict(env, HTTP_PROXY=proxy, HTTPS_PROXY=proxy, http_proxy=proxy, https_proxy=proxy)
    wrapped = bwrap_command(command, all_mounts, cwd, proxied=proxy_socket is not None)
    started = time.monotonic()
    try:
        proc = subprocess.Popen(wrapped, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, preexec_fn=_set_limits(limits))
    except OSError as err:
        return StepResult(command, 127, "cannot start the sandbox: %s" % err, 0.0)
    try:
        output, limit_hit, timed_out = _collect_output(proc, started, limits)
        exit_code = _wait(proc, started, limits)
    finally:
        _kill_group(proc)  # bwrap itself; its pid namespace takes everything the step started
    if exit_code == -signal.SIGXCPU:
        limit_hit = limit_hit or "CPU time limit (%d s)" % limits.cpu_seconds
    elif exit_code == -signal.SIGXFSZ:
        limit_hit = limit_hit or "file size limit (%s)" % _size(limits.file_bytes)
    return StepResult(command, exit_code, output, time.monotonic() - started, timed_out, limit_hit,
                      timeout=limits.timeout)


def _collect_output(proc, started, limits):
    """Read the step's output until it ends, floods past the cap, or runs out of time."""
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
