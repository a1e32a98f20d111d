"""Moved to workers.files.safe_files (which workers.deps reads too, without importing the engine).
Kept for callers that still import it from here (tests/security/test_files.py)."""
from workers.files.safe_files import *  # noqa: F401,F403
from workers.files.safe_files import UnsafePath, read_bytes, write_bytes  # noqa: F401
