"""The helper process a plan forks to share the scans of a few edited files
(workers/engine/standby.py): each item done once by one of the two, order and results kept."""
import os
import threading
import time

import pytest

from workers.engine import standby
from workers.engine.standby import Standby

THIS_PROCESS = os.getpid()


def _pid_and_item(item):
    if item == "fail":
        raise ValueError("no good: %s" % item)
    if item == "die" and os.getpid() != THIS_PROCESS:
        os._exit(3)
    if item == "hang" and os.getpid() != THIS_PROCESS:
        time.sleep(600)
    if isinstance(item, float):
        time.sleep(item)
    return os.getpid(), item


def _children():
    """This process's children (zombies too: a child not waited for is still listed)."""
    found = set()
    for task in os.listdir("/proc/self/task"):
        with open("/proc/self/task/%s/children" % task) as listing:
            found.update(listing.read().split())
    return found


@pytest.fixture(autouse=True)
def _threads_of_other_tests_ignored(request, monkeypatch):
    """Threads other tests of this worker left running would keep the helper from forking."""
    if "another_thread" not in request.node.name:
        monkeypatch.setattr(standby, "_threads_running", lambda: False)


@pytest.fixture(autouse=True)
def _no_child_left_behind():
    """Other tests of this worker may have children of their own: only the helpers must be gone."""
    before = _children()
    yield
    assert _children() <= before


def test_the_helper_takes_the_heaviest_items_and_this_process_the_lightest():
    items = [0.05, 0.0, 0.04, 0.0, 0.03, 0.0, 0.0, 0.0]
    with Standby(lambda: None) as helper:
        time.sleep(0.05)  # the helper is ready
        results = helper.map(_pid_and_item, items, weights=[item or 0.001 for item in items])
    assert [item for _, item in results] == items
    by_helper = [item for pid, item in results if pid != os.getpid()]
    assert 0.05 in by_helper  # the heaviest went to the helper...
    assert any(pid == os.getpid() for pid, item in results)  # ...while this process did light ones


def test_a_helper_still_getting_ready_leaves_all_the_items_here():
    with Standby(lambda: time.sleep(5)) as helper:
        started = time.monotonic()
        results = helper.map(_pid_and_item, [1, 2, 3], weights=[1, 1, 1])
    assert {pid for pid, _ in results} == {os.getpid()}
    assert time.monotonic() - started < 2  # nobody waited for the helper: it was stopped


def test_an_unused_helper_is_stopped_and_waited_for():
    with Standby(lambda: None):
        pass


def test_what_the_helper_raises_is_raised_here():
    """Its share is done here again: the same item raises the same error, with this process's traceback."""
    with Standby(lambda: None) as helper:
        time.sleep(0.05)
        with pytest.raises(ValueError, match="no good: fail"):
            helper.map(_pid_and_item, ["fail", 0.2, 0.2], weights=[3, 1, 1])


def test_when_the_helper_dies_this_process_does_its_share():
    with Standby(lambda: None) as helper:
        time.sleep(0.05)
        results = helper.map(_pid_and_item, ["die", 0.1, 0.1], weights=[3, 1, 1])
    assert [item for _, item in results] == ["die", 0.1, 0.1]
    assert {pid for pid, _ in results} == {os.getpid()}


def test_what_this_process_raises_stops_the_helper():
    with Standby(lambda: None) as helper:
        with pytest.raises(ValueError, match="no good"):
            helper.map(_pid_and_item, [0.3, "fail"], weights=[2, 1])


def test_without_a_helper_map_is_a_loop():
    with Standby(lambda: None, wanted=False) as helper:
        assert helper.map(_pid_and_item, [1, 2], weights=[1, 2]) == [(os.getpid(), 1), (os.getpid(), 2)]


def test_the_helper_starts_while_this_process_does_what_comes_first():
    with Standby(lambda: None) as helper:
        time.sleep(0.05)
        results = helper.map(_pid_and_item, [0.01] * 6, weights=[1] * 6, first=lambda: time.sleep(0.3))
    assert os.getpid() not in {pid for pid, _ in results}  # the helper did them all meanwhile


def test_a_helper_that_hangs_is_stopped_and_its_share_done_here(monkeypatch):
    monkeypatch.setattr(standby, "RESULTS_TIMEOUT", 0.5)
    with Standby(lambda: None) as helper:
        time.sleep(0.05)
        started = time.monotonic()
        results = helper.map(_pid_and_item, ["hang", 0.05, 0.05], weights=[3, 1, 1])
    assert [item for _, item in results] == ["hang", 0.05, 0.05]
    assert {pid for pid, _ in results} == {os.getpid()}
    assert time.monotonic() - started < 5


def test_no_helper_is_forked_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with Standby(lambda: None) as helper:
            time.sleep(0.05)
            results = helper.map(_pid_and_item, [0.01] * 4, weights=[1] * 4)
    finally:
        stop.set()
        other.join()
    assert {pid for pid, _ in results} == {os.getpid()}
