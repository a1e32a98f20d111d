"""setup.py, setup.cfg and Pipfile pins: read with their line, upgraded by editing exactly one
line's bytes (CRLF, comments, encodings kept), computed lists reported, never guessed at."""
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.index_standin import IndexStandin
from workers.deps import upgrade
from workers.deps.index import IndexClient
from workers.deps.pin_edit import edit_pin
from workers.deps.readiness import readiness_table
from workers.deps.requirements import read_dependencies

REPO = Path(__file__).resolve().parents[2]

SETUP_PY = (
    "# -*- coding: latin-1 -*-\n"
    "from setuptools import setup\n"
    "REQS = [\n"
    "    'oldlib==1.0',  # pinned by ops, see #12\n"
    "    \"midlib == 0.9 ; python_version < '3.8'\",\n"
    "]\n"
    "setup(\n"
    "    name='caf\xe9',\n"
    "    install_requires=REQS,\n"
    "    tests_require=['mock==1.0.1', 'wheelib' '==2.1'],\n"
    "    extras_require={\n"
    "        ':python_version < \"3\"': ['futures==3.3.0'],\n"
    "        'fast': [r'modern==3.1'],\n"
    "    },\n"
    ")\n"
)
SETUP_CFG = (
    "[metadata]\n"
    "name = x\n"
    "\n"
    "[options]\n"
    "packages = find:\n"
    "install_requires =\n"
    "    oldlib==1.0  # pinned by ops\n"
    "\n"
    "    # the 2.7 backport\n"
    "    futures==3.3.0; python_version < \"3\"\n"
    "tests_require = mock==1.0.1\n"
    "\n"
    "[options.extras_require]\n"
    "fast =\n"
    "    wheelib==2.1\n"
)
PIPFILE = (
    "[[source]]\n"
    "url = \"https://pypi.org/simple\"\n"
    "\n"
    "[packages]\n"
    "\"oldlib\" = \"==1.0\"  # pinned by ops\n"
    "midlib = {version = \"==0.9\", markers = \"python_version < '3.8'\"}\n"
    "requests = \"*\"\n"
    "\n"
    "[dev-packages]\n"
    "mock = {python_version = \"< '3'\", version = \"==1.0.1\"}\n"
    "\n"
    "[packages.wheelib]\n"
    "version = \"==2.1\"\n"
)


def write(root, name, text, newline="\n", encoding="utf-8"):
    (root / name).write_bytes(text.replace("\n", newline).encode(encoding))
    return (root / name).read_bytes()


def rows_of(root):
    return {(d.source, d.name): (d.specifier, d.line, d.marker, d.section, d.editable) for d in read_dependencies(root)}


def changed_lines(before, after):
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [(number, a, b) for number, (a, b) in enumerate(zip(old, new), 1) if a != b]


# ---------------------------------------------------------------- setup.py


def test_setup_py_literals_with_lines_sections_and_markers(tmp_path):
    write(tmp_path, "setup.py", SETUP_PY, encoding="latin-1")
    assert rows_of(tmp_path) == {
        ("setup.py", "oldlib"): ("==1.0", 4, "", "install_requires", True),
        ("setup.py", "midlib"): ("==0.9", 5, 'python_version < "3.8"', "install_requires", True),
        ("setup.py", "mock"): ("==1.0.1", 10, "", "tests_require", True),
        # implicit concatenation: read, but its text is not the value written out: never edited
        ("setup.py", "wheelib"): ("==2.1", 10, "", "tests_require", False),
        ("setup.py", "futures"): ("==3.3.0", 12, 'python_version < "3"', "extras_require[':python_version < \"3\"']",
                                  True),
        ("setup.py", "modern"): ("==3.1", 13, "", "extras_require['fast']", True),
    }


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_setup_py_upgrade_changes_one_string_byte_for_byte(tmp_path, newline):
    data = write(tmp_path, "setup.py", SETUP_PY, newline, encoding="latin-1")
    new = edit_pin("setup.py", data, 4, "oldlib", "1.0", "2.0")
    assert new == data.replace(b"'oldlib==1.0',  # pinned", b"'oldlib==2.0',  # pinned")
    assert b"caf\xe9" in new and new.count(newline.encode()) == data.count(newline.encode())
    marker = edit_pin("setup.py", data, 5, "midlib", "0.9", "1.1")
    assert marker == data.replace(b"midlib == 0.9 ;", b"midlib == 1.1 ;")  # the marker's quotes untouched
    extra = edit_pin("setup.py", data, 12, "futures", "3.3.0", "3.4.0")
    assert changed_lines(data, extra) == [(12, *(line for line in (
        data.splitlines(keepends=True)[11], data.splitlines(keepends=True)[11].replace(b"3.3.0", b"3.4.0"))))]


