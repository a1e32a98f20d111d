"""What fixers are built from, below both the fixers and the engine that runs them.

- the fixer framework: `fixer` (Fixer, TreeFixer, FissixFixer, Site, stages), `trigger`
  (a trigger regex's required literals), `parsing` (Python 2 source into fissix trees),
  `patterns` (PATTERN text built from a fixer's tables), `attribute_fixer` (fixers replacing `module.attr`);
- reading a tree: `scopes` (what a name refers to, by Python 2's scoping rules), `analysis`
  (the per-tree, per-generation cache every analysis keeps its answers in), `typerefs`,
  `numeric_kind`, `iteration_context`, `protocols`, `module_exports`, `exception_values`;
- editing a tree: `imports`, `classes`, `class_body`, `builtin_calls`, `module_imports`,
  `module_moves`.

Package order (tests/engine/test_package_order.py): engine → fixers → rewriting;
engine → deps → files. Nothing here imports workers.engine or workers.fixers.
"""
