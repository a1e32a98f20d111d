"""The whole app end to end: the real Flask app over HTTP, a real Redis, real RQ worker processes,
and the GitHub stand-in (real PyGithub over real HTTP, real bare git repositories)."""
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from redis import Redis
from werkzeug.serving import make_server

from bot import create_app
from common.settings import from_environment
from tests.conftest import shared_folder
from tests.standin.fixtures import standin, standin_server  # noqa: F401
from standin.server import deliver

REPO_ROOT = Path(__file__).resolve().parents[2]
SECRET = "e2e-webhook-secret"
INSTALLATION = 42

LEGACY_FILES = {
    "legacy/__init__.py": "",
    "legacy/greet.py": 'def greet(name):\n    print "hello", name\n    return name\n',
    "legacy/shout.py": 'def shout(name):\n    print "HEY", name.upper()\n    return name.upper()\n',
    "legacy/parse.py": "def number(text):\n    try:\n        return int(text)\n    except ValueError, e:\n        return None\n",
    "test_legacy.py": "import unittest\nfrom legacy import greet, parse, shout\n\n\nclass T(unittest.TestCase):\n"
                      "    def test_greet(self):\n        self.assertEqual(greet.greet('a'), 'a')\n\n"
                      "    def test_shout(self):\n        self.assertEqual(shout.shout('a'), 'A')\n\n"
                      "    def test_number(self):\n        self.assertEqual(parse.number('x'), None)\n",
    ".github/py3bridge.yml": "tests:\n  command: python -m unittest discover -v\nbatch:\n  max_files: 1\nmax_open_prs: 1\n",
}


class Stack:
    """Everything a scenario drives: deliveries in, workers to run, GitHub state to read."""

    def __init__(self, standin, redis_url, env, webhook_url):
        self.standin, self.state = standin, standin.state
        self.redis = Redis.from_url(redis_url)
        self.env, self.webhook_url = env, webhook_url

    def deliver(self, event, payload, delivery_id=None):
        return deliver(self.webhook_url, event, payload, SECRET, delivery_id=delivery_id)

    def worker_command(self, burst=True):
        return [sys.executable, "-m", "workers.worker"] + (["--burst"] if burst else [])

    def run_worker(self, name="worker-1", timeout=600):
        proc = subprocess.run(self.worker_command(), cwd=REPO_ROOT, env=dict(self.env, PY3BRIDGE_WORKER_NAME=name),
                              capture_output=True, text=True, timeout=timeout)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return proc.stderr

    def start_worker(self, name="worker-1"):
        return subprocess.Popen(self.worker_command(burst=False), cwd=REPO_ROOT,
                                env=dict(self.env, PY3BRIDGE_WORKER_NAME=name), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)

    @staticmethod
    def kill(proc):
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def pulls(self, state="all"):
        return self.state.pulls("octo", "legacy", state=state)

    def wait_for(self, predicate, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        raise AssertionError("timed out waiting")


@pytest.fixture
def stack(standin, redis_server, tmp_path, env_cache):  # noqa: F811
    redis = Redis.from_url(redis_server)
    redis.flushdb()
    standin.state.make_repo("octo", "legacy", LEGACY_FILES, installation_id=INSTALLATION)
    env = dict(os.environ, APP_ID=str(standin.state.app.id), PRIVATE_KEY=standin.state.app.private_key_pem,
               WEBHOOK_SECRET=SECRET, REDIS_URL=redis_server, GITHUB_API_URL=standin.base_url,
               PY3BRIDGE_WORK_DIR=str(tmp_path / "work"), PY3BRIDGE_CACHE_DIR=str(env_cache),
               PY3BRIDGE_SECONDS_BETWEEN_WRITES="0", PY3BRIDGE_CREDENTIALS=str(tmp_path / "none.json"))
    app = create_app(from_environment(env))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Stack(standin, redis_server, env, "http://127.0.0.1:%d/webhook" % server.server_port)
    server.shutdown()


@pytest.fixture(scope="session")
def env_cache(tmp_path_factory):
    return shared_folder(tmp_path_factory, "e2e-cache")
