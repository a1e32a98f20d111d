"""The Python-3-only stage: one libcst codemod per module, each defining `FIXER` (a
workers.rewriting.codemod.Codemod). Listed by the registry in workers/fixers/ after every 2+3 fixer."""
