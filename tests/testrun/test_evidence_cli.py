"""`python -m bot evidence` and `--evidence FILE`: the command line contract (exit codes, --json)."""
import json

from tests.test_cli import bot
from workers.engine import planner
from workers.fixers.stringio import NO_EVIDENCE, NOT_REACHED, RECORDED_BYTES, RECORDED_TEXT

from .test_evidence import BUFFERS, buffers_project


def test_evidence_then_apply_with_it(tmp_path):
    project = buffers_project(tmp_path / "p")
    evidence_file = tmp_path / "evidence.json"
    code, out, err = bot("evidence", project, "--output", evidence_file, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert {key: data[key] for key in ("output", "problem", "could_not_start", "tests", "files", "sites", "bytes",
                                       "text", "native_only")} == {
        "output": str(evidence_file), "problem": "", "could_not_start": "", "tests": {"ran": 2, "passed": 2},
        "files": 2, "sites": 2, "bytes": 1, "text": 1, "native_only": 0}
    assert data["python"].startswith("2.7")
    assert json.loads(evidence_file.read_text()) == {"buffers.py": {"5": ["bytes"]}, "titles.py": {"5": ["text"]}}

    code, out, err = bot("apply", project, "--fixer", "stringio", "--evidence", evidence_file, "--json", "--no-cache")
    assert code == 0, err
    sites = {f["path"]: f["sites"]["stringio"] for f in json.loads(out)["files"]}
    assert sites == {"buffers.py": [{"line": 1, "end_line": 1, "note": RECORDED_BYTES % "line 5"}],
                     "titles.py": [{"line": 1, "end_line": 1, "note": RECORDED_TEXT % "line 5"}]}
    # a module-level cStringIO import of bytes stays cStringIO on 2.7 and is io.BytesIO on 3
    assert (project / "buffers.py").read_text() == BUFFERS.replace(
        "from cStringIO import StringIO\n", "try:\n    from cStringIO import StringIO\n"
        "except ImportError:  # Python 3\n    from io import BytesIO as StringIO\n")


def test_text_output_says_what_was_recorded(tmp_path):
    project = buffers_project(tmp_path / "p")
    code, out, err = bot("evidence", project, "-o", tmp_path / "e.json")
    assert code == 0, err
    assert "2 test(s) ran, 2 passed" in out
    assert "2 buffer site(s) in 2 file(s): 1 held bytes, 1 text, 0 only ASCII str (undecided)" in out


def test_plan_and_apply_refuse_an_unreadable_evidence_file(tmp_path):
    project = buffers_project(tmp_path / "p")
    (tmp_path / "bad.json").write_text("[1, 2]")
    for command in (["plan", project], ["apply", project, "--fixer", "stringio"]):
        code, out, err = bot(*command, "--evidence", tmp_path / "bad.json")
        assert (code, out) == (2, "")
        assert err == "py3bridge: error: evidence file is not a JSON object\n"
    code, _, err = bot("plan", project, "--evidence", tmp_path / "missing.json")
    assert code == 2 and err.startswith("py3bridge: error: cannot read evidence file")


def test_plan_notes_follow_the_evidence_through_the_scan_cache(tmp_path):
    project = buffers_project(tmp_path / "p")

    def notes(found):
        scans = planner.scan_tree(project, cache_dir=tmp_path / "cache", evidence=found)
        return {scan.path: [site.note for site in scan.sites["stringio"]] for scan in scans if scan.sites}

    for _ in range(2):  # the second time from the scan cache, where evidence is part of the key
        assert notes(None) == {"buffers.py": [NO_EVIDENCE], "titles.py": [NO_EVIDENCE]}
        assert notes({"buffers.py": {5: frozenset({"bytes"})}}) == {
            "buffers.py": [RECORDED_BYTES % "line 5"], "titles.py": [NO_EVIDENCE + NOT_REACHED]}
