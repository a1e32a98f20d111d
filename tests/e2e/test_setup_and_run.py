"""Registering the app through the manifest flow, and the run command's sandbox mode."""
import html
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests
from redis import Redis

from bot import create_app
from common.local_redis import free_port
from common.processes import descendants
from common.settings import Settings

from .conftest import REPO_ROOT
from tests.standin.fixtures import standin, standin_server  # noqa: F401


def test_manifest_flow_stores_the_app_credentials(standin, redis_server, tmp_path, monkeypatch):  # noqa: F811
    credentials = tmp_path / "credentials.json"
    monkeypatch.setenv("PY3BRIDGE_CREDENTIALS", str(credentials))
    Redis.from_url(redis_server).flushdb()
    app = create_app(Settings(redis_url=redis_server, github_api_url=standin.base_url))
    client = app.test_client()

    page = client.get("/setup", base_url="https://bot.example/").get_data(as_text=True)
    action = html.unescape(re.search(r'action="([^"]+)"', page).group(1))
    manifest = json.loads(html.unescape(re.search(r'name="manifest" value="([^"]+)"', page).group(1)))
    assert action.startswith(standin.html_url.rstrip("/") + "/settings/apps/new?state=")
    assert manifest["hook_attributes"]["url"] == "https://bot.example/webhook"
    assert manifest["redirect_url"] == "https://bot.example/setup/callback"
    assert manifest["default_permissions"]["checks"] == "write"

    github = requests.post(action, data={"manifest": json.dumps(manifest)}, allow_redirects=False)
    callback = github.headers["Location"]
    assert callback.startswith("https://bot.example/setup/callback?code=")
    done = client.get(callback.replace("https://bot.example", ""))
    assert done.status_code == 200, done.get_data(as_text=True)
    saved = json.loads(credentials.read_text())
    assert saved["APP_ID"] == str(standin.state.app.id) and saved["PRIVATE_KEY"].startswith("-----BEGIN")
    assert saved["WEBHOOK_SECRET"] == standin.state.manifest_webhook_secret
    assert credentials.stat().st_mode & 0o777 == 0o600

    replay = client.get(callback.replace("https://bot.example", ""))
    assert replay.status_code == 404  # registered: /setup is gone (tests/security/test_web.py)
    forged = client.get("/setup/callback?code=abc&state=made-up")
    assert forged.status_code == 404
    assert json.loads(credentials.read_text()) == saved


def _processes_carrying(marker):
    """PIDs of living processes whose environment holds `marker` (bubblewrap's steps, whose
    environment is scrubbed, are found through the parent chain instead)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            if marker.encode() in Path("/proc/%s/environ" % entry).read_bytes() and _alive(int(entry)):
                found.append(int(entry))
        except OSError:
            pass
    return found


def _alive(pid, started=None):
    """Whether `pid` is a living process (and, given its start time, still the same one)."""
    try:
        stat = Path("/proc/%d/stat" % pid).read_bytes()
    except OSError:
        return False
    fields = stat[stat.rindex(b")") + 2:].split()
    return fields[0] not in (b"Z", b"X") and (started is None or fields[19] == started)


def _start_time(pid):
    try:
        stat = Path("/proc/%d/stat" % pid).read_bytes()
    except OSError:
        return None
    return stat[stat.rindex(b")") + 2:].split()[19]


def _dashboard_text(repository_url, wanted, proc, out, seconds=180):
    """The dashboard issue's page once it shows `wanted` (the sync updates it after opening the PR)."""
    deadline = time.monotonic() + seconds
    while True:
        links = re.findall(r"href=['\"]([^'\"]*/issues/\d+)['\"]", requests.get(repository_url, timeout=10).text)
        page = requests.get(requests.compat.urljoin(repository_url, links[0]), timeout=10).text if links else ""
        if wanted in page:
            return page
        assert proc.poll() is None and time.monotonic() < deadline, out.read_text(errors="replace")[-3000:]
        time.sleep(1)


