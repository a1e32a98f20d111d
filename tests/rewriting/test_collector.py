"""The cyclic garbage collector stays off while a module is rewritten or scanned, and comes back
as it was (workers/rewriting/collector.py)."""
import gc

import pytest

from workers import fixers as registry
from workers.engine import apply, scan
from workers.rewriting.collector import collector_paused

MODULE = "".join("def f%d(a, b):\n    print a, b\n    return dict(x=a).has_key(b)\n\n" % i for i in range(100))


def _collections_during(work):
    """The generations of the collections that started while work() ran, the collector set to
    start one every 100 allocations."""
    started, threshold = [], gc.get_threshold()
    gc.set_threshold(100)
    callback = lambda phase, info: started.append(info["generation"]) if phase == "start" else None  # noqa: E731
    gc.callbacks.append(callback)
    try:
        work()
    finally:
        gc.callbacks.remove(callback)
        gc.set_threshold(*threshold)
    return started


def test_paused_inside_and_restored_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_enabled_again_after_an_exception():
    with pytest.raises(ValueError):
        with collector_paused():
            raise ValueError
    assert gc.isenabled()


def test_stays_off_when_it_was_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_at_most_the_collection_after_the_pause_while_a_module_is_rewritten_or_scanned():
    fixers = [fixer for fixer in registry.in_stages(["syntax", "semantic"]) if not fixer.reports_only]
    assert len(_collections_during(lambda: apply._transformed(MODULE, fixers, None))) > 5  # unpaused
    assert len(_collections_during(lambda: apply.transform_text(MODULE, fixers))) <= 1
    codemods = registry.in_stages(["python3-only"])
    python3 = MODULE.replace("print a, b", "print(six.text_type(a), b)")
    assert len(_collections_during(lambda: apply._transformed(python3, codemods, None))) > 5
    assert len(_collections_during(lambda: apply.transform_text(python3, codemods))) <= 1
    assert len(_collections_during(lambda: scan.scan_bytes("m.py", "", MODULE.encode(), fixers))) > 5
    assert len(_collections_during(lambda: scan.scan_guarded("m.py", "", MODULE.encode(), fixers))) <= 1
