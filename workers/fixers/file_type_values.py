"""`file` used as a value, not a base class: `isinstance(x, file)`, `hasattr(file, 'newlines')` →
`file if six.PY2 else io.IOBase`.

On 2.7 the expression is the builtin itself. On 3 open() returns io objects, all io.IOBase: a type
test accepts what open() gives there, and a feature test asks the io base class, which has no
`newlines` (path.py 2.2.2 then keeps mode 'r', universal newlines on 3 anyway, where 3.11 rejects 'U').
A subclass of file (`class F(file)`) is left to file_type_notes: io.IOBase is no working file there.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import call_trailer
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.parsing import parse
from workers.rewriting.scopes import in_try_statement
from workers.rewriting.typerefs import is_builtin_use

# Where a conditional expression needs no parentheses: a whole argument, item or right-hand side.
_BARE_PARENTS = (syms.arglist, syms.trailer, syms.testlist_gexp, syms.testlist, syms.expr_stmt, syms.atom)


def is_python2_branch(leaf):
    """Whether leaf is the 2.7 side of `leaf if six.PY2 else …`."""
    parent = leaf.parent
    return (parent is not None and parent.type == syms.test and parent.children[0] is leaf
            and str(parent.children[2]).strip() == "six.PY2")


def is_base_class(leaf):
    node = leaf.parent
    if node is not None and node.type == syms.arglist:
        node = node.parent
    return node is not None and node.type == syms.classdef


def is_file_value(leaf):
    """The builtin `file` read as a value, outside a probe's try and outside a class's bases."""
    return (leaf.value == "file" and call_trailer(leaf) is None and is_builtin_use(leaf)
            and not in_try_statement(leaf) and not is_python2_branch(leaf) and not is_base_class(leaf))


def _replacement(leaf):
    text = "file if six.PY2 else io.IOBase"
    if leaf.parent.type not in _BARE_PARENTS:
        text = "(%s)" % text
    node = parse("x = %s\n" % text).children[0].children[0].children[2]
    node.remove()
    node.prefix = leaf.prefix
    return node


class _Impl(TreeFixer):
    _accept_type = token.NAME
    _accept_values = frozenset({"file"})

    def match(self, node):
        return is_file_value(node)

    def note(self, node):
        return "on Python 3 this is io.IOBase, the base class of what open() returns"

    def transform(self, node, results):
        node.replace(_replacement(node))
        self.needs_six = True

    def after_fix(self, tree):
        super().after_fix(tree)
        add_import(tree, "io")


class FileTypeValues(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 76
    trigger = r"\bfile\b"
    summary = "Replace the file builtin used as a value with `file if six.PY2 else io.IOBase`"
    explanation = (
        "`isinstance(x, file)` or `hasattr(file, 'newlines')` raise NameError on Python 3. The name "
        "becomes `file if six.PY2 else io.IOBase`: the very same object on 2.7, and on 3 the base class "
        "of every object open() returns. A class deriving from file is not rewritten (file_type_notes "
        "reports it): io.IOBase is no usable file to inherit from."
    )
    review_hint = (
        "A feature test now asks io.IOBase on 3 (`hasattr(io.IOBase, 'newlines')` is False); a type test "
        "also accepts io.BytesIO/StringIO there."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = FileTypeValues()
