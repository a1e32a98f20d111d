"""Each stage imports only its own fixers: a 2+3 plan never imports libcst, the python3-only stage
never the 148 2+3 fixers, and a plan without a config file neither yaml nor what runs
interpreters (each costs CLI start-up time, issue 14)."""
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_planning_the_two_and_three_stages_leaves_libcst_unimported(tmp_path):
    (tmp_path / "m.py").write_text("print 'hello'\n")
    probe = ("import sys, bot.cli\n"
             "from workers.engine.planner import make_plan\n"
             "plan = make_plan(%r, use_cache=False)\n"
             "print(sorted(f.fixer.name for f in plan.fixers), 'libcst' in sys.modules)\n" % str(tmp_path))
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert "print_function" in out and out.strip().endswith("False")


def test_the_python3_only_stage_still_finds_its_codemods():
    from workers import fixers as registry
    from workers.rewriting.fixer import PYTHON3_ONLY

    assert {f.name for f in registry.in_stage(PYTHON3_ONLY)} >= {"six_moves", "super_calls", "future_imports"}


def test_the_python3_only_stage_leaves_the_two_and_three_fixers_unimported():
    probe = ("import sys\n"
             "from workers import fixers as registry\n"
             "names = [f.name for f in registry.in_stage('python3-only')]\n"
             "registry.in_order(names)\n"
             "print(len(names), any(m.startswith('workers.fixers.') for m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True).stdout
    count, imported = out.split()
    assert int(count) > 10 and imported == "False"


def test_a_plan_without_a_config_file_imports_neither_yaml_nor_the_interpreter_finder(tmp_path):
    (tmp_path / "m.py").write_text("print 'hello'\n")
    probe = ("import sys, bot.cli\n"
             "bot.cli.main(['plan', %r, '--no-cache'], open('/dev/null', 'w'))\n"
             "print([m for m in ('yaml', 'workers.engine.interpreters', 'subprocess') if m in sys.modules])\n"
             % str(tmp_path))
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "py3bridge.yml").write_text("python2: dropped\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert "'yaml'" in out  # read when there is a config file
