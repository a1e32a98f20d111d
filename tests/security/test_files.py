"""A repository's files are untrusted input: symlinks, odd bytes and pathological nesting.

Real files, real symlinks, real processes (the command line, the planner's worker pool, the
real Python 2.7 and 3 verifying an apply). Every "outside" file lives next to the checkout, never
in it, and must come out of each run byte for byte as it went in.
"""
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from workers.deps import declare, upgrade
from workers.deps.requirements import read_dependencies
from workers.files import safe_files
from workers.engine.apply import CHANGED, FAILED, apply_fixers
from workers.engine.planner import make_plan
from workers.engine.scan import TOO_DEEP

REPO = Path(__file__).resolve().parents[2]
SECRET = b"print 'the secret outside the checkout'\n"


def bot(*args):
    proc = subprocess.run([sys.executable, "-m", "bot", *map(str, args)], capture_output=True, text=True, cwd=REPO)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def outside(tmp_path):
    """A folder beside the checkout holding files no run may read or change."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.py").write_bytes(SECRET)
    (folder / "lib").mkdir()
    (folder / "lib" / "hidden.py").write_bytes(SECRET)
    (folder / "reqs.txt").write_bytes(b"oldlib==1.0\n")
    (folder / "setup.py").write_bytes(b"from setuptools import setup\nsetup(install_requires=['oldlib'])\n")
    return folder


@pytest.fixture
def checkout(tmp_path, outside):
    root = tmp_path / "checkout"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "real.py").write_text("print 'real'\n")
    (root / "pkg" / "evil.py").symlink_to(outside / "secret.py")  # a file outside
    (root / "pkg" / "inner.py").symlink_to("real.py")  # even one pointing inside is not followed
    (root / "vendor").symlink_to(outside / "lib")  # a folder outside
    (root / "dangling.py").symlink_to(root / "nowhere.py")
    return root


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- symlinks: plan and apply


def test_plan_skips_symlinks_and_says_why(checkout, outside):
    before = snapshot(outside)
    code, out, err = bot("plan", checkout, "--json", "--no-cache")
    assert code == 0, err
    plan = json.loads(out)
    assert plan["skipped"] == [
        {"path": "dangling.py", "reason": "is a symlink (not followed)"},
        {"path": "pkg/evil.py", "reason": "is a symlink (not followed)"},
        {"path": "pkg/inner.py", "reason": "is a symlink (not followed)"},
        {"path": "vendor", "reason": "is a symlinked directory (not followed)"},
    ]
    batched = [path for f in plan["fixers"] for b in f.get("batches", []) for path in b["files"]]
    assert batched == ["pkg/real.py"]
    assert plan["readiness"]["files"] == 2  # pkg/__init__.py and pkg/real.py
    code, text, _ = bot("plan", checkout, "--no-cache")
    assert "Not read (skipped):\n  dangling.py: is a symlink (not followed)\n" in text
    assert "  vendor: is a symlinked directory (not followed)" in text
    assert snapshot(outside) == before


def test_apply_never_writes_through_a_symlink(checkout, outside):
    before = snapshot(outside)
    code, out, err = bot("apply", checkout, "--stage", "all", "--json", "--no-cache")
    assert code == 0, err
    result = json.loads(out)
    assert [(f["path"], f["status"]) for f in result["files"]] == [("pkg/real.py", "changed")]
    assert {item["path"] for item in result["skipped"]} == {"dangling.py", "pkg/evil.py", "pkg/inner.py", "vendor"}
    assert snapshot(outside) == before
    assert (checkout / "pkg" / "evil.py").is_symlink() and (checkout / "vendor").is_symlink()
    code, text, _ = bot("apply", checkout, "--stage", "all", "--no-cache")
    assert "skipped   pkg/evil.py: is a symlink (not followed)" in text


def test_apply_refuses_a_symlinked_path_it_is_given(checkout, outside, interpreters):
    """The bot applies a stored batch's files: the file may have become a symlink since the plan."""
    before = snapshot(outside)
    result = apply_fixers(checkout, ["print_function"], ["pkg/evil.py", "vendor/hidden.py", "pkg/real.py",
                                                         "../outside/secret.py"], interpreters)
    statuses = {f.path: (f.status, f.reason) for f in result.files}
    assert statuses["pkg/real.py"][0] == CHANGED
    assert statuses["pkg/evil.py"] == (FAILED, "not read: pkg/evil.py is a symlink (not followed)")
    assert statuses["vendor/hidden.py"][0] == FAILED and "symlinked directory" in statuses["vendor/hidden.py"][1]
    assert statuses["../outside/secret.py"] == (FAILED, "not read: ../outside/secret.py is outside the checkout")
    assert snapshot(outside) == before


