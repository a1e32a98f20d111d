import pytest

from workers.services.repo_config import ConfigInvalid, RepoConfig, parse


def test_full_config():
    config = parse(
        "tests:\n  command: python test.py -v\n  timeout: 600\n  smoke: [python -c 'import pkg']\n"
        "fixers:\n  disabled: [long_literals]\nexclude: ['docs/*']\nbatch:\n  max_files: 5\n  max_lines: 80\n"
        "max_open_prs: 3\n")
    assert config.tests == {"command": "python test.py -v", "timeout": 600, "smoke": ["python -c 'import pkg'"]}
    assert config.disabled_fixers == ("long_literals",)
    assert config.exclude == ("docs/*",)
    assert (config.limits.max_files, config.limits.max_lines, config.max_open_prs) == (5, 80, 3)


def test_empty_file_means_defaults():
    assert parse("") == RepoConfig()


@pytest.mark.parametrize("text, message", [
    ("max_open_prs: [1\n", ".github/py3bridge.yml line 2:"),
    ("max_open_prs: lots\n", "line 1: 'lots' is not a whole number"),
    ("max_open_prs: 0\n", "line 1: must be at least 1"),
    ("tests:\n  comand: x\n", "line 2: unknown setting tests.comand"),
    ("fixers:\n  disabled: [print_fuction]\n", "line 2: unknown fixer(s) print_fuction"),
    ("batches: {}\n", "line 1: unknown setting 'batches'"),
    ("exclude: docs\n", "line 1: expected a list of strings"),
])
def test_invalid_files_name_the_line_and_the_problem(text, message):
    with pytest.raises(ConfigInvalid) as caught:
        parse(text)
    assert message in str(caught.value)


def test_interpreters_setting():
    assert parse("interpreters: ['2.7', '3.9']\n").interpreters == ("2.7", "3.9")
    with pytest.raises(ConfigInvalid, match="line 1: 'py3' is not a Python version"):
        parse("interpreters: [py3]\n")


def test_interpreter_versions_are_found_or_named():
    from workers.engine.interpreters import find_version

    found = find_version("3.9")
    assert found.label == "3.9" and found.path.endswith("python3.9")
    missing = find_version("3.99")
    assert missing.path == "python3.99"


def test_failed_and_skipped_batches_hold_their_files():
    from workers.services.state import FAILED, MERGED, OPEN, SKIPPED, BatchRecord, RepoState

    state = RepoState("o/r", batches=[BatchRecord("print_function", 1, ["a.py"], OPEN),
                                      BatchRecord("print_function", 2, ["b.py"], FAILED, reason="x"),
                                      BatchRecord("print_function", 3, ["c.py"], SKIPPED),
                                      BatchRecord("print_function", 4, ["d.py"], MERGED)])
    assert state.held_files("print_function") == {"a.py", "b.py", "c.py"}
    assert state.next_sequence("print_function") == 5
    assert RepoState.from_json(state.to_json()) == state
