import pytest

from tests.conftest import shared_folder


@pytest.fixture(scope="session")
def env_cache(tmp_path_factory):
    """One environment cache for the run: fixture projects share environments, as repeat runs do."""
    return shared_folder(tmp_path_factory, "py3bridge-cache")


@pytest.fixture(autouse=True)
def _use_env_cache(env_cache, monkeypatch):
    monkeypatch.setenv("PY3BRIDGE_CACHE_DIR", str(env_cache))


def make_project(root, files):
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return root
