import pytest

from workers.engine import apply as apply_module
from workers.engine.apply import CHANGED, FAILED, REJECTED, apply_fixers


@pytest.fixture
def checkout(tmp_path):
    (tmp_path / "ok.py").write_text("print 'hello'\n")
    (tmp_path / "also.py").write_text("x = 1\nprint x\n")
    return tmp_path


def test_apply_writes_and_reports_versions(checkout, interpreters):
    result = apply_fixers(checkout, ["print_function"], ["ok.py", "also.py"], interpreters)
    assert [(f.path, f.status) for f in result.files] == [("also.py", CHANGED), ("ok.py", CHANGED)]
    assert (checkout / "ok.py").read_text() == "from __future__ import print_function\nprint('hello')\n"
    assert result.interpreters["2.7"].startswith("2.7.") and result.interpreters["3"].startswith("3.")


def test_output_that_would_not_compile_is_rejected_and_file_left_alone(checkout, interpreters, monkeypatch):
    def broken(text, fixers, context=None):
        return text.replace("print", "print print"), {"print_function": []}

    monkeypatch.setattr(apply_module, "transform_text", broken)
    before = (checkout / "ok.py").read_bytes()
    result = apply_fixers(checkout, ["print_function"], ["ok.py"], interpreters, )
    (only,) = result.files
    assert only.status == REJECTED
    assert "would no longer compile on Python 2.7" in only.reason
    assert (checkout / "ok.py").read_bytes() == before
    assert list(checkout.glob(".*py3bridge*")) == []  # no temporary file left behind


def test_a_file_that_did_not_compile_before_is_not_rejected_for_still_not_compiling(tmp_path, interpreters, monkeypatch):
    # `return` outside a function: parsed by the fixers, refused by both compilers, before and after
    (tmp_path / "script.py").write_text("print 'x'\nreturn\n")
    (tmp_path / "ok.py").write_text("print 'hello'\n")

    def broken_too(text, fixers, context=None):
        new = text.replace("print 'x'", "print('x')").replace("print 'hello'", "print print")
        return new, {"print_function": []}

    monkeypatch.setattr(apply_module, "transform_text", broken_too)
    result = apply_fixers(tmp_path, ["print_function"], ["ok.py", "script.py"], interpreters)
    assert [(f.path, f.status) for f in result.files] == [("ok.py", REJECTED), ("script.py", CHANGED)]
    assert (tmp_path / "script.py").read_text() == "print('x')\nreturn\n"


def test_unparseable_file_fails_with_reason(tmp_path, interpreters):
    (tmp_path / "bad.py").write_text("def f(:\n")
    result = apply_fixers(tmp_path, ["print_function"], ["bad.py"], interpreters)
    assert [(f.status, "line 1" in f.reason) for f in result.files] == [(FAILED, True)]


def test_file_changed_during_apply_is_not_overwritten(checkout, interpreters, monkeypatch):
    real_verify = apply_module._verify

    def verify_then_someone_edits(candidates, interps):
        (checkout / "ok.py").write_text("print 'edited by a person'\n")
        return real_verify(candidates, interps)

    monkeypatch.setattr(apply_module, "_verify", verify_then_someone_edits)
    result = apply_fixers(checkout, ["print_function"], ["ok.py"], interpreters)
    assert result.files[0].status == REJECTED
    assert (checkout / "ok.py").read_text() == "print 'edited by a person'\n"


def test_file_mode_is_kept(checkout, interpreters):
    (checkout / "ok.py").chmod(0o755)
    apply_fixers(checkout, ["print_function"], ["ok.py"], interpreters)
    assert (checkout / "ok.py").stat().st_mode & 0o777 == 0o755


def test_batch_that_starts_importing_six_declares_it(tmp_path, interpreters):
    (tmp_path / "requirements.txt").write_text("requests==2.0\n")
    (tmp_path / "a.py").write_text("def f(x):\n    return isinstance(x, basestring)\n")
    (tmp_path / "b.py").write_text("import six\nprint(isinstance(1, basestring))\n")
    result = apply_fixers(tmp_path, ["basestring"], ["a.py", "b.py"], interpreters)
    assert [f.imports_added for f in result.files] == [["six"], []]
    assert result.dependencies == {"six": "requirements.txt"}
    assert (tmp_path / "requirements.txt").read_text() == "requests==2.0\nsix>=1.16.0\n"
    assert result.to_json()["dependencies_added"] == [{"package": "six", "path": "requirements.txt"}]


def test_batch_changing_a_file_that_imports_sgmllib_declares_its_backport_for_python3_only(tmp_path, interpreters):
    (tmp_path / "requirements.txt").write_text("requests==2.0\n")
    (tmp_path / "a.py").write_text("try:\n    import sgmllib\nexcept ImportError:\n    sgmllib = None\nx = isinstance(1, basestring)\n")
    (tmp_path / "b.py").write_text("import sgmllib\n")
    result = apply_fixers(tmp_path, ["basestring"], ["a.py", "b.py"], interpreters)
    assert [f.imports_added for f in result.files] == [["six", "sgmllib3k"]]
    assert (tmp_path / "requirements.txt").read_text() == (
        'requests==2.0\nsgmllib3k; python_version >= "3"\nsix>=1.16.0\n')


