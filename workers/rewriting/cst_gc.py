"""Python's cyclic garbage collector paused while libcst builds and walks a module.

A libcst module of a large file is hundreds of thousands of objects, and its walks allocate as
many again (each node rebuilt, metadata entries): the collector runs hundreds of times per file
and each full collection traverses the whole tree, though a tree holds no cycle to free. On
dateutil's test.py the collections took 0.6 s of the stage's 6.9 s of CPU, and the stage ran
1.1 to 1.5 s faster without them (fewer cache misses too). Cycles made meanwhile (libcst's scopes
have some) are collected by the next collection after the pause.
"""
import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """Run the block without cyclic garbage collection (it stays off if it already was)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
