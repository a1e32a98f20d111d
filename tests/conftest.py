import pytest

from workers.engine.interpreters import find_python2, find_python3

# Fixer cases are Python 2 source kept as .in/.out data files; nothing there is a test module.
collect_ignore_glob = ["fixers/cases/*"]


@pytest.fixture(scope="session")
def interpreters():
    """The real Python 2.7 and Python 3. Missing ones fail the run: never a silent skip."""
    return [find_python2(), find_python3()]