def test_setup_py_pins_that_are_not_plain_or_moved_are_refused(tmp_path):
    data = write(tmp_path, "setup.py", SETUP_PY)
    with pytest.raises(ValueError, match="not a plain string literal"):
        edit_pin("setup.py", data, 10, "wheelib", "2.1", "2.2")
    with pytest.raises(ValueError, match="not on line 3"):
        edit_pin("setup.py", data, 3, "oldlib", "1.0", "2.0")
    with pytest.raises(ValueError, match="1.0 now, not 0.5"):
        edit_pin("setup.py", data, 4, "oldlib", "0.5", "2.0")


@pytest.mark.parametrize("setup_call, reason", [
    ("setup(install_requires=open('requirements.txt').read().splitlines())",
     "install_requires is computed (Call), not a literal list"),
    ("setup(install_requires=[r for r in BASE if r])", "install_requires is computed (ListComp)"),
    ("REQS = ['oldlib==1.0']\nREQS += ['six']\nsetup(install_requires=REQS)",
     "install_requires is a name bound more than once or not at all"),
    ("setup(install_requires=['oldlib==1.0', EXTRA])", "an item of install_requires is a name"),
])
def test_a_computed_install_requires_is_reported_not_edited(tmp_path, setup_call, reason):
    write(tmp_path, "setup.py", "import os\nos.system('touch EXECUTED')\nfrom setuptools import setup\n" + setup_call + "\n")
    not_editable = []
    found = read_dependencies(tmp_path, not_editable=not_editable)
    assert [(path, r[:len(reason)]) for path, _, r in not_editable] == [("setup.py", reason)]
    assert all(d.name != "six" for d in found)
    assert not (tmp_path / "EXECUTED").exists()


def test_a_python_2_only_setup_py_is_reported(tmp_path):
    write(tmp_path, "setup.py", "print 'hi'\nsetup(install_requires=['oldlib==1.0'])\n")
    not_editable = []
    assert read_dependencies(tmp_path, not_editable=not_editable) == []
    assert not_editable == [("setup.py", 0, "only Python 2 parses it: its requirements are not read")]


# ---------------------------------------------------------------- setup.cfg


def test_setup_cfg_entries_with_lines(tmp_path):
    write(tmp_path, "setup.cfg", SETUP_CFG)
    assert rows_of(tmp_path) == {
        ("setup.cfg", "oldlib"): ("==1.0", 7, "", "install_requires", True),
        ("setup.cfg", "futures"): ("==3.3.0", 10, 'python_version < "3"', "install_requires", True),
        ("setup.cfg", "mock"): ("==1.0.1", 11, "", "tests_require", True),
        ("setup.cfg", "wheelib"): ("==2.1", 15, "", "extras_require[fast]", True),
    }


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_setup_cfg_upgrade_changes_one_line_byte_for_byte(tmp_path, newline):
    data = write(tmp_path, "setup.cfg", SETUP_CFG, newline)
    assert edit_pin("setup.cfg", data, 7, "oldlib", "1.0", "2.0") == data.replace(
        b"oldlib==1.0  # pinned", b"oldlib==2.0  # pinned")
    assert edit_pin("setup.cfg", data, 11, "mock", "1.0.1", "3.0.5") == data.replace(
        b"tests_require = mock==1.0.1", b"tests_require = mock==3.0.5")


