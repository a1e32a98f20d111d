"""Time from the `installation` delivery to the first PR on a real corpus package, split into
what the worker spent on GitHub (API, clone, push), planning (scan, apply, verify) and tests.

    .venv/bin/python bench/first_pr.py [NAME==VERSION "TEST COMMAND"] ...

Runs sandbox mode (standin/sandbox_mode.py: Redis, the GitHub stand-in, the webhook app, a worker) once per
package with a fresh environment cache, so the tests figure includes building the 2.7 and 3
environments, as on a repository's first install.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULTS = [("python-dateutil==1.5", "python test.py -v"), ("markdown2==1.0.1.19", "cd test && python test.py")]


def run(package, command):
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        env = dict(os.environ, PY3BRIDGE_CACHE_DIR=str(Path(tmp) / "cache"), PY3BRIDGE_CREDENTIALS=str(Path(tmp) / "x"))
        subprocess.run([sys.executable, "-m", "standin.sandbox_mode", "--once", "--package", package, "--test-command", command,
                        "--report", str(report)], cwd=REPO, env=env, check=True, capture_output=True)
        return json.loads(report.read_text())


def main():
    args = sys.argv[1:]
    pairs = list(zip(args[::2], args[1::2])) or DEFAULTS
    print("%-24s %10s %9s %9s %9s" % ("package", "first PR s", "github s", "plan s", "tests s"))
    for package, command in pairs:
        data = run(package, command)
        split = data["worker_split"]
        print("%-24s %10.1f %9.1f %9.1f %9.1f" % (package, data["seconds_to_first_pr"], split.get("github", 0),
                                                  split.get("plan", 0), split.get("tests", 0)))


if __name__ == "__main__":
    main()