def test_batch_in_a_project_already_on_six_declares_nothing(tmp_path, interpreters):
    (tmp_path / "requirements.txt").write_text("six\n")
    (tmp_path / "a.py").write_text("x = isinstance(1, basestring)\n")
    result = apply_fixers(tmp_path, ["basestring"], ["a.py"], interpreters)
    assert result.changed and result.dependencies == {}
    assert (tmp_path / "requirements.txt").read_text() == "six\n"


def test_dry_run_declares_nothing(tmp_path, interpreters):
    (tmp_path / "requirements.txt").write_text("")
    (tmp_path / "a.py").write_text("x = isinstance(1, basestring)\n")
    result = apply_fixers(tmp_path, ["basestring"], ["a.py"], interpreters, write=False)
    assert result.changed and result.dependencies == {}
    assert (tmp_path / "requirements.txt").read_text() == ""


def test_a_fixer_that_crashes_fails_its_file_only(tmp_path, interpreters, monkeypatch):
    from workers import fixers as registry

    (tmp_path / "a.py").write_text("x = isinstance(1, basestring)\n")
    (tmp_path / "b.py").write_text("y = isinstance(2, basestring)\n")
    fixer = registry.get("basestring")
    real_fix = fixer.fix

    def fix(tree):
        if "y =" in str(tree):
            raise RuntimeError("boom")
        return real_fix(tree)

    monkeypatch.setattr(fixer, "fix", fix)
    result = apply_fixers(tmp_path, ["basestring"], ["a.py", "b.py"], interpreters)
    assert [(f.path, f.status) for f in result.files] == [("a.py", CHANGED), ("b.py", FAILED)]
    assert result.files[1].reason == "fixer basestring failed on this file: RuntimeError: boom"
    assert (tmp_path / "b.py").read_text() == "y = isinstance(2, basestring)\n"


BOX = '''class Box:
    def __init__(self, items):
        self.items = list(items)

    def __bool__(self):
        return bool(self.items)
    __nonzero__ = __bool__

    def __next__(self):
        return self.items.pop()
    next = __next__
'''


def test_an_alias_another_module_calls_is_kept_when_python2_is_dropped(tmp_path, interpreters):
    (tmp_path / "box.py").write_text(BOX)
    (tmp_path / "test_box.py").write_text("from box import Box\nassert Box([1]).__nonzero__()\n")
    result = apply_fixers(tmp_path, ["py3bridge_shims"], ["box.py", "test_box.py"], interpreters)
    assert [(f.path, f.status) for f in result.files] == [("box.py", CHANGED)]
    kept = (tmp_path / "box.py").read_text()
    assert "__nonzero__ = __bool__" in kept and "next = __next__" not in kept


def test_diff_lines_are_split_as_git_splits_them(tmp_path, interpreters):
    """A form feed on a line of its own (a page break) stays a context line of the diff."""
    (tmp_path / "a.py").write_text("print 'a'\n\x0c\nprint 'b'\n")
    result = apply_fixers(tmp_path, ["print_function"], ["a.py"], interpreters)
    lines = result.changed[0].diff.split("\n")[:-1]
    assert " \x0c" in lines and all(line[:1] in " +-@" for line in lines)
    assert result.changed[0].counts() == (3, 2)  # the __future__ import and the two calls


def test_the_last_comment_of_a_module_is_kept(tmp_path, interpreters):
    # libcst 1.x writes this module back without its last comment
    (tmp_path / "m.py").write_text("from __future__ import print_function\nx = 1\n  # the last comment\n   \n")
    result = apply_fixers(tmp_path, ["future_imports"], ["m.py"], interpreters, unplanned=True)
    assert [(f.path, f.status) for f in result.files] == [("m.py", CHANGED)]
    assert (tmp_path / "m.py").read_text() == "x = 1\n  # the last comment\n   \n"


def test_the_python_running_py3bridge_verifies_in_the_pool_with_the_same_verdicts(tmp_path, interpreters, monkeypatch):
    # the python3-only stage verifies on Python 3 only: this Python, which compiles in its own
    # processes; another interpreter (2.7 here) still gets a subprocess
    python3 = [i for i in interpreters if i.label == "3"]
    (tmp_path / "a.py").write_text("from __future__ import print_function\nx = 1\n")
    (tmp_path / "b.py").write_text("from __future__ import print_function\ny = 2\n")

    def broken_b(text, fixers, context=None):
        new = text.split("\n", 1)[1]
        return (new.replace("y = 2", "y = = 2") if "y" in new else new), {"future_imports": []}

    def no_subprocess(interpreter, paths):
        raise AssertionError("compiled in a subprocess by %s" % interpreter.path)

    monkeypatch.setattr(apply_module, "transform_text", broken_b)
    monkeypatch.setattr(apply_module, "compile_errors", no_subprocess)
    result = apply_fixers(tmp_path, ["future_imports"], ["a.py", "b.py"], python3, unplanned=True)
    assert [(f.path, f.status) for f in result.files] == [("a.py", CHANGED), ("b.py", REJECTED)]
    assert result.files[1].reason.startswith("would no longer compile on Python 3.")
    assert "SyntaxError" in result.files[1].reason and "(line 1)" in result.files[1].reason
    assert result.interpreters["3"].startswith("3.")