# ---------------------------------------------------------------- Pipfile


def test_pipfile_entries_with_lines_and_markers(tmp_path):
    write(tmp_path, "Pipfile", PIPFILE)
    assert rows_of(tmp_path) == {
        ("Pipfile", "oldlib"): ("==1.0", 5, "", "packages", True),
        ("Pipfile", "midlib"): ("==0.9", 6, "python_version < '3.8'", "packages", True),
        ("Pipfile", "requests"): ("", 7, "", "packages", True),
        ("Pipfile", "mock"): ("==1.0.1", 10, "python_version < '3'", "dev-packages", True),
        ("Pipfile", "wheelib"): ("==2.1", 13, "", "packages", True),
    }


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("line, name, old, new, before, after", [
    (5, "oldlib", "1.0", "2.0", b'"oldlib" = "==1.0"  # pinned', b'"oldlib" = "==2.0"  # pinned'),
    (6, "midlib", "0.9", "1.1", b'{version = "==0.9",', b'{version = "==1.1",'),
    (10, "mock", "1.0.1", "3.0.5", b'version = "==1.0.1"}', b'version = "==3.0.5"}'),
    (13, "wheelib", "2.1", "2.2", b'version = "==2.1"', b'version = "==2.2"'),
])
def test_pipfile_upgrade_changes_one_version_string(tmp_path, newline, line, name, old, new, before, after):
    data = write(tmp_path, "Pipfile", PIPFILE, newline)
    result = edit_pin("Pipfile", data, line, name, old, new)
    assert result == data.replace(before, after)
    assert [number for number, _, _ in changed_lines(data, result)] == [line]


def test_a_pipfile_version_with_escapes_is_read_but_not_edited(tmp_path):
    data = write(tmp_path, "Pipfile", '[packages]\noldlib = "\\u003d=1.0"\n')
    assert rows_of(tmp_path) == {("Pipfile", "oldlib"): ("==1.0", 2, "", "packages", False)}
    with pytest.raises(ValueError, match="not a plain string"):
        edit_pin("Pipfile", data, 2, "oldlib", "1.0", "2.0")


# ---------------------------------------------------------------- upgrade PRs and markers


@pytest.fixture
def index():
    with IndexStandin() as standin:
        yield standin


def test_pins_in_every_file_kind_become_upgrade_candidates(tmp_path, index):
    write(tmp_path, "setup.py", "from setuptools import setup\nsetup(install_requires=['oldlib==1.0',\n"
                                "    'midlib' '==0.9'])\n")
    write(tmp_path, "setup.cfg", "[options]\ninstall_requires =\n    wheelib==2.1\n")
    write(tmp_path, "Pipfile", '[dev-packages]\nmock = "==1.0.1"\n')
    write(tmp_path, "tox.ini", "[testenv]\ndeps = MySQL-python==1.2.3\n")
    rows = readiness_table(tmp_path, IndexClient(index.url))
    chosen = {(r.dependency.source, r.dependency.name, r.dependency.line, r.first_both) for r in upgrade.candidates(rows)}
    # midlib: concatenated, not editable; mock: 1.0.1 already runs on both; tox.ini: no line to edit
    assert chosen == {("setup.py", "oldlib", 2, "2.0"), ("setup.cfg", "wheelib", 3, "2.2")}


def test_apply_upgrade_writes_the_one_line(tmp_path):
    data = write(tmp_path, "setup.cfg", SETUP_CFG, "\r\n")
    batch = SimpleNamespace(files=["setup.cfg"], line=15, package="wheelib", from_version="2.1", to_version="2.2")
    assert upgrade.apply_upgrade(tmp_path, batch) == {"setup.cfg": 1}
    assert (tmp_path / "setup.cfg").read_bytes() == data.replace(b"wheelib==2.1", b"wheelib==2.2")
    assert upgrade.where(batch) == "`setup.cfg` line 15"


