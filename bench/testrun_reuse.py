"""How much the environment cache saves: first vs second test run of the same repository.

    .venv/bin/python bench/testrun_reuse.py [NAME==VERSION] [COMMAND]

Downloads the sdist (default python-dateutil 1.5, command `python test.py -v`), runs
`python -m bot test` twice against a fresh environment cache, and prints both wall times and
their ratio. Needs network for the first run's installs, like any first run.
"""
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from workers import sdist  # noqa: E402


def timed_run(checkout, cache):
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "bot", "test", str(checkout), "--json"], cwd=REPO,
                          capture_output=True, text=True, env={"PY3BRIDGE_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"})
    return time.monotonic() - started, proc


def main():
    requirement = sys.argv[1] if len(sys.argv) > 1 else "python-dateutil==1.5"
    command = sys.argv[2] if len(sys.argv) > 2 else "python test.py -v"
    with tempfile.TemporaryDirectory() as tmp:
        checkout = sdist.fetch(requirement, Path(tmp) / "checkout")
        (checkout / ".py3bridge.toml").write_text("[tests]\ncommand = %r\n" % command)
        first, proc = timed_run(checkout, Path(tmp) / "cache")
        second, proc2 = timed_run(checkout, Path(tmp) / "cache")
    print("%s, test command %r" % (requirement, command))
    print("first run (builds 2.7 and 3 environments): %6.1f s  (exit %d)" % (first, proc.returncode))
    print("second run (reuses them):                  %6.1f s  (exit %d)" % (second, proc2.returncode))
    print("second / first:                            %6.2f" % (second / first))


if __name__ == "__main__":
    main()
