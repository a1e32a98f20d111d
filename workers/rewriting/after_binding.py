"""Module-level definitions that read an imported module: placed right after its import.

`add_after_imports` puts text after a module's leading imports; a definition reading a module
imported further down (after a docstring, `__all__` or code) must follow that import instead.
"""
from workers.rewriting import parsing
from workers.rewriting.scopes import binding_nodes


def add_after_binding(tree, name, text):
    """Insert the statements of `text` after the module-level statement that binds `name` last
    (its import, maybe inside a try)."""
    stmt = _last_binding_statement(tree, name)
    new = parsing.parse(text).children[0]
    new.remove()
    tree.insert_child(tree.children.index(stmt) + 1, new)


def _last_binding_statement(tree, name):
    last = None
    for node in binding_nodes(tree).get(name, ()):
        while node.parent is not tree:
            node = node.parent
        if last is None or tree.children.index(node) > tree.children.index(last):
            last = node
    return last
