"""`python -m standin.sandbox_mode`: the whole bot on this machine, with no GitHub account.

Starts a redis-server (unless REDIS_URL is set), the GitHub stand-in holding a real Python 2
project downloaded from PyPI, the real webhook app and a real worker; installs the app on the
project by delivering a signed `installation` webhook; waits for the first pull request and
prints where to look at it. Runs until interrupted (or exits after the first PR with --once).

    python -m standin.sandbox_mode [--package NAME==VERSION] [--test-command CMD] [--once] [--report FILE]

--report writes the seconds from the installation delivery to the first PR, and the worker's
own split of that time (github / plan / tests), as JSON (bench/first_pr.py uses it).
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from werkzeug.serving import make_server

from bot import create_app
from common.settings import from_environment
from common.local_redis import free_port, start_redis
from standin.server import StandinServer, deliver, installation_event
from workers import sdist

REPO_ROOT = Path(__file__).resolve().parent.parent
SECRET = "sandbox-webhook-secret"
INSTALLATION = 1
OWNER = "sandbox"


def project_files(requirement, test_command, folder):
    checkout = sdist.fetch(requirement, folder)
    files = {p.relative_to(checkout).as_posix(): p.read_bytes() for p in sorted(checkout.rglob("*")) if p.is_file()}
    files[".github/py3bridge.yml"] = "tests:\n  command: %s\nmax_open_prs: 2\n" % json.dumps(test_command)
    return files


def serve(app):
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def first_pr_timings(redis_url, name, timeout=30):
    """The worker's github/plan/tests seconds for the first PR, once it has saved them."""
    from redis import Redis

    from workers.state import OPEN, load

    connection = Redis.from_url(redis_url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        batches = load(connection, "%s/%s" % (OWNER, name)).batches
        if batches and batches[0].state == OPEN:
            return batches[0].timings
        time.sleep(0.1)
    return {}


def wait_for_pull(state, name, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pulls = state.pulls(OWNER, name)
        if pulls:
            return pulls[0]
        time.sleep(0.2)
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m standin.sandbox_mode", description=__doc__.split("\n\n")[0])
    parser.add_argument("--package", default="python-dateutil==1.5")
    parser.add_argument("--test-command", default="python test.py -v")
    parser.add_argument("--once", action="store_true", help="exit after the first pull request")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--report", help="write timings of the first PR to this JSON file")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="py3bridge-sandbox-"))
    redis_proc, redis_url = (None, os.environ["REDIS_URL"]) if os.environ.get("REDIS_URL") else start_redis(work)
    name = args.package.split("==")[0]
    try:
        with StandinServer(root=work / "github") as github:
            github.state.make_repo(OWNER, name, project_files(args.package, args.test_command, work / "sdist"),
                                   installation_id=INSTALLATION)
            env = dict(os.environ, APP_ID=str(github.state.app.id), PRIVATE_KEY=github.state.app.private_key_pem,
                       WEBHOOK_SECRET=SECRET, REDIS_URL=redis_url, GITHUB_API_URL=github.base_url,
                       PY3BRIDGE_WORK_DIR=str(work / "clones"), PY3BRIDGE_SECONDS_BETWEEN_WRITES="0",
                       PY3BRIDGE_CREDENTIALS=str(work / "no-credentials.json"), PY3BRIDGE_WORKER_NAME="sandbox-worker")
            web = serve(create_app(from_environment(env)))
            worker = subprocess.Popen([sys.executable, "-m", "workers.worker"], cwd=REPO_ROOT, env=env,
                                      start_new_session=True)
            try:
                run_scenario(github, name, "http://127.0.0.1:%d/webhook" % web.server_port, args, redis_url)
            finally:
                os.killpg(worker.pid, signal.SIGTERM)  # before the stand-in stops under its feet
                worker.wait()
    finally:
        if redis_proc is not None:
            redis_proc.terminate()
        shutil.rmtree(work, ignore_errors=True)


def run_scenario(github, name, webhook, args, redis_url):
    started = time.monotonic()
    answer = deliver(webhook, "installation", installation_event(github.state, github.urls, INSTALLATION), SECRET)
    print("installation delivered to %s: HTTP %d" % (webhook, answer.status_code), flush=True)
    pull = wait_for_pull(github.state, name, args.timeout)
    if pull is None:
        raise SystemExit("no pull request after %.0f s" % args.timeout)
    print("first pull request after %.1f s: #%d %s" % (time.monotonic() - started, pull.number, pull.title))
    seconds = time.monotonic() - started
    print("see it at %s%s/%s/pull/%d  (all repositories: %s)" % (
        github.html_url.rstrip("/") + "/", OWNER, name, pull.number, github.html_url), flush=True)
    if args.report:
        Path(args.report).write_text(json.dumps({"package": args.package, "seconds_to_first_pr": round(seconds, 2),
                                                 "worker_split": first_pr_timings(redis_url, name)}))
    if not args.once:
        print("sandbox running; press Ctrl-C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass

if __name__ == "__main__":
    main()
