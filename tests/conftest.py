import os

import pytest

from workers.engine.interpreters import find_python2, find_python3

# Fixer cases are Python 2 source kept as .in/.out data files; nothing there is a test module.
collect_ignore_glob = ["fixers/cases/*"]


@pytest.fixture(scope="session")
def interpreters():
    """The real Python 2.7 and Python 3. Missing ones fail the run: never a silent skip."""
    return [find_python2(), find_python3()]


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A real redis-server on a free loopback port for the whole session; its URL."""
    import shutil

    from common.local_redis import start_redis

    assert shutil.which("redis-server"), "redis-server is not installed (the README's test command installs it)"
    proc, url = start_redis(tmp_path_factory.mktemp("redis"))
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def shared_folder(tmp_path_factory, name):
    """A folder all of this run's test processes share (pytest-xdist runs several): environment
    caches are built once (ensure_env locks each environment while it builds)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.getbasetemp().parent / name
        folder.mkdir(exist_ok=True)
        return folder
    return tmp_path_factory.mktemp(name)
