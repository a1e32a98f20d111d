"""Adding module-level imports (and Python-3-only definitions of removed builtins) to a fissix tree
where a careful person would put them.

`from __future__ import X` goes after the module docstring, the leading comment block (shebang,
coding cookie, licence) and any existing `__future__` imports — never below code, which is a
SyntaxError (python-future#4, #133). A plain import goes after the module's first block of imports.
Neither ever moves a coding cookie off the first two lines.

The new line takes the place of a blank line just below it when there is one (after the docstring,
or between the imports and the code), so every later line keeps its number: tracebacks, tests
that assert line numbers, `# noqa` lines and blame stay as they were. A blank line that separates
two groups of imports is never taken (the groups would merge); one of two or more is.
"""
from fissix import pytree
from fissix.fixer_util import FromImport, Leaf, Name, Newline, does_tree_import, is_import
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import analysis, parsing, text_lines
from workers.rewriting.scopes import from_import_items


def _is_docstring(stmt):
    return stmt.type == syms.simple_stmt and stmt.children and stmt.children[0].type == token.STRING


def _is_future_import(stmt):
    if stmt.type != syms.simple_stmt or not stmt.children:
        return False
    first = stmt.children[0]
    return first.type == syms.import_from and str(first.children[1]).strip() == "__future__"


def _is_import_stmt(stmt):
    return stmt.type == syms.simple_stmt and stmt.children and is_import(stmt.children[0])


def has_future_feature(tree, feature):
    """Whether the module imports `feature` from __future__ (once per generation of the tree:
    some fixers ask at every string literal)."""
    return analysis.cached(tree, "future import " + feature, lambda: does_tree_import("__future__", feature, tree))


def _statements(tree):
    return [child for child in tree.children if child.type != token.ENDMARKER]


def _split_leading_comments(prefix):
    """Split a first statement's prefix into (header comments, what stays on the statement).

    The header is everything up to the first blank line when the prefix starts with comments
    (shebang, coding cookie, licence); comments right above the statement stay with it.
    """
    lines = text_lines.lines(prefix, keepends=True)
    for index, line in enumerate(lines):
        if not line.strip():
            head = "".join(lines[: index + 1])
            return head, "".join(lines[index + 1:])
    if all(line.lstrip().startswith("#") for line in lines):
        return prefix, ""
    return "", prefix


def _absorb_blank_line(tree, new_stmt):
    """Drop one blank line below new_stmt, looking no further than the first statement that is not
    an import: the one right below it; else one of a run of two or more; else the single blank
    line between the imports and the code. Never the only blank line between two imports.
    Why: every line below the imports keeps its number, which tests asserting traceback line
    numbers of their own module rely on (Paste's), and so does evidence recorded by line."""
    statements = _statements(tree)
    following = []
    for stmt in statements[_position(statements, new_stmt) + 1:]:
        following.append(stmt)
        if not _is_import_stmt(stmt):
            break
    if not following:
        return
    if _drop_blank_line(following[0], 1):
        return
    for stmt in following[1:]:
        if _drop_blank_line(stmt, 2):
            return
    if not _is_import_stmt(following[-1]) and len(following) > 1:
        _drop_blank_line(following[-1], 1)


def _drop_blank_line(stmt, at_least):
    """Remove one blank line from stmt's prefix when it has `at_least` of them; True if removed."""
    lines = text_lines.lines(stmt.prefix, keepends=True)
    blanks = [index for index, line in enumerate(lines) if not line.strip()]
    if len(blanks) < at_least:
        return False
    index = blanks[0]
    stmt.prefix = "".join(lines[:index] + lines[index + 1:])
    return True


def _insert_at_top(tree, new_stmt, after_index):
    """Insert new_stmt at module level after statement `after_index` (-1: at the very top)."""
    _place(tree, new_stmt, after_index)
    _absorb_blank_line(tree, new_stmt)


def _place(tree, new_stmt, after_index):
    statements = _statements(tree)
    if after_index >= 0:
        position = _position(tree.children, statements[after_index]) + 1
        tree.insert_child(position, new_stmt)
        return
    if not statements:
        end = tree.children[-1]
        new_stmt.prefix, end.prefix = end.prefix, ""
        tree.insert_child(0, new_stmt)
        return
    first = statements[0]
    new_stmt.prefix, first.prefix = _split_leading_comments(first.prefix)
    tree.insert_child(_position(tree.children, first), new_stmt)


def _end_of_leading(statements, belongs):
    """Index of the last statement of the module's leading run (after its docstring) of statements
    that `belongs()` accepts; the docstring's (0) when there are none, -1 without a docstring."""
    after = index = -1
    if statements and _is_docstring(statements[0]):
        after = index = 0
    while index + 1 < len(statements) and belongs(statements[index + 1]):
        index += 1
        after = index
    return after


def add_future_import(tree, feature):
    """Add `from __future__ import feature` unless the module already has it. Returns True if added."""
    if has_future_feature(tree, feature):
        return False
    statements = _statements(tree)
    after = _end_of_leading(statements, _is_future_import)
    if after >= 0 and _is_future_import(statements[after]) and _extend_future_import(statements[after], feature):
        analysis.tree_changed(tree)
        return True
    new_stmt = pytree.Node(syms.simple_stmt, [FromImport("__future__", [Name(feature, prefix=" ")]), Newline()])
    _insert_at_top(tree, new_stmt, after)
    analysis.tree_changed(tree)
    return True


def _extend_future_import(stmt, feature):
    """`from __future__ import a` -> `from __future__ import a, feature`, on the same line.
    Only for the plain one-line form; returns False to let the caller add a line instead."""
    return _append_name(stmt.children[0], feature)


