"""Importing libcst without the docstrings `dataclasses` would write for its matcher classes.

A dataclass without a docstring gets one made by `inspect.signature`: its name and every field's
annotation as text. libcst's generated matchers are ~220 such classes whose annotations are long
Unions, so formatting them was about 0.08 s of the ~0.4 s each python3-only run spends importing
libcst (Python 3.11), for docstrings nothing reads. While the codemods load, dataclasses sees an
`inspect` whose `signature` is an empty text: the docstring is then the bare class name.
Everything else is the real inspect.
"""
import dataclasses
import inspect
from contextlib import contextmanager


class _InspectWithoutSignatures:
    def __getattr__(self, name):
        return getattr(inspect, name)

    @staticmethod
    def signature(*args, **kwargs):
        return ""  # dataclasses only makes it text, and appends it to the class name


@contextmanager
def signature_docs_skipped():
    """Run the block with dataclasses making no signature docstrings (unchanged if this Python's
    dataclasses does not read them through its module global `inspect`)."""
    if getattr(dataclasses, "inspect", None) is not inspect:
        yield
        return
    dataclasses.inspect = _InspectWithoutSignatures()
    try:
        yield
    finally:
        dataclasses.inspect = inspect
