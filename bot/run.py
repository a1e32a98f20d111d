"""`python -m bot.run` (the README's run command): the bot, for real or in sandbox mode.

With the app's credentials (APP_ID, PRIVATE_KEY or PRIVATE_KEY_FILE, WEBHOOK_SECRET in the
environment, or saved by /setup), it starts a local password-protected redis-server when REDIS_URL
is unset and then the Procfile's web and worker processes with honcho. Without credentials it runs
the whole bot in sandbox mode against the local GitHub stand-in (standin/sandbox_mode.py).
Either way SIGTERM and SIGINT stop everything it started (common/processes.py).
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import local_redis, processes
from common.settings import from_environment

REPO_ROOT = Path(__file__).resolve().parent.parent
STOP_WAIT = 20  # seconds honcho gets to stop its processes (it SIGKILLs them after 5) before it is killed


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    settings = from_environment()
    if not settings.has_credentials:
        print("No GitHub App credentials configured: running in sandbox mode (see README, 'Deploying').", flush=True)
        # Become sandbox mode (same process, so the same SIGTERM stops it): the web side never
        # imports the stand-in, which sits above it.
        os.execv(sys.executable, [sys.executable, "-m", "standin.sandbox_mode"] + list(argv))
    # SIGTERM or SIGINT: honcho stops the Procfile's processes, then redis-server stops, then
    # whatever they left (re-parented to us) is killed.
    processes.become_subreaper()
    # The Procfile's `gunicorn` and `python` are this interpreter's (make run does not activate .venv).
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    redis_proc = honcho = None
    stopping = []

    def stop(signum, frame):
        stopping.append(time.monotonic())
        if honcho is not None and honcho.poll() is None:
            honcho.send_signal(signal.SIGTERM)

    for signum in processes.STOP_SIGNALS:
        signal.signal(signum, stop)
    try:
        if not os.environ.get("REDIS_URL"):
            redis_proc, env["REDIS_URL"] = local_redis.start_redis(tempfile.mkdtemp(prefix="py3bridge-redis-"))
            # The URL holds redis-server's password: never print it as is.
            print("started redis-server at %s" % local_redis.masked_url(env["REDIS_URL"]), flush=True)
        if stopping:
            return 0
        honcho = subprocess.Popen([sys.executable, "-m", "honcho", "start", "-f", str(REPO_ROOT / "Procfile")],
                                  cwd=REPO_ROOT, env=env)
        while True:
            try:
                return honcho.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                if stopping and time.monotonic() - stopping[0] > STOP_WAIT:
                    honcho.kill()
    finally:
        processes.hold_signals()
        local_redis.stop(redis_proc)
        processes.kill_descendants()


if __name__ == "__main__":
    sys.exit(main())
