"""Repository code tries every escape it can, in the real bwrap sandbox; each attempt must fail.

Each attack is a script run as a step, the way install, test and smoke commands run. They run
once with the worker as root (as CI runs) and once with the worker as an unprivileged user
(a second process dropped with setpriv), since the two build the sandbox differently.
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest

from workers.testrun.index_proxy import IndexProxy
from workers.testrun.sandbox import INNER_UID, ResourceLimits, Mount, run_step, sandbox_uid, scrubbed_environment

REPO = Path(__file__).resolve().parents[2]
NON_ROOT_WORKER_UID = 64201
ATTACK_RUNNER = """
import json, sys
sys.path.insert(0, %(repo)r)
from workers.testrun.sandbox import ResourceLimits, Mount, run_step, scrubbed_environment
from pathlib import Path
tree, script = sys.argv[1], sys.argv[2]
result = run_step(["python3", "-c", script], [Mount(Path(tree), "/src", True)], "/src", scrubbed_environment(),
                  ResourceLimits(timeout=20))
print(json.dumps({"exit": result.exit_code, "output": result.output}))
"""


class Worker:
    """Runs an attack script as a step, with the worker as root or as an unprivileged user."""

    def __init__(self, as_root, folder):
        self.as_root = as_root
        self.tree = Path(folder) / "tree"
        self.tree.mkdir()
        os.chmod(folder, 0o755)  # pytest's own folders are private to root
        owner = sandbox_uid() if as_root else NON_ROOT_WORKER_UID
        os.chown(self.tree, owner, owner)

    def attack(self, script):
        script = textwrap.dedent(script)
        if self.as_root:
            result = run_step(["python3", "-c", script], [Mount(self.tree, "/src", True)], "/src",
                              scrubbed_environment(), ResourceLimits(timeout=20))
            return result.exit_code, result.output
        drop = ["setpriv", "--reuid", str(NON_ROOT_WORKER_UID), "--regid", str(NON_ROOT_WORKER_UID), "--clear-groups"]
        proc = subprocess.run(drop + ["/usr/bin/python3", "-c", ATTACK_RUNNER % {"repo": str(REPO)}, str(self.tree), script],
                              capture_output=True, text=True, timeout=60, env={"PATH": os.environ["PATH"], "HOME": "/tmp"})
        assert proc.returncode == 0, proc.stderr
        answer = json.loads(proc.stdout.strip().splitlines()[-1])
        return answer["exit"], answer["output"]


@pytest.fixture(params=["root worker", "non-root worker"])
def worker(request):
    assert os.geteuid() == 0, "the attack suite drops to other users; it runs as root, as CI does"
    with tempfile.TemporaryDirectory(prefix="py3bridge-attack-") as folder:
        yield Worker(request.param == "root worker", folder)


def test_step_runs_as_an_unprivileged_uid_owning_nothing_of_the_workers(worker):
    code, output = worker.attack("""
        import os
        print("uid", os.getuid(), os.geteuid())
        print("caps", [l for l in open("/proc/self/status") if l.startswith("CapEff")])
        """)
    assert code == 0, output
    uid = sandbox_uid() if worker.as_root else INNER_UID
    assert "uid 0 " not in output and "uid %d %d" % (uid, uid) in output
    assert "CapEff:\\t0000000000000000" in output


def test_worker_processes_are_invisible_unsignalable_and_their_memory_unreadable(worker):
    victim = subprocess.Popen(["sleep", "60"], env={"PY3BRIDGE_SECRET": "ghs_victim_token"})
    try:
        code, output = worker.attack("""
            import os, signal
            pids = [p for p in os.listdir("/proc") if p.isdigit()]
            print("pids", sorted(map(int, pids)))
            for pid in (%d, %d, 1):
                for what in ("environ", "mem", "cmdline"):
                    try:
                        print(what, pid, open("/proc/%%d/%%s" %% (pid, what), "rb").read(200))
                    except OSError as err:
                        print(what, pid, "refused", err.errno)
                try:
                    os.kill(pid, signal.SIGKILL)
                    print("killed", pid)
                except OSError as err:
                    print("kill refused", pid, err.errno)
            """ % (victim.pid, os.getpid()))
        assert code == 0, output
        assert "ghs_victim_token" not in output
        assert victim.poll() is None, "the step killed a worker-side process"
        assert "killed %d" % victim.pid not in output and "killed %d" % os.getpid() not in output
        seen = json.loads(output.split("pids ", 1)[1].splitlines()[0])
        assert max(seen) < 1000  # a fresh pid namespace: only the step's own few processes are there
    finally:
        victim.kill()


def test_worker_files_and_home_are_out_of_sight(worker, tmp_path):
    secret = tmp_path / "credentials.json"
    secret.write_text('{"PRIVATE_KEY": "-----BEGIN RSA PRIVATE KEY----- sandbox-secret"}')
    code, output = worker.attack("""
        import os
        for path in (%r, "/root/.config/py3bridge/credentials.json", %r, "/work"):
            try:
                print(path, os.listdir(path) if os.path.isdir(path) else open(path).read())
            except OSError as err:
                print(path, "refused", err.errno)
        try:
            open("/usr/bin/py3bridge-planted", "w")
            print("wrote system path")
        except OSError as err:
            print("system paths read-only", err.errno)
        """ % (str(secret), str(REPO)))
    assert code == 0, output
    assert "sandbox-secret" not in output
    assert "wrote system path" not in output and not Path("/usr/bin/py3bridge-planted").exists()
    assert "Makefile" not in output  # the worker's own code is not mounted


def test_no_network_and_no_host_sockets_in_a_test_step(worker, tmp_path):
    port = _listening_tcp_port()
    unix_path = _listening_unix_socket(tmp_path)
    code, output = worker.attack("""
        import socket
        for family, address in ((socket.AF_INET, ("127.0.0.1", %d)), (socket.AF_UNIX, %r),
                                (socket.AF_INET, ("203.0.113.80", 443)), (socket.AF_UNIX, "\\0py3bridge-abstract")):
            s = socket.socket(family)
            s.settimeout(3)
            try:
                s.connect(address)
                print("connected", address)
            except OSError as err:
                print("refused", address, err.__class__.__name__)
        """ % (port, str(unix_path)))
    assert code == 0, output
    assert "connected" not in output


def test_setns_into_the_workers_network_is_refused(worker):
    code, output = worker.attack("""
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        for path in ("/proc/1/ns/net", "/proc/%d/ns/net"):
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError as err:
                print("refused", path, err.errno)
                continue
            if libc.setns(fd, 0x40000000) == 0:  # CLONE_NEWNET
                print("joined", path)
            else:
                print("refused", path, ctypes.get_errno())
        """ % os.getpid())
    assert code == 0, output
    assert "joined" not in output


def test_processes_started_by_a_step_die_with_it(worker):
    marker = "py3bridge-lingering-%d-%d" % (os.getpid(), int(worker.as_root))
    code, output = worker.attack("""
        import subprocess, os
        subprocess.Popen(["sleep", "300"], start_new_session=True, env={"MARK": %r})
        pid = os.fork()
        if pid == 0:
            os.setsid()
            os.execvpe("sleep", ["sleep", "301"], {"MARK": %r})
        print("started")
        """ % (marker, marker))
    assert "started" in output
    assert _eventually_none(lambda: _processes_with(marker))


def test_fork_bomb_is_capped_and_cleaned_up(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    os.chown(tree, sandbox_uid(), sandbox_uid())
    result = run_step(["python3", "-c", textwrap.dedent("""
        import os, time
        for _ in range(10000):
            try:
                if os.fork() == 0:
                    time.sleep(60); os._exit(0)
            except OSError:
                print('fork refused'); break
        """)], [Mount(tree, "/src", True)], "/src", scrubbed_environment(), ResourceLimits(timeout=20, processes=40))
    assert "fork refused" in result.output
    assert _eventually_none(lambda: _processes_with_uid(sandbox_uid()))


def test_install_steps_reach_the_index_and_nothing_on_this_host(tmp_path):
    port = _listening_tcp_port()
    tree = tmp_path / "tree"
    tree.mkdir()
    os.chown(tree, sandbox_uid(), sandbox_uid())
    script = textwrap.dedent("""
        import socket, urllib.request
        for url in ("https://pypi.org/simple/six/",):
            try:
                print("index", urllib.request.urlopen(url, timeout=20).status)
            except Exception as err:
                print("index failed", err)
        for target in ("127.0.0.1:%d", "localhost:443", "169.254.169.254:443", "pypi.org:%d", "example.com:443"):
            s = socket.create_connection(("127.0.0.1", 3128), timeout=10)
            s.sendall(("CONNECT %%s HTTP/1.1\\r\\nHost: %%s\\r\\n\\r\\n" %% (target, target)).encode())
            print(target, s.recv(200).split(b"\\r\\n")[0].decode())
        direct = socket.socket()
        direct.settimeout(3)
        try:
            direct.connect(("127.0.0.1", %d))
            print("direct connected")
        except OSError as err:
            print("direct refused", err.__class__.__name__)
        """ % (port, port, port))
    with IndexProxy() as proxy:
        result = run_step(["python3", "-c", script], [Mount(tree, "/src", True)], "/src", scrubbed_environment(),
                          ResourceLimits(timeout=60), proxy_socket=proxy.socket_path)
    assert "index 200" in result.output, result.output
    for target in ("127.0.0.1:%d" % port, "localhost:443", "169.254.169.254:443", "pypi.org:%d" % port, "example.com:443"):
        assert "%s HTTP/1.1 403 Forbidden" % target in result.output, result.output
    assert "direct refused" in result.output
    assert len(proxy.refusals) == 5


def test_refuses_to_run_repository_code_where_the_sandbox_cannot_work(tmp_path):
    probe = ("import sys; sys.path.insert(0, %r)\n"
             "from workers.testrun.sandbox import SandboxUnavailable, ResourceLimits, run_step, scrubbed_environment\n"
             "try:\n"
             "    run_step(['sh', '-c', 'echo ran > %s/ran'], [], '/', scrubbed_environment(),\n"
             "             ResourceLimits(timeout=10))\n"
             "except SandboxUnavailable as err:\n"
             "    print('refused:', err)\n" % (str(REPO), tmp_path))
    env = dict(os.environ, PY3BRIDGE_BWRAP="/bin/false")  # what a runtime's seccomp refusal looks like
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert "refused: bwrap cannot create its namespaces here" in proc.stdout, proc.stdout + proc.stderr
    assert not (tmp_path / "ran").exists()


def _eventually_none(find, seconds=5):
    """The kernel tears a pid namespace down asynchronously: its processes may take a moment to go."""
    deadline = time.monotonic() + seconds
    while find():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _listening_tcp_port():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    threading.Thread(target=lambda: [server.accept() for _ in range(5)], daemon=True).start()
    return server.getsockname()[1]


def _listening_unix_socket(tmp_path):
    path = tmp_path / "redis.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    os.chmod(path, 0o777)
    server.listen(5)
    threading.Thread(target=lambda: [server.accept() for _ in range(5)], daemon=True).start()
    return path


def _processes_with(marker):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if marker.encode() in Path("/proc/%s/environ" % pid).read_bytes():
                found.append(pid)
        except OSError:
            pass
    return found


def _processes_with_uid(uid):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if Path("/proc/%s" % pid).stat().st_uid == uid:
                found.append(pid)
        except OSError:
            pass
    return found
