"""The bot's upgrade PRs for pins in setup.py, setup.cfg and a Pipfile: planned from the sync's
readiness rows, one line changed, and the PR body and dashboard say which file and line."""
from types import SimpleNamespace

import pytest

from tests.index_standin import IndexStandin
from workers.deps import upgrade
from workers.services import dashboard, pr_text
from workers.services.planning import assess_dependencies, next_batch
from workers.services.state import MERGED, OPEN, RepoState

CONFIG = SimpleNamespace(disabled_fixers=[], limits=None)
NO_CODE = SimpleNamespace(fixers=[])


class DictRedis:
    def __init__(self):
        self.values = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, value, ex=None):
        self.values[key] = value.encode() if isinstance(value, str) else value


@pytest.fixture
def context(monkeypatch):
    with IndexStandin() as index:
        monkeypatch.setenv("PY3BRIDGE_INDEX_URL", index.url)
        yield SimpleNamespace(redis=DictRedis())


def checkout(root):
    (root / "setup.py").write_bytes(b"from setuptools import setup\r\nsetup(\r\n    install_requires=[\r\n"
                                    b"        'oldlib==1.0',  # ops\r\n    ],\r\n    tests_require=TESTS,\r\n)\r\n")
    (root / "setup.cfg").write_text('[options]\ninstall_requires =\n    midlib==0.9; python_version < "3.8"\n')
    (root / "Pipfile").write_text('[dev-packages]\nwheelib = {version = "==2.1"}  # fast\n')
    return root


def test_the_bot_upgrades_pins_in_setup_py_setup_cfg_and_pipfile_one_line_each(tmp_path, context):
    root = checkout(tmp_path)
    state = RepoState("o/lib", installation_id=1)
    assess_dependencies(context, root, state)
    opened = []
    while True:
        batch = next_batch(state, NO_CODE, CONFIG)
        if batch is None:
            break
        before = (root / batch.files[0]).read_bytes()
        assert upgrade.apply_upgrade(root, batch) == {batch.files[0]: 1}
        after = (root / batch.files[0]).read_bytes()
        changed = [n for n, (a, b) in enumerate(zip(before.splitlines(True), after.splitlines(True)), 1) if a != b]
        assert changed == [batch.line] and len(before.splitlines()) == len(after.splitlines())
        batch.file_sites, batch.state, batch.pr = {batch.files[0]: 1}, OPEN, len(opened) + 1
        opened.append((batch.files[0], batch.line, batch.package, batch.from_version, batch.to_version))
        assert "Changes only `%s` line %d: the pin of `%s`, %s → %s." % (
            batch.files[0], batch.line, batch.package, batch.from_version, batch.to_version) in \
            pr_text.body(upgrade.DESCRIPTION, batch, [])
    assert opened == [("setup.py", 4, "oldlib", "1.0", "2.0"), ("setup.cfg", 3, "midlib", "0.9", "1.1"),
                      ("Pipfile", 2, "wheelib", "2.1", "2.2")]
    assert (root / "setup.py").read_bytes().splitlines(True)[3] == b"        'oldlib==2.0',  # ops\r\n"
    assert (root / "Pipfile").read_text() == '[dev-packages]\nwheelib = {version = "==2.2"}  # fast\n'
    state.batches[0].state = MERGED
    assert "- upgrade `oldlib` 1.0 → 2.0: merged ✅ (#1) (`setup.py` line 4)" in dashboard.render(state)


def test_markers_are_evaluated_for_the_configured_python_3(tmp_path, context):
    root = checkout(tmp_path)
    (root / ".py3bridge.toml").write_text('[tests]\npython3 = ["3.9"]\n')
    state = RepoState("o/lib", installation_id=1)
    assess_dependencies(context, root, state)
    midlib = next(row for row in state.dependencies if row["name"] == "midlib")
    # midlib 0.9 runs on 2.7; its marker installs it on no Python 3 the tests run on: nothing to upgrade
    assert (midlib["status"], midlib["applies_to"], midlib["upgradable"]) == ("ready", ["2.7"], False)
