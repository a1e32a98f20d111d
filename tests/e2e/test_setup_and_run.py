"""Registering the app through the manifest flow, and the run command's sandbox mode."""
import html
import json
import os
import re
import subprocess
import sys

import requests
from redis import Redis

from bot import create_app
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


def test_run_command_without_credentials_runs_the_sandbox(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET", "REDIS_URL")}
    env["PY3BRIDGE_CREDENTIALS"] = str(tmp_path / "none.json")
    proc = subprocess.run([sys.executable, "-m", "bot.run", "--once"], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "running in sandbox mode" in proc.stdout
    assert re.search(r"first pull request after [\d.]+ s: #1 py3: ", proc.stdout)
    url = re.search(r"see it at (\S+)", proc.stdout).group(1)
    assert url.endswith("/sandbox/python-dateutil/pull/1")
