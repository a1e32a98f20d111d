"""`del x` of a list comprehension's leaked variable → `try: del x` / `except NameError: pass`.

Python 2 leaves a list comprehension's loop variable bound in the enclosing scope, and class
bodies tidy it away (mutagen 1.20's `bitswap = ''.join([... for val in range(256)])` then
`del(i)`, `del(val)`); Python 3 binds it only inside the comprehension, so the del raises
NameError when the module is imported. Wrapped in a try, 2.7 deletes the same name as before and
3 has nothing to delete (or deletes the earlier binding the comprehension would have replaced
on 2.7: unbound afterwards on both).
"""
from fissix.fixer_util import find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.comprehension_variable_leak import deleted_name, is_guarded_del, leaked_from
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.parsing import compound_statement

GUARDED = "try:\n    {delete}\nexcept NameError:  # Python 3: the list comprehension kept {name} to itself\n    pass\n"


def _statement(del_stmt):
    """The simple_stmt holding del_stmt when all its small statements are dels of leaked names
    (`del(k); del(v)`) and it stands on its own line of a block, else None."""
    stmt = del_stmt.parent
    if stmt is None or stmt.type != syms.simple_stmt or stmt.parent.type not in (syms.suite, syms.file_input):
        return None  # `if x: del i` cannot take a try statement on its line
    if not all(_is_leaked_del(small) for small in _small_statements(stmt)):
        return None
    return stmt


def _small_statements(stmt):
    return [child for child in stmt.children if child.type not in (token.SEMI, token.NEWLINE)]


def _is_leaked_del(node):
    if node.type != syms.del_stmt:
        return False
    name = deleted_name(node)
    return name is not None and not is_guarded_del(name) and leaked_from(name) is not None


def _guarded(del_stmt, indent, prefix):
    text = GUARDED.format(delete=str(del_stmt).strip(), name=deleted_name(del_stmt).value)
    return compound_statement(text, indent, prefix)


def _replace_with_guarded(stmt):
    """One try statement per del, the first where stmt was."""
    indent = find_indentation(stmt)
    guarded = [_guarded(small, indent, stmt.prefix if i == 0 else indent)
               for i, small in enumerate(_small_statements(stmt))]
    parent, index = stmt.parent, stmt.remove()
    for offset, new in enumerate(guarded):
        parent.insert_child(index + offset, new)


class _Impl(TreeFixer):
    _accept_type = syms.del_stmt

    def match(self, node):
        """The first del of its line: the line is rewritten at once."""
        stmt = _is_leaked_del(node) and _statement(node)
        return bool(stmt) and stmt.children[0] is node

    def transform(self, node, results):
        _replace_with_guarded(_statement(node))


class ComprehensionVariableDel(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 50
    trigger = r"\bdel\b"
    summary = "Guard `del x` of a list comprehension's leaked variable with try/except NameError"
    explanation = (
        "Python 2 leaks a list comprehension's loop variable into the enclosing scope, and code "
        "deletes it afterwards (`del i` in a class body); on Python 3 the name was never bound there "
        "and the del raises NameError. `try: del i` / `except NameError: pass` deletes it on 2.7 as "
        "before and does nothing on 3."
    )
    review_hint = "Nothing special: 2.7 runs the same del."
    risk = SAFE


FIXER = ComprehensionVariableDel()
