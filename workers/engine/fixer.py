"""Moved to workers.rewriting.fixer (the fixer framework sits below the fixers and the engine).
Kept for callers outside the engine's packages that still import it from here (bot/cli.py)."""
from workers.rewriting.fixer import NEEDS_REVIEW, SAFE, STAGES, Fixer, FixerCrashed, Site  # noqa: F401
