"""What fixers share: reading a fissix tree (which names a scope binds, how a value is used,
what an expression's number type is) and editing it (imports, class bodies, calls).

The engine (workers/engine) runs fixers; the fixers (workers/fixers) are one transformation
each; this package is the toolkit between them.
"""
