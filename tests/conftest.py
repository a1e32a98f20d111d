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
    import socket
    import subprocess
    import time

    binary = shutil.which("redis-server")
    assert binary, "redis-server is not installed (the README's test command installs it)"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    else:
        proc.kill()
        raise RuntimeError("redis-server did not start on port %d" % port)
    yield "redis://127.0.0.1:%d/0" % port
    proc.terminate()
    proc.wait(timeout=10)
