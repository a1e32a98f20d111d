"""Per-file work on every core (workers/engine/parallel.py): who decides between a pool and a loop
(on this machine's two cores)."""
import os
import time

from workers.engine.parallel import map_files


def _pid_and_double(item):
    return os.getpid(), item * 2


def test_a_few_items_stay_in_this_process_unless_the_caller_knows_better():
    assert {pid for pid, _ in map_files(_pid_and_double, range(3))} == {os.getpid()}
    assert os.getpid() not in {pid for pid, _ in map_files(_pid_and_double, range(3), serial=False)}


def test_many_items_go_to_the_pool_unless_the_caller_says_serial():
    assert os.getpid() not in {pid for pid, _ in map_files(_pid_and_double, range(20))}
    assert {pid for pid, _ in map_files(_pid_and_double, range(20), serial=True)} == {os.getpid()}


def test_order_is_kept():
    assert [value for _, value in map_files(_pid_and_double, range(40))] == [n * 2 for n in range(40)]


def _pid_and_start(item):
    return os.getpid(), time.monotonic()


def test_weighted_items_keep_their_order_and_each_worker_takes_the_heaviest_left():
    weights = [1, 50, 3, 40, 2, 30, 4, 20, 5, 10]
    assert [value for _, value in map_files(_pid_and_double, range(10), weights=weights)] == [n * 2 for n in range(10)]
    started = map_files(_pid_and_start, range(10), weights=weights)
    assert os.getpid() not in {pid for pid, _ in started}
    for pid in {pid for pid, _ in started}:  # each worker takes what is left, heaviest first
        taken = sorted((start, weights[index]) for index, (worker, start) in enumerate(started) if worker == pid)
        assert [weight for _, weight in taken] == sorted((weight for _, weight in taken), reverse=True)


def _pid_or_fail(item):
    if item == "fail":
        raise ValueError("no good: %s" % item)
    return os.getpid(), item


def test_one_child_takes_about_half_the_weight_and_order_is_kept():
    from workers.engine.parallel import map_with_one_child

    weights = [5, 1, 4, 1, 3, 2]
    results = map_with_one_child(_pid_or_fail, list(range(6)), weights)
    assert [item for _, item in results] == list(range(6))
    pids = {pid for pid, _ in results}
    assert os.getpid() in pids and len(pids) == 2
    child_weight = sum(weights[item] for pid, item in results if pid != os.getpid())
    assert child_weight == sum(weights) // 2


def test_what_the_child_raises_is_raised_here_with_its_traceback():
    import pytest

    from workers.engine.parallel import ChildFailed, map_with_one_child

    # the heaviest item stays in this process, the next goes to the child
    with pytest.raises(ChildFailed, match="ValueError: no good: fail"):
        map_with_one_child(_pid_or_fail, ["ok", "fail"], [2, 1])
    with pytest.raises(ValueError):
        map_with_one_child(_pid_or_fail, ["fail", "ok"], [2, 1])
    with pytest.raises(ChildProcessError):  # each child was waited for, raising or not
        os.waitpid(-1, os.WNOHANG)