def test_a_folder_swapped_for_a_symlink_after_reading_is_not_written_through(tmp_path, outside):
    root = tmp_path / "checkout"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "secret.py").write_bytes(SECRET)
    data = safe_files.read_bytes(root, "pkg/secret.py")
    (root / "pkg").rename(root / "moved")
    (root / "pkg").symlink_to(outside)  # the same relative path now leads outside
    with pytest.raises(safe_files.UnsafePath, match="symlinked directory"):
        safe_files.write_bytes(root, "pkg/secret.py", b"print('x')\n", expected=data)
    assert (outside / "secret.py").read_bytes() == SECRET
    assert list(outside.glob(".*py3bridge*")) == []


def test_fifo_named_py_is_skipped_not_read(tmp_path):
    (tmp_path / "a.py").write_text("print 'a'\n")
    os.mkfifo(tmp_path / "pipe.py")  # reading it would block the plan forever
    plan = make_plan(tmp_path, use_cache=False)
    assert plan.skipped == [("pipe.py", "is not a regular file")]
    assert [s.path for s in plan.scans] == ["a.py"]


# ---------------------------------------------------------------- symlinks: dependency files


def test_dependency_readers_never_leave_the_checkout(tmp_path, outside):
    root = tmp_path / "checkout"
    root.mkdir()
    (root / "requirements.txt").write_text(
        "modern==3.1\n-r %s\n-c ../outside/reqs.txt\n-r linked.txt\n-r https://example.invalid/r.txt\n"
        "-r sub/../missing.txt\n" % (outside / "reqs.txt"))
    (root / "linked.txt").symlink_to(outside / "reqs.txt")
    (root / "requirements-dev.txt").symlink_to(outside / "reqs.txt")
    (root / "requirements").symlink_to(outside)  # requirements/*.txt through a symlinked folder
    (root / "setup.py").symlink_to(outside / "setup.py")
    (root / "setup.cfg").symlink_to(outside / "reqs.txt")
    (root / "Pipfile").symlink_to(outside / "reqs.txt")
    skipped = []
    found = read_dependencies(root, skipped)
    assert [(d.name, d.source) for d in found] == [("modern", "requirements.txt")]
    reasons = dict(skipped)
    assert reasons[str(outside / "reqs.txt")] == "is an absolute path (outside the checkout) (-r in requirements.txt line 2)"
    assert reasons["../outside/reqs.txt"] == "is outside the checkout (-c in requirements.txt line 3)"
    assert reasons["linked.txt"] == "is a symlink (not followed) (-r in requirements.txt line 4)"
    assert reasons["https://example.invalid/r.txt"].startswith("is a URL (not fetched)")
    assert reasons["requirements-dev.txt"] == "is a symlink (not followed)"
    assert reasons["requirements/reqs.txt"] == "is inside requirements, which is a symlinked directory (not followed)"
    for name in ("setup.py", "setup.cfg", "Pipfile"):
        assert reasons[name] == "is a symlink (not followed)"
    assert "missing.txt" not in reasons  # missing is not a security matter: silently nothing, as before


def test_declare_never_writes_through_a_symlink(tmp_path, outside):
    before = snapshot(outside)
    root = tmp_path / "checkout"
    root.mkdir()
    (root / "requirements.txt").symlink_to(outside / "reqs.txt")
    outcome = declare.declare_package(root, "six")
    assert outcome.path == ""
    assert outcome.problem == "not declared: requirements.txt is a symlink (not followed)"
    assert snapshot(outside) == before


def test_apply_reports_a_symlinked_declaration_and_keeps_the_code_change(tmp_path, outside):
    root = tmp_path / "checkout"
    root.mkdir()
    (root / "a.py").write_text("def f(x):\n    return isinstance(x, basestring)\n")
    (root / "setup.py").symlink_to(outside / "setup.py")
    before = snapshot(outside)
    code, out, err = bot("apply", root, "--fixer", "basestring", "--json", "--no-cache")
    assert code == 0, err
    result = json.loads(out)
    assert [(f["path"], f["status"]) for f in result["files"]] == [("a.py", "changed")]
    assert result["dependencies_added"] == [
        {"package": "six", "path": "", "reason": "not declared: setup.py is a symlink (not followed)"}]
    assert "import six" in (root / "a.py").read_text()
    assert snapshot(outside) == before