def test_run_command_without_credentials_runs_the_sandbox_until_sigterm_then_leaves_nothing(tmp_path):
    marker = "py3bridge-run-test-%s" % uuid.uuid4().hex
    env = {k: v for k, v in os.environ.items() if k not in ("APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET", "REDIS_URL")}
    env.update(PY3BRIDGE_CREDENTIALS=str(tmp_path / "none.json"), PY3BRIDGE_RUN_TEST_MARKER=marker)
    out = tmp_path / "run.out"
    with open(out, "wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "bot.run"], cwd=REPO_ROOT, env=env, stdout=sink,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 600
        while "sandbox running" not in out.read_text(errors="replace"):
            assert proc.poll() is None and time.monotonic() < deadline, out.read_text(errors="replace")[-3000:]
            time.sleep(0.5)
        text = out.read_text(errors="replace")
        assert "running in sandbox mode" in text
        assert re.search(r"first pull request after [\d.]+ s: #1 py3: ", text)
        url = re.search(r"see it at (\S+)", text).group(1)
        assert url.endswith("/sandbox/python-dateutil/pull/1")
        pull = requests.get(url, timeout=10).text
        assert "id=merge" in pull  # the pages serve, with their actions
        # python-dateutil 1.5 cannot start on 3 before its later batches: the PR's test summary (and
        # the dashboard, once the sync updates it, below) say why in a blockers table.
        assert "Python 3 blockers" in pull and "No module named 'cStringIO'" in html.unescape(pull)
        # What it runs now (redis-server, the worker, probably a job opening the next PR).
        started = {pid: _start_time(pid) for pid in descendants(proc.pid)}
        assert len(started) >= 2 and len(_processes_carrying(marker)) >= 3, started
        assert _dashboard_text(url.rsplit("/pull/", 1)[0], "Python 3 blockers", proc, out)
    finally:
        proc.send_signal(signal.SIGTERM)  # to bot.run alone, as `kill PID` or a process manager does
        code = proc.wait(timeout=60)
    assert code == 0, out.read_text(errors="replace")[-3000:]
    assert "stopping the sandbox" in out.read_text(errors="replace")
    time.sleep(0.5)
    left = [pid for pid, start in started.items() if _alive(pid, start)] + _processes_carrying(marker)
    for pid in left:  # never leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert left == [], left


def test_run_command_with_credentials_stops_honcho_and_redis_on_sigterm(tmp_path):
    """The credentialed path: redis-server and honcho's gunicorn and worker all stop with bot.run."""
    marker = "py3bridge-run-test-%s" % uuid.uuid4().hex
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(APP_ID="1", PRIVATE_KEY="unused", WEBHOOK_SECRET="s", PORT=str(free_port()),
               PY3BRIDGE_CREDENTIALS=str(tmp_path / "none.json"), PY3BRIDGE_WORK_DIR=str(tmp_path / "work"),
               PY3BRIDGE_WORKER_NAME="run-test", PY3BRIDGE_RUN_TEST_MARKER=marker)
    out = tmp_path / "run.out"
    with open(out, "wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "bot.run"], cwd=REPO_ROOT, env=env, stdout=sink,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while not all(s in out.read_text(errors="replace") for s in ("Listening at", "Listening on")):
            assert proc.poll() is None and time.monotonic() < deadline, out.read_text(errors="replace")[-3000:]
            time.sleep(0.2)
        started = {pid: _start_time(pid) for pid in descendants(proc.pid)}
        # redis-server, honcho and its two shells' gunicorn (master + 2 workers) and RQ worker
        assert len(started) >= 5, started
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
    time.sleep(0.5)
    left = [pid for pid, start in started.items() if _alive(pid, start)] + _processes_carrying(marker)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == [], (left, out.read_text(errors="replace")[-3000:])
    assert code is not None
