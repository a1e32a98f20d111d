"""The command line is a contract: exit codes, one-line errors, stable --json."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from workers.rewriting.fixer import STAGES

REPO = Path(__file__).resolve().parent.parent


def bot(*args, cwd=REPO):
    proc = subprocess.run([sys.executable, "-m", "bot", *map(str, args)], capture_output=True, text=True, cwd=cwd)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def checkout(tmp_path):
    files = {
        "pkg/__init__.py": '"""Package."""\n',
        "pkg/a.py": "import sys\nprint >>sys.stderr, 'a'\n",
        "pkg/b.py": "print 'b'\ntry:\n    pass\nexcept KeyError, e:\n    pass\n",
        "pkg/c.py": "x = 0755\nprint x\n",
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    return tmp_path


def test_plan_json_shape(checkout):
    code, out, err = bot("plan", checkout, "--json", "--max-files", "2", "--no-cache")
    assert code == 0, err
    plan = json.loads(out)
    assert set(plan) == {"schema", "root", "stages", "limits", "readiness", "fixers", "unparseable", "unconvertible",
                         "skipped"}
    assert plan["stages"] == ["syntax", "semantic"]  # python3-only waits until Python 2 is dropped
    assert plan["skipped"] == []
    # pkg/a.py parses on Python 3 (as a tuple expression) but is not ready
    assert plan["readiness"] == {"files": 4, "parse_on_py3": 2, "py3_ready": 1}
    printer = plan["fixers"][0]
    assert printer["name"] == "print_function" and printer["stage"] == "syntax"
    assert [b["files"] for b in printer["batches"]] == [["pkg/a.py", "pkg/b.py"], ["pkg/c.py"]]


def test_plan_table(checkout):
    code, out, _ = bot("plan", checkout, "--no-cache")
    assert code == 0
    assert "Python 3 readiness: 2/4 files compile on Python 3 (50%), 1/4 free of Python-2-only syntax" in out
    assert "print_function --batch 1: 3 files, 3 sites" in out


def test_apply_one_batch_then_stage_then_nothing_left(checkout):
    code, out, err = bot("apply", checkout, "--fixer", "print_function", "--batch", "2", "--max-files", "2", "--json", "--no-cache")
    assert code == 0, err
    result = json.loads(out)
    assert [(f["path"], f["status"]) for f in result["files"]] == [("pkg/c.py", "changed")]
    assert (checkout / "pkg/c.py").read_text() == "from __future__ import print_function\nx = 0755\nprint(x)\n"
    assert (checkout / "pkg/a.py").read_text().startswith("import sys")  # other batch untouched

    code, out, err = bot("apply", checkout, "--stage", "syntax", "--diff")
    assert code == 0, err
    assert "-x = 0755" in out and "+x = 0o755" in out
    code, out, _ = bot("plan", checkout, "--json")
    assert json.loads(out)["fixers"] == []
    assert json.loads(out)["readiness"]["py3_ready"] == 4
    code, out, _ = bot("apply", checkout, "--stage", "syntax", "--json")
    assert code == 0 and json.loads(out)["files"] == []


def test_apply_stage_all_runs_both_stages_and_declares_six(tmp_path, interpreters):
    (tmp_path / "requirements.txt").write_text("")
    program = "d = {'a': 1}\nif d.has_key('a'):\n    print isinstance('x', basestring), 7 / 2\n"
    (tmp_path / "m.py").write_text(program)
    code, out, err = bot("apply", tmp_path, "--stage", "all", "--json", "--no-cache")
    assert code == 0, err
    result = json.loads(out)
    assert {"print_function", "has_key", "basestring", "division"} <= set(result["files"][0]["sites"])
    assert result["dependencies_added"] == [{"package": "six", "path": "requirements.txt"}]
    assert (tmp_path / "requirements.txt").read_text() == "six>=1.16.0\n"
    six_dir = Path(__import__("six").__file__).parent
    outputs = {subprocess.run([i.path, str(tmp_path / "m.py")], capture_output=True, text=True,
                              env={"PYTHONPATH": str(six_dir)}).stdout for i in interpreters}
    assert outputs == {"True 3\n"}
    _, out, _ = bot("plan", tmp_path, "--json", "--no-cache")
    assert [f["name"] for f in json.loads(out)["fixers"] if not f["reports_only"]] == []


def test_apply_stage_leaves_out_what_a_plan_leaves_out(tmp_path):
    # A whole stage runs on every file without planning first: a file that is no Python source
    # and a file nothing applies to are not listed, as a plan would not list them.
    (tmp_path / "broken.py").write_text("def f(:\n")
    (tmp_path / "latin.py").write_bytes(b"x = '\xe9'\n")  # no coding cookie: not decodable
    (tmp_path / "ready.py").write_text("x = 1\n")
    (tmp_path / "old.py").write_text("print 'x'\n")
    code, out, err = bot("apply", tmp_path, "--stage", "all", "--json", "--no-cache")
    assert code == 0, err
    assert [(f["path"], f["status"]) for f in json.loads(out)["files"]] == [("old.py", "changed")]
    _, out, _ = bot("plan", tmp_path, "--json", "--no-cache")
    assert sorted(item["path"] for item in json.loads(out)["unparseable"]) == ["broken.py", "latin.py"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["apply", "{path}", "--fixer", "no_such_fixer"], "unknown fixer 'no_such_fixer'"),
        (["apply", "{path}", "--fixer", "print_function", "--batch", "9"], "no batch 9"),
        (["apply", "{path}", "--fixer", "print_function", "--batch", "0"], "must be at least 1"),
        (["apply", "{path}"], "one of the arguments --fixer --stage is required"),
        (["apply", "{path}", "--stage", "syntax", "--batch", "1"], "--batch goes with --fixer"),
        (["apply", "{path}", "--fixer", "string_exceptions"], "only reports"),
        (["plan", "/no/such/dir"], "no such directory"),
        (["plan", "{path}", "--max-files", "x"], "expected a whole number"),
        (["frobnicate"], "invalid choice"),
        ([], "choose a command"),
    ],
)
def test_bad_input_is_a_one_line_error_with_exit_2(checkout, args, message):
    before = {p: p.read_bytes() for p in checkout.rglob("*.py")}
    code, out, err = bot(*[a.format(path=checkout) for a in args])
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    assert {p: p.read_bytes() for p in checkout.rglob("*.py")} == before


def test_missing_python2_is_a_clear_error(checkout, tmp_path):
    import os

    env = dict(os.environ, PY3BRIDGE_PYTHON2=str(tmp_path / "nope" / "python2.7"))
    proc = subprocess.run([sys.executable, "-m", "bot", "apply", str(checkout), "--stage", "syntax"],
                          capture_output=True, text=True, cwd=REPO, env=env)
    assert proc.returncode == 2
    assert "PY3BRIDGE_PYTHON2" in proc.stderr and "not an executable" in proc.stderr
    assert (checkout / "pkg/a.py").read_text().startswith("import sys\nprint >>")


def test_fixers_json_lists_declarations():
    code, out, _ = bot("fixers", "--json")
    fixers = {f["name"]: f for f in json.loads(out)["fixers"]}
    assert fixers["raise_args"]["risk"] == "needs review" and fixers["raise_args"]["requires"] == ["six"]
    assert all(f["summary"] and f["explanation"] and f["stage"] in STAGES for f in fixers.values())
    stages = [f["stage"] for f in json.loads(out)["fixers"]]
    assert stages == sorted(stages, key=STAGES.index)  # semantic after syntax, python3-only last


def git(checkout, *args):
    subprocess.run(["git", "-C", str(checkout), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.com", "PATH": "/usr/bin:/bin"})


@pytest.fixture
def tested_checkout(tmp_path, monkeypatch):
    monkeypatch.setenv("PY3BRIDGE_CACHE_DIR", str(tmp_path / "cache"))
    files = {
        "calc.py": "def add(a, b):\n    return a + b\n",
        "test_calc.py": "import unittest\nimport calc\n\n\nclass T(unittest.TestCase):\n"
                        "    def test_add(self):\n        self.assertEqual(calc.add(1, 2), 3)\n",
        "legacy.py": "def show(x):\n    print x\n",
    }
    for path, text in files.items():
        (tmp_path / "repo" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "repo" / path).write_text(text)
    repo = tmp_path / "repo"
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    return repo


def test_test_command_against_a_base_revision(tested_checkout):
    (tested_checkout / "calc.py").write_text("def add(a, b):\n    return a - b\n")
    code, out, err = bot("test", tested_checkout, "--base", "HEAD", "--json")
    assert code == 1, err
    summary = json.loads(out)
    assert summary["regressions"] == 2
    assert [i["comparison"]["regressions"] for i in summary["interpreters"]] == [["test_calc.T.test_add"]] * 2
    code, out, err = bot("test", tested_checkout, "--base", "no-such-ref")
    assert code == 2 and "cannot read revision 'no-such-ref'" in err


def test_apply_with_tests_reports_before_and_after(tested_checkout):
    code, out, err = bot("apply", tested_checkout, "--stage", "syntax", "--test")
    assert code == 0, err
    assert "changed   legacy.py" in out
    assert "| 2.7.18 | 1 passed, 0 failed, 0 errors | 1 passed, 0 failed, 0 errors |" in out
    assert "untested" in out.lower() and "`legacy.py:" in out


def test_test_command_lists_python3_blockers(tmp_path, monkeypatch):
    monkeypatch.setenv("PY3BRIDGE_CACHE_DIR", str(tmp_path / "cache"))
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "text.py").write_text("def to_text(x):\n    return unicode(x)\n")
    (repo / "test_text.py").write_text("import unittest\nimport text\n\n\nclass T(unittest.TestCase):\n"
                                       "    def test_int(self):\n        self.assertEqual(text.to_text(1), u'1')\n\n"
                                       "    def test_float(self):\n        self.assertEqual(text.to_text(1.5), u'1.5')\n")
    code, out, err = bot("test", repo, "--json")
    assert code == 0, err  # failing tests without a base are no regression
    by_label = {item["label"]: item for item in json.loads(out)["interpreters"]}
    assert by_label["2.7"]["blockers"] == [] and by_label["2.7"]["could_not_start"] == ""
    assert by_label["3"]["could_not_start"] == ""
    assert by_label["3"]["blockers"] == [{
        "kind": "py2_builtin", "message": "NameError: name 'unicode' is not defined", "location": "text.py:2",
        "fixer": "unicode_type", "tests": 2, "failures": 2,
        "examples": ["test_text.T.test_float", "test_text.T.test_int"]}]
    code, out, err = bot("test", repo)
    assert "### Python 3 blockers (Python 3." in out
    assert ("| Python 2 builtin | `NameError: name 'unicode' is not defined` — fixer `unicode_type` | `text.py:2` | 2 |"
            in out)

    (repo / "test_text.py").write_text("import cPickle\n" + (repo / "test_text.py").read_text())
    code, out, err = bot("test", repo, "--json")
    py3 = next(item for item in json.loads(out)["interpreters"] if item["label"] == "3")
    assert py3["could_not_start"] == "ModuleNotFoundError: No module named 'cPickle' at test_text.py:1"
    assert py3["after"]["could_not_start"] == py3["could_not_start"]
    assert [(b["kind"], b["tests"]) for b in py3["blockers"]] == [("removed_module", 2)]


def test_python3_only_stage_is_planned_once_python2_is_dropped_and_applied_on_request(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from __future__ import print_function\n\nprint(1)\n")
    code, out, err = bot("plan", tmp_path, "--json", "--no-cache")
    assert json.loads(out)["fixers"] == []  # Python 2 still supported: nothing to plan
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "py3bridge.yml").write_text("python2: dropped\n")
    code, out, err = bot("plan", tmp_path, "--json", "--no-cache")
    plan = json.loads(out)
    assert plan["stages"] == ["syntax", "semantic", "python3-only"]
    assert [(f["name"], f["stage"]) for f in plan["fixers"]] == [("future_imports", "python3-only")]
    code, out, err = bot("apply", tmp_path, "--stage", "python3-only", "--json", "--no-cache")
    assert code == 0, err
    result = json.loads(out)
    assert list(result["interpreters"]) == ["3"]  # verified on Python 3 only
    assert module.read_text() == "print(1)\n"


def test_python3_only_stage_removes_six_from_the_dependencies_with_its_last_import(tmp_path):
    (tmp_path / "setup.py").write_text("from setuptools import setup\nsetup(\n    python_requires='>=3.6',\n"
                                       "    install_requires=[\n        'requests',\n        'six',\n    ],\n)\n")
    (tmp_path / "requirements.txt").write_text("requests==2.31.0\nsix==1.16.0\n")
    (tmp_path / "a.py").write_text("import six\n\nprint(six.text_type(1))\n")
    (tmp_path / "b.py").write_text("from six.moves import range\nprint(list(range(2)))\n")
    code, out, err = bot("apply", tmp_path, "--stage", "python3-only", "--json", "--no-cache")
    assert code == 0, err
    result = json.loads(out)
    assert result["dependencies_removed"] == [{"package": "six", "path": "requirements.txt"},
                                              {"package": "six", "path": "setup.py"}]
    assert (tmp_path / "requirements.txt").read_text() == "requests==2.31.0\n"
    assert "six" not in (tmp_path / "setup.py").read_text()
    assert (tmp_path / "a.py").read_text() == "print(str(1))\n"


def test_six_stays_declared_while_a_file_still_imports_it(tmp_path):
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "py3bridge.yml").write_text("python2: dropped\n")
    (tmp_path / "requirements.txt").write_text("six\n")
    (tmp_path / "a.py").write_text("import six\n\nprint(six.text_type(1))\n")
    (tmp_path / "b.py").write_text("import six\n\nsix.text_type = bytes\n")  # left alone: assigned to
    code, out, err = bot("apply", tmp_path, "--stage", "python3-only", "--no-cache")
    assert code == 0, err
    assert "removed   six" not in out and (tmp_path / "requirements.txt").read_text() == "six\n"
    (tmp_path / "b.py").write_text("print(1)\n")
    (tmp_path / "a.py").write_text("import six\n\nprint(six.text_type(2))\n")
    code, out, err = bot("apply", tmp_path, "--stage", "python3-only", "--no-cache")
    assert "removed   six from requirements.txt (nothing imports it any more)" in out
    assert (tmp_path / "requirements.txt").read_text() == ""


def test_an_invalid_repository_config_is_a_usage_error_for_plan(tmp_path):
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "py3bridge.yml").write_text("python2: maybe\n")
    code, _, err = bot("plan", tmp_path)
    assert code == 2 and "python2 is supported or dropped" in err


def test_plan_leaves_the_apply_and_test_machinery_unimported(checkout):
    """`plan` runs after every edit: the modules only apply and test use stay unimported (issue 14),
    as do packaging and tomllib (no python_requires declared) and multiprocessing (too few files
    for a pool), and the errors apply and test raise are still reported in one line, exit code 2."""
    unused = ("workers.engine.apply", "workers.testrun.", "packaging", "tomllib", "multiprocessing")
    probe = ("import io, sys\nfrom bot.cli import main\n"
             "assert main(['plan', '--no-cache', %r], io.StringIO()) == 0\n"
             "print(sorted(m for m in sys.modules if m.startswith(%r)))\n" % (str(checkout), unused))
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    code, _, err = bot("test", checkout, "--base", "no-such-ref")
    assert code == 2 and err.startswith("py3bridge: error:")


def test_a_file_changed_while_it_is_planned_is_a_one_line_error(checkout, monkeypatch, capsys):
    """A file whose digest came from its stat but whose bytes differ when read (changed meanwhile)."""
    import io

    from bot.cli import main
    from workers.engine import snapshot

    def changed(self, path):
        raise snapshot.ChangedWhilePlanning("%s changed while it was being planned: plan again" % path)

    monkeypatch.setattr(snapshot.CheckoutSnapshot, "data", changed)
    assert main(["plan", "--no-cache", str(checkout)], io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith("py3bridge: error:") and "changed while it was being planned" in err
    assert len(err.strip().splitlines()) == 1