def test_deps_command_reports_files_it_did_not_read(tmp_path, outside):
    from tests.index_standin import IndexStandin

    root = tmp_path / "checkout"
    root.mkdir()
    (root / "requirements.txt").write_text("modern==3.1\n-r /etc/passwd\n")
    (root / "setup.py").symlink_to(outside / "setup.py")
    with IndexStandin() as index:
        code, out, err = bot("deps", root, "--json", "--index-url", index.url)
        assert code == 1, err  # everything read is ready, but not everything was read
        data = json.loads(out)
        assert [d["name"] for d in data["dependencies"]] == ["modern"]
        assert data["skipped"] == [
            {"path": "/etc/passwd", "reason": "is an absolute path (outside the checkout) (-r in requirements.txt line 2)"},
            {"path": "setup.py", "reason": "is a symlink (not followed)"}]
        code, text, _ = bot("deps", root, "--index-url", index.url)
        assert "Not read: setup.py: is a symlink (not followed)" in text
        assert not any(path.startswith("/pypi/oldlib") for path in index.requests)  # the outside file's pin


def test_upgrade_refuses_a_symlinked_requirements_file(tmp_path, outside):
    root = tmp_path / "checkout"
    root.mkdir()
    (root / "requirements.txt").symlink_to(outside / "reqs.txt")
    batch = SimpleNamespace(files=["requirements.txt"], line=1, package="oldlib", to_version="2.0")
    with pytest.raises(OSError, match="symlink"):
        upgrade.apply_upgrade(root, batch)
    assert (outside / "reqs.txt").read_bytes() == b"oldlib==1.0\n"


# ---------------------------------------------------------------- byte-exact dependency edits