def test_a_pin_only_for_2_is_not_blocking_python_3(tmp_path, index):
    # oldlib 1.5 runs on 2.7 only: under a 2-only marker it is ready, with no marker it blocks
    write(tmp_path, "setup.py", "from setuptools import setup\nsetup(install_requires=['oldlib==1.5'],\n"
                                "      extras_require={':python_version < \"3\"': ['futures==3.3.0']})\n")
    write(tmp_path, "Pipfile", "[packages]\noldlib = {version = \"==1.5\", markers = \"python_version < '3'\"}\n")
    rows = {(r.dependency.source, r.dependency.name): r for r in readiness_table(tmp_path, IndexClient(index.url))}
    assert rows[("setup.py", "oldlib")].status == "upgrade"
    assert rows[("Pipfile", "oldlib")].status == "ready" and "2.7 only" in rows[("Pipfile", "oldlib")].note
    futures = rows[("setup.py", "futures")]
    assert futures.status == "ready" and futures.to_json()["applies_to"] == ["2.7"]


def test_markers_are_evaluated_for_the_python_3_the_repository_tests_on(tmp_path, index):
    write(tmp_path, "setup.cfg", "[options]\ninstall_requires =\n    oldlib==1.5; python_version < \"3.8\"\n")
    any_3 = readiness_table(tmp_path, IndexClient(index.url))[0]
    assert (any_3.status, any_3.to_json()["applies_to"]) == ("upgrade", ["2.7", "3"])  # 3.6, 3.7 install it
    on_3_9 = readiness_table(tmp_path, IndexClient(index.url), python3=("3.9",))[0]
    assert (on_3_9.status, on_3_9.to_json()["applies_to"]) == ("ready", ["2.7"])  # the tests' 3.9 never does


def test_cli_json_on_a_checkout_with_setup_py_setup_cfg_and_pipfile(tmp_path, index):
    write(tmp_path, "setup.py", "from setuptools import setup\nREQS = ['oldlib==1.0']\n"
                                "setup(install_requires=REQS, tests_require=load_tests())\n")
    write(tmp_path, "setup.cfg", "[options]\ninstall_requires =\n    wheelib==2.1\n", "\r\n")
    write(tmp_path, "Pipfile", '[packages]\nfutures = {version = "==3.3.0", markers = "python_version < \'3\'"}\n'
                               '[dev-packages]\nmock = "==1.0.1"\n')
    write(tmp_path, ".py3bridge.toml", '[tests]\npython3 = ["3.7"]\n')
    proc = subprocess.run([sys.executable, "-m", "bot", "deps", str(tmp_path), "--index-url", index.url, "--json"],
                          capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 1, proc.stderr  # oldlib and wheelib do not run on both yet
    data = json.loads(proc.stdout)
    rows = {row["name"]: row for row in data["dependencies"]}
    assert {name: (r["source"], r["line"], r["section"], r["editable"], r["status"], r["applies_to"])
            for name, r in rows.items()} == {
        "oldlib": ("setup.py", 2, "install_requires", True, "upgrade", ["2.7", "3"]),
        "wheelib": ("setup.cfg", 3, "install_requires", True, "upgrade", ["2.7", "3"]),
        "futures": ("Pipfile", 2, "packages", True, "ready", ["2.7"]),
        "mock": ("Pipfile", 4, "dev-packages", True, "ready", ["2.7", "3"])}
    assert data["not_editable"] == [{"path": "setup.py", "line": 3,
                                     "reason": "tests_require is computed (Call), not a literal list"}]
    assert data["skipped"] == []
    for key in ("name", "specifier", "pinned", "source", "line", "status", "supports_py27", "supports_py3",
                "first_version_supporting_both", "marker", "applies_to", "newest_allowed", "suggested_requirement",
                "note", "ladder"):
        assert all(key in row for row in data["dependencies"]), key  # the contract only gains keys
    text = subprocess.run([sys.executable, "-m", "bot", "deps", str(tmp_path), "--index-url", index.url],
                          capture_output=True, text=True, cwd=REPO).stdout
    assert "2.0; pinned on setup.py line 2" in text and "2.2; pinned on setup.cfg line 3" in text
    assert "Not editable: setup.py line 3: tests_require is computed (Call), not a literal list" in text
