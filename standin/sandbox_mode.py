"""`python -m standin.sandbox_mode`: the whole bot on this machine, with no GitHub account.

Starts a redis-server (unless REDIS_URL is set), the GitHub stand-in holding a real Python 2
project downloaded from PyPI, the real webhook app and a real worker; installs the app on the
project by delivering a signed `installation` webhook; waits for the first pull request and
prints where to look at it. Runs until interrupted (or exits after the first PR with --once):
the worker keeps running, so what a person does on the stand-in's pages (merge, close, reopen,
comment a /py3bridge command) reaches the bot as GitHub's webhooks and the bot answers.
SIGTERM or SIGINT (Ctrl-C) stops the worker, the web app, the stand-in and redis-server, and
kills whatever they left running.

    python -m standin.sandbox_mode [--package NAME==VERSION] [--test-command CMD] [--once] [--port N]
                                   [--report FILE]

--report writes the seconds from the installation delivery to the first PR, and the worker's
own split of that time (github / plan / tests), as JSON (bench/first_pr.py uses it).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from werkzeug.serving import make_server

from bot import create_app
from common import local_redis, processes
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

    from workers.services.state import OPEN, load

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
    parser.add_argument("--port", type=int, default=0, help="the stand-in's port (default: a free one)")
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--report", help="write timings of the first PR to this JSON file")
    args = parser.parse_args(argv)
    # Everything started below is stopped on SIGTERM, SIGINT or an error, whatever it started itself.
    processes.become_subreaper()
    processes.stop_on_signals()
    work = Path(tempfile.mkdtemp(prefix="py3bridge-sandbox-"))
    redis_proc = None
    name = args.package.split("==")[0]
    try:
        redis_proc, redis_url = (None, os.environ["REDIS_URL"]) if os.environ.get("REDIS_URL") else start_redis(work)
        with StandinServer(root=work / "github", port=args.port) as github:
            github.state.make_repo(OWNER, name, project_files(args.package, args.test_command, work / "sdist"),
                                   installation_id=INSTALLATION)
            env = dict(os.environ, APP_ID=str(github.state.app.id), PRIVATE_KEY=github.state.app.private_key_pem,
                       WEBHOOK_SECRET=SECRET, REDIS_URL=redis_url, GITHUB_API_URL=github.base_url,
                       PY3BRIDGE_WORK_DIR=str(work / "clones"), PY3BRIDGE_SECONDS_BETWEEN_WRITES="0",
                       PY3BRIDGE_CREDENTIALS=str(work / "no-credentials.json"), PY3BRIDGE_WORKER_NAME="sandbox-worker")
            web = serve(create_app(from_environment(env)))
            webhook = "http://127.0.0.1:%d/webhook" % web.server_port
            # The App's webhook, as GitHub keeps it: what a click on the pages does is delivered there.
            github.state.configure_webhook(webhook, SECRET, root=github.html_url)
            worker = None
            try:
                # A long-running worker (not --burst): it serves the deliveries of every later click.
                worker = subprocess.Popen([sys.executable, "-m", "workers.worker"], cwd=REPO_ROOT, env=env,
                                          start_new_session=True)
                run_scenario(github, name, webhook, args, redis_url)
            finally:
                processes.hold_signals()
                processes.stop_group(worker)  # before the stand-in stops under its feet
                web.shutdown()
    except KeyboardInterrupt:
        print("stopping the sandbox", flush=True)
    finally:
        processes.hold_signals()
        local_redis.stop(redis_proc)
        processes.kill_descendants()
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
        print("You act there as %r, the repository's owner: merge the pull request and the bot opens the next "
              "one; comment `/py3bridge help` (or split, explain, status ...) and it answers. Reload a page to "
              "see what the bot did." % OWNER, flush=True)
        print("sandbox running; press Ctrl-C to stop", flush=True)
        while True:
            time.sleep(3600)


if __name__ == "__main__":
    main()
