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


def _pid_after_a_millisecond(item):
    time.sleep(0.001)  # long enough for the other worker to ask for the next items meanwhile
    return os.getpid(), item


def test_many_weighted_items_go_out_a_few_at_a_time():
    # Handed out one at a time, Django's 1,875 scans cost the planning process 0.8 s of CPU (the
    # pool's threads, on a core the workers need); in chunks, heaviest first, the last ones are light.
    weights = list(range(1000))
    started = map_files(_pid_after_a_millisecond, range(1000), weights=weights)
    pids = [started[index][0] for index in sorted(range(1000), key=lambda index: -weights[index])]
    handovers = sum(1 for before, after in zip(pids, pids[1:]) if before != after)
    assert handovers < 250
