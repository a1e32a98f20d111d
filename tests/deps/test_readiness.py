"""Dependency readiness against a local index over real HTTP (no network)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.index_standin import IndexStandin
from workers.deps.index import IndexClient, MemoryCache, support
from workers.deps.readiness import readiness_table
from workers.deps.requirements import read_dependencies, rewrite_pin

REPO = Path(__file__).resolve().parents[2]
REQUIREMENTS = (
    "# Production dependencies\n"
    "-r requirements/base.txt\n"
    "oldlib[fast]==1.0  # pinned by ops, see #12\n"
    "midlib == 0.9 ; python_version < \"3.8\"\n"
    "MySQL-python==1.2.5\n"
    "py3only==1.0\n"
)
BASE = "wheelib==2.1 \\\n    --hash=sha256:0123456789abcdef\nmodern==3.1\nghost==0.1\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "requirements").mkdir()
    (tmp_path / "requirements.txt").write_text(REQUIREMENTS)
    (tmp_path / "requirements" / "base.txt").write_text(BASE)
    return tmp_path


@pytest.fixture
def index():
    with IndexStandin() as standin:
        yield standin


def test_reads_includes_extras_markers_and_hashes(project):
    found = {(d.name, d.specifier, d.source, d.line) for d in read_dependencies(project)}
    assert found == {("wheelib", "==2.1", "requirements/base.txt", 1), ("modern", "==3.1", "requirements/base.txt", 3),
                     ("ghost", "==0.1", "requirements/base.txt", 4), ("oldlib", "==1.0", "requirements.txt", 3),
                     ("midlib", "==0.9", "requirements.txt", 4), ("MySQL-python", "==1.2.5", "requirements.txt", 5),
                     ("py3only", "==1.0", "requirements.txt", 6)}


def test_setup_py_is_read_statically_and_pipfile(tmp_path):
    (tmp_path / "setup.py").write_text("import os\nos.system('touch EXECUTED')\nREQS = ['six>=1.10', 'oldlib==1.0']\n"
                                       "from setuptools import setup\nsetup(name='x', install_requires=REQS)\n")
    (tmp_path / "Pipfile").write_text('[packages]\nmidlib = "==0.9"\nrequests = "*"\n')
    names = [(d.name, d.specifier) for d in read_dependencies(tmp_path)]
    assert names == [("six", ">=1.10"), ("oldlib", "==1.0"), ("midlib", "==0.9"), ("requests", "")]
    assert not (tmp_path / "EXECUTED").exists()


def test_readiness_table(project, index):
    rows = {r.dependency.name: r for r in readiness_table(project, IndexClient(index.url))}
    assert {name: (r.status, r.first_both) for name, r in rows.items()} == {
        "wheelib": ("upgrade", "2.2"), "modern": ("ready", None), "ghost": ("unknown package", None),
        "oldlib": ("upgrade", "2.0"), "midlib": ("upgrade", "1.1"), "MySQL-python": ("replace", None),
        "py3only": ("replace", None)}
    assert (rows["oldlib"].current_py2, rows["oldlib"].current_py3) == (True, False)
    assert rows["MySQL-python"].replacement[0] == "mysqlclient"
    assert rows["py3only"].replacement is None
    assert "not on" in rows["ghost"].problem


def test_unreachable_index_is_reported_as_such(project):
    rows = readiness_table(project, IndexClient("http://127.0.0.1:1"))
    assert {r.status for r in rows} == {"index unreachable"}
    assert all("unreachable" in r.problem for r in rows)


def test_answers_are_cached(project, index):
    cache = MemoryCache()
    readiness_table(project, IndexClient(index.url, cache))
    asked = len(index.requests)
    readiness_table(project, IndexClient(index.url, cache))
    assert len(index.requests) == asked


def test_rewrite_changes_only_the_pin(project):
    text = (project / "requirements.txt").read_text()
    new = rewrite_pin(text, 3, "oldlib", "2.0")
    assert new == text.replace("oldlib[fast]==1.0  # pinned", "oldlib[fast]==2.0  # pinned")
    spaced = rewrite_pin(text, 4, "midlib", "1.1")
    assert spaced == text.replace('midlib == 0.9 ;', 'midlib == 1.1 ;')
    base = (project / "requirements" / "base.txt").read_text()
    assert rewrite_pin(base, 1, "wheelib", "2.2") == base.replace("wheelib==2.1", "wheelib==2.2")


@pytest.mark.parametrize("files, classifiers, expected", [
    ([{"filename": "x-1-py2.py3-none-any.whl"}], [], (True, True)),
    ([{"filename": "x-1.tar.gz", "requires_python": ">=3.6"}], [], (False, True)),
    ([{"filename": "x-1.tar.gz"}], ["Programming Language :: Python :: 2 :: Only"], (True, False)),
    ([{"filename": "x-1.tar.gz"}], [], (None, None)),
])
def test_support_evidence(files, classifiers, expected):
    result = support(files, classifiers)
    assert (result.py2, result.py3) == expected


def test_cli_table_and_json(project, index):
    proc = subprocess.run([sys.executable, "-m", "bot", "deps", str(project), "--index-url", index.url],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 1
    assert "oldlib                 1.0            yes   no    2.0" in proc.stdout
    assert "none — replace with mysqlclient" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "bot", "deps", str(project), "--index-url", index.url, "--json"],
                          capture_output=True, text=True, cwd=REPO)
    rows = {r["name"]: r for r in json.loads(proc.stdout)["dependencies"]}
    assert rows["midlib"]["first_version_supporting_both"] == "1.1"


# ---------------------------------------------------------------- answers a mirror may give


@pytest.fixture
def mirror():
    """A mirror that never serves per-version documents (404 for /pypi/<name>/<version>/json)."""
    with IndexStandin(version_documents=False) as standin:
        yield standin


def test_no_per_version_documents_falls_back_to_the_project_document(project, mirror):
    rows = {r.dependency.name: r for r in readiness_table(project, IndexClient(mirror.url))}
    assert {name: (r.status, r.first_both) for name, r in rows.items()} == {
        "wheelib": ("upgrade", "2.2"), "modern": ("ready", None), "ghost": ("unknown package", None),
        "oldlib": ("upgrade", "2.0"), "midlib": ("upgrade", "1.1"), "MySQL-python": ("replace", None),
        # 1.0's files show a py2 wheel only; whether it runs on 3 was in its classifiers, never served
        "py3only": ("unknown", None)}
    assert (rows["py3only"].current_py2, rows["py3only"].current_py3) == (True, None)
    assert "no per-version document for py3only 1.0" in rows["py3only"].problem
    assert rows["py3only"].replacement is None
    assert (rows["oldlib"].current_py2, rows["oldlib"].current_py3) == (None, None)  # was (True, False)
    assert "/pypi/py3only/1.0/json" in mirror.requests  # asked, answered 404, not fatal


def test_cli_survives_a_mirror_without_per_version_documents(project, mirror):
    proc = subprocess.run([sys.executable, "-m", "bot", "deps", str(project), "--index-url", mirror.url],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "py3only                1.0            yes   ?     unknown: the index serves no per-version" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "bot", "deps", str(project), "--index-url", mirror.url, "--json"],
                          capture_output=True, text=True, cwd=REPO)
    data = json.loads(proc.stdout)
    assert data["skipped"] == []
    rows = {r["name"]: r for r in data["dependencies"]}
    assert rows["py3only"]["status"] == "unknown" and rows["py3only"]["supports_py3"] is None


@pytest.mark.parametrize("status, body, expected", [
    (200, b"<html>mirror maintenance</html>", "not JSON"),
    (200, b"[1, 2]", "malformed"),
    (200, b'{"info": {}, "releases": ["1.0"]}', "malformed"),
    (500, b"oops", "HTTP 500"),
])
def test_broken_project_answers_are_reported_not_raised(project, status, body, expected):
    with IndexStandin(raw={"/pypi/modern/json": (status, body)}) as index:
        rows = {r.dependency.name: r for r in readiness_table(project, IndexClient(index.url))}
    assert rows["modern"].status == "index unreachable" and expected in rows["modern"].problem
    assert rows["oldlib"].status == "upgrade"  # the others are unaffected


def test_odd_files_in_a_project_document_are_ignored(project):
    odd = {"info": {"version": "3.1", "classifiers": [None, 3]},
           "releases": {"3.1": [None, "x", {"filename": "modern-3.1.whl"}, {"filename": 7},
                                {"filename": "modern-3.1-py2.py3-none-any.whl", "requires_python": 5}],
                        "not a version": [{}], "2.0": "nope"}}
    with IndexStandin(raw={"/pypi/modern/json": (200, json.dumps(odd).encode())}) as index:
        rows = {r.dependency.name: r for r in readiness_table(project, IndexClient(index.url))}
    assert rows["modern"].status == "ready"


def test_pipfile_names_that_are_not_package_names_are_never_sent_to_the_index(tmp_path):
    (tmp_path / "Pipfile").write_text('[packages]\n"../../admin" = "*"\nmidlib = "==0.9"\nbad = "not a range"\n'
                                      'odd = {version = 3}\n')
    assert [(d.name, d.specifier) for d in read_dependencies(tmp_path)] == [("midlib", "==0.9"), ("odd", "")]
