"""`python -m bot.run` (the README's run command): the bot, for real or in sandbox mode.

With the app's credentials (APP_ID, PRIVATE_KEY or PRIVATE_KEY_FILE, WEBHOOK_SECRET in the
environment, or saved by /setup), it starts a local password-protected redis-server when REDIS_URL
is unset and then the Procfile's web and worker processes with honcho. Without credentials it runs
the whole bot in sandbox mode against the local GitHub stand-in (standin/sandbox_mode.py).
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import local_redis
from common.settings import from_environment
from standin import sandbox_mode

REPO_ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    settings = from_environment()
    if not settings.has_credentials:
        print("No GitHub App credentials configured: running in sandbox mode (see README, 'Deploying').", flush=True)
        return sandbox_mode.main(argv)
    env = dict(os.environ)
    redis_proc = None
    if not os.environ.get("REDIS_URL"):
        redis_proc, env["REDIS_URL"] = local_redis.start_redis(tempfile.mkdtemp(prefix="py3bridge-redis-"))
        # The URL holds redis-server's password: never print it as is.
        print("started redis-server at %s" % local_redis.masked_url(env["REDIS_URL"]), flush=True)
    try:
        return subprocess.call([sys.executable, "-m", "honcho", "start", "-f", str(REPO_ROOT / "Procfile")],
                               cwd=REPO_ROOT, env=env)
    finally:
        if redis_proc is not None:
            redis_proc.terminate()


if __name__ == "__main__":
    sys.exit(main())
