"""Report the `file` builtin used as a value, not called: `isinstance(x, file)`, `class F(file)`,
`hasattr(file, 'newlines')`. file_builtin rewrites only calls; these raise NameError on Python 3
(path.py 2.2.2 tested `hasattr(file, 'newlines')` at import time, and its plan said nothing)."""
from fissix.pgen2 import token

from workers.rewriting.builtin_calls import call_trailer
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.scopes import in_try_statement
from workers.rewriting.typerefs import is_builtin_use

NOTE = ("the file builtin is gone on Python 3 (a NameError here): a type test wants io.IOBase there "
        "(file on 2.7), a subclass of file wraps an open() object instead, and a feature test such as "
        "hasattr(file, 'newlines') is true on 2.7 only")


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        return (node.value == "file" and call_trailer(node) is None and is_builtin_use(node)
                and not in_try_statement(node))

    def note(self, node):
        return NOTE


class FileTypeNotes(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 77
    reports_only = True
    trigger = r"\bfile\b"
    summary = "Report the file builtin used as a type or value (not rewritten)"
    explanation = (
        "`file(...)` calls become `open(...)` (file_builtin); `file` used as a value has no single "
        "2+3 form: `isinstance(x, file)` means io.IOBase on 3, a class deriving from file must wrap "
        "the object open() returns, and `hasattr(file, ...)` feature tests were about 2.7's file type. "
        "Each use is listed; on Python 3 each raises NameError."
    )
    review_hint = "Decide per use what the file type stood for; `six.PY2` can keep 2.7's branch as it was."
    risk = NEEDS_REVIEW


FIXER = FileTypeNotes()