def _append_name(import_from, name):
    """`from m import a` -> `from m import a, name`, on the same line. Only for the plain one-line
    form; returns False (nothing changed) for parentheses, a trailing comma or an `as` clause."""
    names = import_from.children[3:]
    if len(names) != 1 or names[0].type not in (token.NAME, syms.import_as_names):
        return False
    last = names[0] if names[0].type == token.NAME else names[0].children[-1]
    if last.type != token.NAME:
        return False
    if names[0].type == token.NAME:
        grouped = pytree.Node(syms.import_as_names, [names[0].clone(), Leaf(token.COMMA, ","), Name(name, prefix=" ")])
        names[0].replace(grouped)
    else:
        names[0].append_child(Leaf(token.COMMA, ","))
        names[0].append_child(Name(name, prefix=" "))
    return True


def _sibling(tree, module):
    """Whether `module`'s top-level name is a module of the tree's own package (Django vendors six
    as django/utils/six.py): Python 2 would import that sibling, so the import says so."""
    context = getattr(tree, "module_context", None)
    return context is not None and module.split(".")[0] in context.package_modules


def add_import(tree, module):
    """Add `import module` after the module's first import block (or its futures/docstring);
    `from . import module` when the package has a module of that name."""
    if does_tree_import(None, module, tree):
        return False
    if _sibling(tree, module) and "." not in module:
        return add_from_import(tree, ".", module)
    after = _end_of_leading(_statements(tree), _is_import_stmt)
    import_node = pytree.Node(syms.import_name, [Leaf(token.NAME, "import"), Leaf(token.NAME, module, prefix=" ")])
    _insert_at_top(tree, pytree.Node(syms.simple_stmt, [import_node, Newline()]), after)
    return True


def define_for_python3(tree, name, value):
    """Give a Python-2-only builtin a Python 3 meaning, after the module's imports:

        try:
            name
        except NameError:  # Python 3
            name = value

    On 2.7 nothing is assigned, so `name` is still the builtin, looked up when the code runs."""
    add_after_imports(tree, "try:\n    %s\nexcept NameError:  # Python 3\n    %s = %s\n" % (name, name, value))


def add_after_imports(tree, text):
    """Insert the statement `text` (one statement, ending in a newline) after the module's imports."""
    stmt = parsing.parse(text).children[0]
    stmt.remove()
    _insert_at_top(tree, stmt, _end_of_leading(_statements(tree), _is_import_stmt))


def import_fallback_text(module, renames):
    """The 2+3 import of functions Python 3 renamed inside the same module, bound by their new
    names; renames: [(new, old)]:

        try:
            from module import new
        except ImportError:  # Python 2.7
            from module import old as new
    """
    return "try:\n    from %s import %s\nexcept ImportError:  # Python 2.7\n    from %s import %s\n" % (
        module, ", ".join(new for new, _ in renames), module,
        ", ".join("%s as %s" % (old, new) for new, old in renames))


def add_from_import(tree, module, name):
    """Add `from module import name`, joining an existing one-line `from module import …` when the
    module has one at top level. Returns True if the tree changed."""
    if module != "." and _sibling(tree, module):
        module = "." + module
    if does_tree_import(module, name, tree):
        return False
    for stmt in _statements(tree):
        if _is_import_stmt(stmt) and stmt.children[0].type == syms.import_from and _extend_from_import(
                stmt.children[0], module, name):
            return True
    after = _end_of_leading(_statements(tree), _is_import_stmt)
    new_stmt = pytree.Node(syms.simple_stmt, [FromImport(module, [Name(name, prefix=" ")]), Newline()])
    _insert_at_top(tree, new_stmt, after)
    return True


def _extend_from_import(import_from, module, name):
    if str(import_from.children[1]).strip() != module or module == "__future__":
        return False
    return _append_name(import_from, name)


def _position(children, node):
    """Index of node by identity: fissix nodes compare equal when they look alike."""
    return next(index for index, child in enumerate(children) if child is node)


def remove_module_statement(stmt):
    """Remove a one-line module-level statement, keeping the comments and blank lines before it."""
    following = stmt.next_sibling
    if following is not None:
        rest = following.prefix
        if stmt.prev_sibling is None and not stmt.prefix.strip():
            rest = rest.lstrip("\n")  # no blank lines left at the top of the file
        following.prefix = stmt.prefix + rest
    stmt.remove()


def drop_from_import_name(stmt, name):
    """Remove `name` (not aliased) from the `from m import …` statement; the line too if it was the only name."""
    pairs = from_import_items(stmt)
    leaves = [leaf for leaf, alias in pairs if leaf.value == name and alias is None]
    if not leaves:
        return
    if len(pairs) == 1:
        line = stmt.parent
        if line.type == syms.simple_stmt and len(line.children) == 2:
            following = line.next_sibling
            if following is not None:
                following.prefix = line.prefix + following.prefix.lstrip("\n") if not line.prefix.strip() else (
                    line.prefix + following.prefix)
            line.remove()
        return
    leaf = leaves[0]
    names = leaf.parent
    children = names.children
    index = children.index(leaf)
    if index + 1 < len(children) and children[index + 1].type == token.COMMA:
        following = children[index + 2] if index + 2 < len(children) else None
        children[index + 1].remove()
        if following is not None:
            following.prefix = leaf.prefix
    else:
        children[index - 1].remove()
    leaf.remove()
    if names.type == syms.import_as_names and len(names.children) == 1:
        only = names.children[0]
        only.remove()
        names.replace(only)
