"""Dependency readiness: which requirements block Python 3, and the smallest upgrade that runs on both."""
