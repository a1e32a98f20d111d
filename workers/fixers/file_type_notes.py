"""Report the file builtin as a base class, `class F(file)`, which raises NameError on Python 3:
file_builtin rewrites calls and file_type_values other values (`isinstance(x, file)`), but a subclass
of file has no 2+3 form short of wrapping the object open() returns."""
from fissix.pgen2 import token

from workers.fixers.file_type_values import is_base_class
from workers.rewriting.builtin_calls import call_trailer
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.scopes import in_try_statement
from workers.rewriting.typerefs import is_builtin_use

NOTE = ("the file builtin is gone on Python 3 (a NameError here): a subclass of file wraps the object "
        "open() returns instead")


class _Impl(TreeFixer):
    _accept_type = token.NAME
    _accept_values = frozenset({"file"})

    def match(self, node):
        return (node.value == "file" and call_trailer(node) is None and is_builtin_use(node)
                and not in_try_statement(node) and is_base_class(node))

    def note(self, node):
        return NOTE


class FileTypeNotes(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 77
    reports_only = True
    trigger = r"\bfile\b"
    summary = "Report classes deriving from the file builtin (not rewritten)"
    explanation = (
        "`file(...)` calls become `open(...)` (file_builtin) and other values of `file` "
        "`file if six.PY2 else io.IOBase` (file_type_values); a class deriving from file has no such "
        "form, since io.IOBase is no working file to inherit from. Each is listed; on Python 3 the "
        "class statement raises NameError."
    )
    review_hint = "Wrap the object open() returns (delegate to it) instead of inheriting from file."
    risk = NEEDS_REVIEW


FIXER = FileTypeNotes()
