"""Ranges, markers and the files deps reads, against the index stand-in over real HTTP.

A range asks whether ANY release it allows runs on both (and which to pin), not whether its newest
one does: `Django>=1.3` names 1.11 (its newest release on 2.7 and 3), never "none — replace".
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.index_standin import IndexStandin
from workers.deps.index import IndexClient
from workers.deps.readiness import readiness_table
from workers.deps.requirements import read_dependencies

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def index():
    with IndexStandin() as standin:
        yield standin


def rows_for(root, index):
    return {(r.dependency.name, r.dependency.marker): r for r in readiness_table(root, IndexClient(index.url))}


def deps_cli(root, index, *extra):
    return subprocess.run([sys.executable, "-m", "bot", "deps", str(root), "--index-url", index.url, *extra],
                          capture_output=True, text=True, cwd=REPO)


def test_a_range_names_the_newest_allowed_release_on_both_and_the_pin(tmp_path, index):
    (tmp_path / "requirements.txt").write_text("Django>=1.3\nmock\n")
    rows = rows_for(tmp_path, index)
    django = rows[("Django", "")]
    assert (django.status, django.first_both, django.newest_allowed) == ("upgrade", "1.11.29", "3.2.25")
    assert django.suggested == "Django>=1.3,<2.0"
    assert (django.current_py2, django.current_py3) == (False, True)  # what the columns are about: 3.2.25
    mock = rows[("mock", "")]
    assert (mock.status, mock.first_both, mock.suggested) == ("upgrade", "3.0.5", "mock<4.0.0")
    assert mock.replacement is None and "unittest.mock" in mock.note

    out = deps_cli(tmp_path, index).stdout
    django_line = next(line for line in out.splitlines() if line.startswith("Django"))
    assert "1.11.29 runs on both" in django_line and "pin Django>=1.3,<2.0" in django_line
    assert "replace" not in django_line
    mock_line = next(line for line in out.splitlines() if line.startswith("mock"))
    # One verdict: a mock release runs on both; the standard library is the Python-3-only alternative.
    assert "3.0.5 runs on both" in mock_line and "replace" not in mock_line and "none" not in mock_line
    assert "on Python 3 alone, unittest.mock is the standard library's" in mock_line

    data = json.loads(deps_cli(tmp_path, index, "--json").stdout)
    row = next(r for r in data["dependencies"] if r["name"] == "Django")
    assert row["first_version_supporting_both"] == "1.11.29"
    assert row["suggested_requirement"] == "Django>=1.3,<2.0" and row["newest_allowed"] == "3.2.25"
    assert row["applies_to"] == ["2.7", "3"] and row["marker"] == ""


@pytest.mark.parametrize("line, status, first_both", [
    ("Django~=1.8.0", "ready", None),       # allows 1.8.19: on both
    ("Django<2", "ready", None),            # newest allowed, 1.11.29, is on both
    ("Django>=1.3,<1.8", "upgrade", "1.8.19"),  # allows only 1.3 (2.7 only): the first release above it
    ("Django>=2.0", "replace", None),       # nothing allowed or above runs on 2.7
    ("Django==1.3", "upgrade", "1.8.19"),   # a pin: the lowest release above it on both, as before
])
def test_specifier_kinds(tmp_path, index, line, status, first_both):
    (tmp_path / "requirements.txt").write_text(line + "\n")
    row = rows_for(tmp_path, index)[("Django", "")]
    assert (row.status, row.first_both) == (status, first_both)


def test_markers_limit_where_a_release_must_run(tmp_path, index):
    (tmp_path / "requirements.txt").write_text(
        'futures==3.3.0; python_version < "3"\n'
        'Django>=2.0; python_version >= "3"\n'
        'Django<2; python_version < "3"\n')
    rows = rows_for(tmp_path, index)
    futures = rows[("futures", 'python_version < "3"')]
    assert futures.status == "ready" and "2.7 only" in futures.note
    assert rows[("Django", 'python_version >= "3"')].status == "ready"
    assert rows[("Django", 'python_version < "3"')].status == "ready"
    data = json.loads(deps_cli(tmp_path, index, "--json").stdout)
    assert {r["name"] + r["marker"]: r["applies_to"] for r in data["dependencies"]} == {
        'futurespython_version < "3"': ["2.7"], 'Djangopython_version >= "3"': ["3"],
        'Djangopython_version < "3"': ["2.7"]}


def test_reads_test_requirements_requirements_folder_and_tox_deps(tmp_path):
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements.txt").write_text("Django>=1.3\n")
    (tmp_path / "test-requirements.txt").write_text("mock\nunittest-xml-reporting\n")
    (tmp_path / "requirements" / "dev.txt").write_text("oldlib==1.0\n")
    (tmp_path / "tox-reqs.txt").write_text("midlib==0.9\n")
    (tmp_path / "tox.ini").write_text(
        "[tox]\nenvlist = py27,py37\n\n[testenv]\ndeps =\n    py27: futures==3.3.0\n    coverage\n"
        "    -rtox-reqs.txt\n    {[base]deps}\ncommands = python runtests.py\n\n"
        "[testenv:docs]\ndeps = sphinx<2\n")
    found = {(d.name, d.specifier, d.source) for d in read_dependencies(tmp_path)}
    assert found == {("Django", ">=1.3", "requirements.txt"), ("mock", "", "test-requirements.txt"),
                     ("unittest-xml-reporting", "", "test-requirements.txt"),
                     ("oldlib", "==1.0", "requirements/dev.txt"), ("futures", "==3.3.0", "tox.ini"),
                     ("coverage", "", "tox.ini"), ("midlib", "==0.9", "tox-reqs.txt"), ("sphinx", "<2", "tox.ini")}
