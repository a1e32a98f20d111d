"""`f.write('…')` to a file opened in binary mode → `f.write(b'…')`.

Python 2 wrote native str to files opened 'wb' / 'ab' (path.py 2.2.2's test: `fobj = file(f, 'ab')`
then `fobj.write('some bytes')`); on 3 a binary file takes bytes only and the write raises
TypeError. An ASCII literal with no prefix that is the one argument of `name.write(…)`, where the
name is bound once in its function to `open(…, '…b…')`, gets a `b` prefix: the very same str on
2.7, bytes on 3.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.binary_lines_as_text import is_binary_file_name
from workers.fixers.bytes_only_literals import native_ascii
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name


def _written_file(literal):
    """The NAME `f` of `f.write(literal)`, literal its one argument, else None."""
    call = literal.parent
    if call is None or call.type != syms.trailer or call.children[0].type != token.LPAR:
        return None
    power = call.parent
    if power.type != syms.power or len(power.children) != 3 or power.children[2] is not call:
        return None
    head, method = power.children[0], power.children[1]
    if head.type != token.NAME or attr_trailer_name(method) != "write" or len(argument_nodes(call)) != 1:
        return None
    return head


class _Impl(TreeFixer):
    _accept_type = token.STRING

    def match(self, node):
        if not native_ascii(node):
            return False
        name = _written_file(node)
        return name is not None and is_binary_file_name(name)

    def transform(self, node, results):
        node.value = "b" + node.value
        node.changed()


class BinaryFileWriteLiterals(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 25  # after file_builtin has made file(…) calls open(…)
    trigger = r"\.write\s*\(\s*[rR]?['\"]"
    summary = "Make text literals written to a file opened in binary mode bytes literals"
    explanation = (
        "On Python 3 a file opened in binary mode ('wb', 'ab', 'r+b') takes bytes only: "
        "`f.write('data')` raises TypeError. An ASCII literal with no prefix written with "
        "`f.write(…)`, where f is bound once, in its own function, to `open(…, '…b…')`, gets a `b` "
        "prefix: the very same str on 2.7, bytes on 3."
    )
    review_hint = "Nothing special: the same str on 2.7."
    risk = SAFE


FIXER = BinaryFileWriteLiterals()
