"""Pytest fixtures for tests that need the stand-in. One server runs for the whole session and
its state is reset before each test (starting a server and an App key per test is slow).
Import both names where you use `standin`:

    from tests.standin.fixtures import standin, standin_server  # noqa: F401
"""
import pytest

from standin.server import StandinServer
from standin.state import StandinState


@pytest.fixture(scope="session")
def standin_server(tmp_path_factory):
    """The running StandinServer, shared by the session; prefer `standin`."""
    with StandinServer(StandinState(tmp_path_factory.mktemp("github-standin"))) as server:
        yield server


@pytest.fixture
def standin(standin_server):
    """The running StandinServer with an empty state (the App and its key are kept)."""
    standin_server.state.reset()
    return standin_server
