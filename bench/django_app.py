"""A real Django app through py3bridge end to end: django-oauth-plus 2.2.5 before and after
`python -m bot apply --stage all`, its 49 tests on Python 2.7 and on the Python 3 its Django runs on.

    .venv/bin/python bench/django_app.py [NAME==VERSION]

Downloads the sdist (cached under ~/.cache/py3bridge/sdists, like the tests), pins Django 1.8
through a .py3bridge.toml install command (the app allows Django>=1.3), applies every stage to a
copy with the real CLI, runs one test session (before = the download, after = the migrated copy)
and prints the before/after table, the runner, the Python 3 chosen and the deprecation counts.
Needs network (through the sandbox's index proxy) for the first environment builds.
"""
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.sdists import pristine  # noqa: E402
from workers.testrun import config as test_config  # noqa: E402
from workers.testrun.pythons import choose  # noqa: E402
from workers.testrun.session import run_session  # noqa: E402
from workers.testrun.summary import to_json, to_markdown  # noqa: E402

INSTALL = 'pip install "Django>=1.8,<1.9" && pip install -r requirements.txt -r test-requirements.txt'


def cell(run):
    if run is None:
        return "—"
    if run["problem"]:
        return run["problem"]
    if run["runner_reported"]["ran"] is None:
        return "did not start (exit %d)" % run["exit_code"]
    return "%d/%d passed (Ran %d)" % (run["passed"], run["runner_total"], run["runner_reported"]["ran"])


def main():
    requirement = sys.argv[1] if len(sys.argv) > 1 else "django-oauth-plus==2.2.5"
    with tempfile.TemporaryDirectory(prefix="py3bridge-django-") as tmp:
        before = Path(tmp) / "before"
        shutil.copytree(pristine(requirement), before)
        (before / ".py3bridge.toml").write_text("[tests]\ninstall = '%s'\n" % INSTALL)
        after = Path(tmp) / "after"
        shutil.copytree(before, after)
        applied = subprocess.run([sys.executable, "-m", "bot", "apply", str(after), "--stage", "all", "--json"],
                                 cwd=REPO, capture_output=True, text=True)
        result = json.loads(applied.stdout)
        config = test_config.load(after)
        choice = choose(after, config)
        started = time.monotonic()
        reports = run_session(before, after, choice.interpreters, config)
        elapsed = time.monotonic() - started
        data = to_json(reports)
        print("## %s: before and after `apply --stage all`\n" % requirement)
        print("apply: %d files changed, %d not applied; added: %s" % (
            result["changed"], result["not_applied"],
            ", ".join("%s in %s" % (d["package"], d["path"]) for d in result["dependencies_added"]) or "nothing"))
        print("runner: `%s` (%s)" % (data["runner"]["command"], data["runner"]["detected_from"]))
        print(data["python3_choice"])
        print()
        print("| Python | before | after | deprecations before → after (own code) |")
        print("|---|---|---|---|")
        for item in data["interpreters"]:
            if item["environment"]["problem"]:
                print("| %s | %s | | |" % (item["version"] or item["label"], item["environment"]["problem"]))
                continue
            w_before, w_after = (item["before"] or {}).get("warnings"), (item["after"] or {}).get("warnings")
            warnings = "%s → %s (%s → %s)" % (
                w_before["deprecations"] if w_before else "—", w_after["deprecations"] if w_after else "—",
                w_before["own_code_count"] if w_before else "—", w_after["own_code_count"] if w_after else "—")
            print("| %s | %s | %s | %s |" % (item["version"], cell(item["before"]), cell(item["after"]), warnings))
        print("\nregressions: %d; session took %.0f s\n" % (data["regressions"], elapsed))
        if "--markdown" in sys.argv:
            print(to_markdown(reports))


if __name__ == "__main__":
    main()
