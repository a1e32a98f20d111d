"""`file(...)` calls → `open(...)`."""
from fissix.pgen2 import token

from workers.rewriting.builtin_calls import call_trailer
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import is_bound_around, refers_to_builtin


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        return (node.value == "file" and call_trailer(node) is not None and refers_to_builtin(node)
                and not is_bound_around(node, "open"))

    def transform(self, node, results):
        node.value = "open"
        node.changed()


class FileBuiltin(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 24
    trigger = r"\bfile\s*\("
    summary = "Replace file(...) calls with open(...)"
    explanation = (
        "The `file` builtin is gone in Python 3. On 2.7 `open(name, mode, buffering)` takes the same "
        "arguments and returns the same file object as `file(...)`, so calls become `open(...)`. A "
        "module or function that defines or imports its own `file` (or its own `open`), `obj.file(...)`, "
        "`file=` keywords and parameters named `file` are left alone. `file` used as a type "
        "(`isinstance(f, file)`, `class F(file)`) is not a call and is not guessed at."
    )
    review_hint = (
        "On Python 3 `open()` in text mode returns str decoded with the locale encoding, like every "
        "other open() call in the code; `isinstance(x, file)` and subclasses of `file` still need a hand."
    )
    risk = SAFE


FIXER = FileBuiltin()
