"""The test runner on real Python 2 packages from PyPI: its counts match a run by hand."""
import re

from workers.testrun import config as test_config
from workers.testrun.envs import ensure_env, run_in_env
from workers.testrun.sandbox import ResourceLimits
from workers.testrun.trees import private_copy
from workers.testrun.session import run_session

from ..sdists import copy_of, passing_by_hand

DATEUTIL = "python-dateutil==1.5"
CLOUDFILES = "python-cloudfiles==1.7.11"


def dateutil_checkout(dest):
    checkout = copy_of(DATEUTIL, dest)
    (checkout / ".py3bridge.toml").write_text('[tests]\ncommand = "python test.py -v"\n')
    return checkout


def replace_line(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return text[: text.index(old)].count("\n") + 1


def test_dateutil_matches_hand_run_and_reports_a_broken_line(tmp_path, interpreters):
    python2 = interpreters[0]
    before = dateutil_checkout(tmp_path / "before")
    after = dateutil_checkout(tmp_path / "after")
    broken = replace_line(after / "dateutil/easter.py", "d = 1+(p+27+(p+6)//40)%31", "d = 1+(p+27+(p+6)//40)%30")
    untested = replace_line(after / "dateutil/tzwin.py", "TZKEYNAMENT = ", "TZKEYNAMENT  = ")

    (report,) = run_session(before, after, [python2])

    by_hand = passing_by_hand(python2.path, before)
    assert len(by_hand) == 478
    assert {t for t, s in report.before.run.outcomes.items() if s == "passed"} == by_hand
    assert report.before.run.ran == 478
    assert report.comparison.regressions
    assert "__main__.EasterTest.testEaster" in report.comparison.regressions
    assert all("Easter" in test_id for test_id in report.comparison.regressions)
    assert "dateutil/tzwin.py:%d" % untested in report.changed["untested"]
    assert "dateutil/easter.py:%d" % broken not in report.changed["untested"]
    assert report.changed["executed"] >= 1


def test_cloudfiles_with_nose_matches_hand_run(tmp_path, interpreters):
    python2 = interpreters[0]
    checkout = copy_of(CLOUDFILES, tmp_path / "cloudfiles")
    (checkout / ".py3bridge.toml").write_text(
        '[tests]\ncommand = "python -m nose -v --with-xunit --xunit-file=\\"$PY3BRIDGE_JUNIT\\" tests"\n'
        'install = "pip install nose==1.3.7"\n')

    (report,) = run_session(None, checkout, [python2])

    env = ensure_env(python2, test_config.load(checkout), checkout, [])
    # By hand: the plain runner in the same environment (which exists only inside the sandbox).
    hand = run_in_env(env, "python -m nose tests", private_copy(checkout, tmp_path / "by-hand"), ResourceLimits())
    ran = int(re.search(r"^Ran (\d+) tests", hand.output, re.MULTILINE).group(1))
    assert hand.output.rstrip().endswith("OK")
    run = report.after.run
    assert run.source == "junit"
    assert (run.total, run.count("passed")) == (ran, ran) == (47, 47)