def test_declare_keeps_crlf_and_mode_of_requirements_txt(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_bytes(b"flask==1.0\r\n# caf\xc3\xa9\r\n")
    path.chmod(0o640)
    assert declare.declare(tmp_path, "six") == "requirements.txt"
    assert path.read_bytes() == b"flask==1.0\r\n# caf\xc3\xa9\r\nsix>=1.16.0\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["requirements.txt"]  # no temporary file left


def test_declare_in_latin1_setup_py_with_crlf_keeps_every_other_byte(tmp_path):
    original = (b"# -*- coding: latin-1 -*-\r\nfrom setuptools import setup\r\n"
                b"setup(name='caf\xe9', author='J\xf6rg',\r\n      install_requires=[\r\n          'requests',\r\n"
                b"      ])\r\n")
    (tmp_path / "setup.py").write_bytes(original)
    (tmp_path / "setup.py").chmod(0o755)
    assert declare.declare(tmp_path, "six") == "setup.py"
    assert (tmp_path / "setup.py").read_bytes() == original.replace(
        b"'requests',\r\n", b"'requests',\r\n          'six>=1.16.0',\r\n")
    assert stat.S_IMODE((tmp_path / "setup.py").stat().st_mode) == 0o755
    assert declare.is_declared(tmp_path, "six")


def test_declare_in_setup_cfg_keeps_crlf_and_latin1(tmp_path):
    original = b"[metadata]\r\nauthor = J\xf6rg\r\n[options]\r\ninstall_requires =\r\n    requests\r\n\r\n[x]\r\ny = 1\r\n"
    (tmp_path / "setup.cfg").write_bytes(original)
    assert declare.declare(tmp_path, "six") == "setup.cfg"
    assert (tmp_path / "setup.cfg").read_bytes() == original.replace(
        b"    requests\r\n", b"    requests\r\n    six>=1.16.0\r\n")


def test_upgrade_pin_keeps_crlf_latin1_bytes_and_mode(tmp_path):
    original = b"# J\xf6rg's pins\r\noldlib[fast]==1.0  # see #12\r\nmidlib==0.9\r\n"
    path = tmp_path / "requirements.txt"
    path.write_bytes(original)
    path.chmod(0o600)
    batch = SimpleNamespace(files=["requirements.txt"], line=2, package="oldlib", to_version="2.0")
    assert upgrade.apply_upgrade(tmp_path, batch) == {"requirements.txt": 1}
    assert path.read_bytes() == original.replace(b"oldlib[fast]==1.0", b"oldlib[fast]==2.0")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["requirements.txt"]


def test_upgrade_pin_in_utf8_file_with_bom(tmp_path):
    original = "\ufeffoldlib==1.0\nnaïve==1.0\n".encode("utf-8")
    (tmp_path / "requirements.txt").write_bytes(original)
    batch = SimpleNamespace(files=["requirements.txt"], line=1, package="oldlib", to_version="2.0")
    upgrade.apply_upgrade(tmp_path, batch)
    assert (tmp_path / "requirements.txt").read_bytes() == original.replace(b"oldlib==1.0", b"oldlib==2.0")


def test_undeclarable_latin1_setup_py_is_reported_and_the_code_change_stands(tmp_path, interpreters):
    """No coding cookie, latin-1 bytes: not UTF-8. The apply must not raise after a.py is written."""
    setup_py = b"from setuptools import setup\nsetup(author='J\xf6rg', install_requires=['requests'])\n"
    (tmp_path / "setup.py").write_bytes(setup_py)
    (tmp_path / "a.py").write_text("def f(x):\n    return isinstance(x, basestring)\n")
    result = apply_fixers(tmp_path, ["basestring"], ["a.py"], interpreters)
    assert [f.status for f in result.files] == [CHANGED]
    assert "import six" in (tmp_path / "a.py").read_text()
    assert result.dependencies == {"six": ""}
    assert result.dependency_problems["six"].startswith("not declared: setup.py cannot be edited byte for byte")
    assert (tmp_path / "setup.py").read_bytes() == setup_py


def test_latin1_setup_py_with_cookie_through_the_whole_apply(tmp_path, interpreters):
    setup_py = b"# coding: latin-1\nfrom setuptools import setup\nsetup(author='J\xf6rg', install_requires=['requests'])\n"
    (tmp_path / "setup.py").write_bytes(setup_py)
    (tmp_path / "a.py").write_text("def f(x):\n    return isinstance(x, basestring)\n")
    result = apply_fixers(tmp_path, ["basestring"], ["a.py"], interpreters)
    assert result.dependencies == {"six": "setup.py"} and result.dependency_problems == {}
    assert (tmp_path / "setup.py").read_bytes() == setup_py.replace(b"'requests']", b"'requests', 'six>=1.16.0']")


# ---------------------------------------------------------------- files that fail alone


def deep_checkout(root, depth):
    root.mkdir(exist_ok=True)
    (root / "deep.py").write_text("x = " + "(" * depth + ")" * depth + "\nprint 'deep'\n")
    (root / "bad.py").write_bytes(b"import os\n\nprint '\xff\xfe not utf-8'\n")
    for index in range(10):  # enough files for the planner to use its worker pool
        (root / ("m%d.py" % index)).write_text("print 'm%d'\n" % index)
    return root


def test_a_thousand_nested_brackets_do_not_fail_the_plan(tmp_path):
    root = deep_checkout(tmp_path / "c", 1000)
    code, out, err = bot("plan", root, "--json", "--no-cache")
    assert code == 0, err
    plan = json.loads(out)
    assert {item["path"] for item in plan["unparseable"]} == {"bad.py"}
    assert "not valid utf-8" in plan["unparseable"][0]["error"]
    printer = next(f for f in plan["fixers"] if f["name"] == "print_function")
    assert printer["files"] == 11  # deep.py is planned like the others


def test_nesting_too_deep_for_the_recursion_limit_fails_alone_in_the_pool(tmp_path):
    root = deep_checkout(tmp_path / "c", 20000)
    code, out, err = bot("plan", root, "--json", "--no-cache")
    assert code == 0, err
    plan = json.loads(out)
    assert {item["path"]: item["error"] for item in plan["unparseable"]}["deep.py"] == TOO_DEEP
    printer = next(f for f in plan["fixers"] if f["name"] == "print_function")
    assert printer["files"] == 10


def test_apply_fails_the_deep_and_undecodable_files_alone(tmp_path):
    root = deep_checkout(tmp_path / "c", 20000)
    code, out, err = bot("apply", root, "--fixer", "print_function", "--json", "--no-cache")
    assert code == 0, err  # the plan never lists them for the fixer
    result = json.loads(out)
    assert result["changed"] == 10
    from workers.engine.interpreters import find_python2, find_python3

    outcome = apply_fixers(root, ["print_function"], ["deep.py", "bad.py", "m0.py"], [find_python2(), find_python3()])
    statuses = {f.path: (f.status, f.reason) for f in outcome.files}
    assert statuses["deep.py"] == (FAILED, TOO_DEEP)
    assert statuses["bad.py"][0] == FAILED and "not valid utf-8" in statuses["bad.py"][1]


def test_a_checkout_path_that_is_itself_a_symlink_is_fine(tmp_path, interpreters):
    """Only symlinks inside the checkout are refused; the root the caller names is trusted."""
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.py").write_text("print 'a'\n")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    plan = make_plan(tmp_path / "link", use_cache=False)
    assert [s.path for s in plan.scans] == ["a.py"] and plan.skipped == []
    result = apply_fixers(tmp_path / "link", ["print_function"], ["a.py"], interpreters)
    assert [f.status for f in result.files] == [CHANGED]
    assert (tmp_path / "real" / "a.py").read_text() == "from __future__ import print_function\nprint('a')\n"
