"""When the python3-only stage is on: the config line, the command, or a python_requires without 2."""
import pytest

from workers.deps.python_requires import declared_python_requires, excludes_python2
from workers.rewriting.fixer import STAGES, TWO_AND_THREE_STAGES
from workers.services import repo_config
from workers.services.stages import plan_stages, python2_dropped


@pytest.mark.parametrize("spec, excluded", [
    (">=3.6", True), (">=3", True), ("~=3.8", True), ("!=2.7.*,>=3.5", True),
    (">=2.7", False), (">=2.7, !=3.0.*", False), ("", False), ("not a specifier", False),
])
def test_excludes_python2(spec, excluded):
    assert excludes_python2(spec) is excluded


@pytest.mark.parametrize("path, text", [
    ("setup.py", "from setuptools import setup\nsetup(name='x', python_requires='>=3.7')\n"),
    ("setup.cfg", "[metadata]\nname = x\n[options]\npython_requires = >=3.7\n"),
    ("pyproject.toml", "[project]\nname = 'x'\nrequires-python = '>=3.7'\n"),
])
def test_python_requires_is_read_without_running_anything(tmp_path, path, text):
    (tmp_path / path).write_text(text)
    assert declared_python_requires(tmp_path) == (">=3.7", path)
    assert python2_dropped(tmp_path, repo_config.RepoConfig()) == "%s declares python_requires '>=3.7'" % path


def test_a_broken_or_computed_setup_py_declares_nothing(tmp_path):
    (tmp_path / "setup.py").write_text("setup(python_requires=VERSIONS,\n")
    assert declared_python_requires(tmp_path) is None
    (tmp_path / "setup.py").write_text("setup(python_requires=VERSIONS)\n")
    assert declared_python_requires(tmp_path) is None


def test_reasons_in_order_and_the_stages_they_give(tmp_path):
    supported = repo_config.RepoConfig()
    assert python2_dropped(tmp_path, supported) == ""
    assert plan_stages("") == TWO_AND_THREE_STAGES
    assert python2_dropped(tmp_path, supported, "by @wendy on 2026-11-29") == \
        "`/py3bridge drop-python2` by @wendy on 2026-11-29"
    dropped = repo_config.parse("python2: dropped\n")
    assert python2_dropped(tmp_path, dropped, "by @wendy") == "`python2: dropped` in .github/py3bridge.yml"
    assert plan_stages("any reason") == STAGES


def test_the_config_line_takes_two_values_only():
    assert repo_config.parse("python2: supported\n").python2_dropped is False
    with pytest.raises(repo_config.ConfigInvalid, match="line 1: python2 is supported or dropped"):
        repo_config.parse("python2: gone\n")
