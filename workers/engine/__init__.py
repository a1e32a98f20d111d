"""The migration engine: scan a tree, plan batches, apply one fixer, verify on real interpreters."""
