"""Untrusted steps end with a clear summary and never take the worker down with them.

tests/security/test_sandbox_escapes.py tries the escapes; these are the limits.
"""
import os
import time

from workers.testrun.index_proxy import IndexProxy
from workers.testrun.sandbox import HOME, ResourceLimits, Mount, give_to_sandbox, run_step, scrubbed_environment


def python(code, tmp_path, limits=ResourceLimits(), network=False, extra=None):
    give_to_sandbox(tmp_path)
    env = scrubbed_environment(extra)
    mounts = [Mount(tmp_path, "/src", True)]
    if network:
        with IndexProxy() as proxy:
            return run_step(["python3", "-c", code], mounts, "/src", env, limits, proxy_socket=proxy.socket_path)
    return run_step(["python3", "-c", code], mounts, "/src", env, limits)


def test_hanging_step_is_killed_at_the_timeout(tmp_path):
    result = python("import time, subprocess, sys\n"
                    "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
                    "time.sleep(600)", tmp_path, ResourceLimits(timeout=2))
    assert result.timed_out and "timed out after 2 s" in result.problem()
    assert result.duration < 10


def test_output_flood_is_cut_and_stopped(tmp_path):
    result = python("import sys\nwhile True: sys.stdout.write('x' * 65536)", tmp_path,
                    ResourceLimits(output_bytes=200000))
    assert result.problem() == "limit exceeded: output limit (195 KB)"
    assert len(result.output) == 200000


def test_fork_bomb_hits_the_process_limit(tmp_path):
    result = python("import os, time\n"
                    "for _ in range(10000):\n"
                    "    try:\n"
                    "        if os.fork() == 0:\n"
                    "            time.sleep(60); os._exit(0)\n"
                    "    except OSError:\n"
                    "        print('fork refused'); break\n",
                    tmp_path, ResourceLimits(timeout=20, processes=40))
    assert "fork refused" in result.output


def test_memory_limit(tmp_path):
    result = python("x = bytearray(600 * 1024 * 1024)", tmp_path, ResourceLimits(memory_bytes=300 * 1024 ** 2))
    assert result.exit_code != 0 and "MemoryError" in result.output


def test_environment_is_scrubbed_and_home_is_private(tmp_path, monkeypatch):
    monkeypatch.setenv("WEBHOOK_SECRET", "s3cret-value")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_token_value")
    monkeypatch.setenv("REDIS_URL", "redis://secret-host:6379/0")
    result = python("import os; print(sorted(os.environ.items()))", tmp_path)
    assert result.ok
    for secret in ("s3cret-value", "ghs_token_value", "secret-host", "WEBHOOK_SECRET", "GITHUB_TOKEN"):
        assert secret not in result.output
    assert "('HOME', '%s')" % HOME in result.output


def test_worker_survives_and_no_process_is_left(tmp_path):
    marker = "py3bridge-leftover-%d" % os.getpid()
    result = python("import subprocess, sys, time\n"
                    "subprocess.Popen(['sleep', '300'], start_new_session=True, env={'X': %r})\n"
                    "print('started', flush=True)\n"
                    "time.sleep(60)" % marker, tmp_path, ResourceLimits(timeout=2))
    assert result.timed_out and "started" in result.output  # the escaping process did exist
    # The kernel tears the step's pid namespace down asynchronously: give it a moment on a busy machine.
    deadline = time.monotonic() + 10
    while [p for p in os.listdir("/proc") if p.isdigit() and _has_marker(p, marker)]:
        assert time.monotonic() < deadline, "a process the step started outlived it"
        time.sleep(0.1)


def _has_marker(pid, marker):
    try:
        with open("/proc/%s/environ" % pid, "rb") as f:
            return marker.encode() in f.read()
    except OSError:
        return False


def test_a_sync_budget_ends_the_step_before_its_own_timeout(tmp_path):
    result = python("import time; time.sleep(60)", tmp_path, ResourceLimits(timeout=600, deadline=time.monotonic() + 2))
    assert result.timed_out and result.duration < 10
    spent = python("open('/src/ran', 'w')", tmp_path, ResourceLimits(timeout=600, deadline=time.monotonic() - 1))
    assert spent.timed_out and spent.notes == ["not started: the sync's time budget is spent"]
    assert not (tmp_path / "ran").exists()


def test_session_budget_reaches_every_step(tmp_path):
    from workers.testrun.config import BUDGET_KEY, load

    (tmp_path / "calc.py").write_text("x = 1\n")
    config = load(tmp_path, {"command": "python -c 'import time; time.sleep(60)'", BUDGET_KEY: 30})
    assert config.timeout == 30 and config.budget == 30


def test_a_folder_bound_under_tmp_is_not_hidden_by_the_steps_own_tmp(tmp_path):
    # py3bridge itself may live under /tmp (a CI clone): its .venv is bound at the same path.
    (tmp_path / "seen.txt").write_text("here")
    os.chmod(tmp_path, 0o755)  # readable by anyone, as a checkout's .venv is
    result = run_step(["cat", "%s/seen.txt" % tmp_path], [Mount(tmp_path, str(tmp_path))], "/", scrubbed_environment(),
                      ResourceLimits(timeout=20))
    assert result.output == "here", result.output
