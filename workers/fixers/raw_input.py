"""`raw_input(p)` → `input(p)` + `from six.moves import input`; Python 2 `input(p)` → `eval(input(p))`."""
from fissix.pgen2 import token

from workers.rewriting.builtin_calls import (
    call_trailer, forget_bindings, moves_form, replace_name_with_dotted, root_of, wrap_call)
from workers.engine.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_from_import, add_import
from workers.rewriting.names import refers_to_builtin

_UNSAFE = "_py3bridge_bare_input"


def _has_bare_input(tree):
    """A use of the builtin `input` that is not a call (`ask = input`): the six.moves import would
    turn it into raw_input on 2.7, and nothing local can wrap it in eval. Such modules are left alone."""
    cached = tree.__dict__.get(_UNSAFE)
    if cached is None:
        cached = any(
            leaf.type == token.NAME and leaf.value == "input" and call_trailer(leaf) is None
            and refers_to_builtin(leaf) for leaf in tree.leaves())
        setattr(tree, _UNSAFE, cached)
    return cached


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        if node.value == "raw_input":
            ok = refers_to_builtin(node)
        elif node.value == "input":
            ok = call_trailer(node) is not None and refers_to_builtin(node)
        else:
            return False
        return ok and not _has_bare_input(root_of(node))

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        tree.__dict__.pop(_UNSAFE, None)
        _has_bare_input(tree)  # decided on the tree as it is before any rename
        self.imports = set()

    def transform(self, node, results):
        if node.value == "input":
            # refers_to_builtin: nothing around binds `input`, so the module-level import reaches it.
            wrap_call(node, "eval")
            self.imports.add("plain")
        elif moves_form(node, "input") == "plain":
            node.value = "input"
            node.changed()
            self.imports.add("plain")
        else:
            replace_name_with_dotted(node, "six.moves.input")
            self.imports.add("attr")

    def after_fix(self, tree):
        if "plain" in self.imports:
            add_from_import(tree, "six.moves", "input")
        if "attr" in self.imports:
            add_import(tree, "six")
        forget_bindings(tree)
        tree.__dict__.pop(_UNSAFE, None)


class RawInput(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\braw_input\b|\binput\s*\("
    summary = "Replace raw_input() with six.moves input(), and Python 2 input() with eval(input())"
    explanation = (
        "Python 3's `input()` is Python 2's `raw_input()`, and Python 2's `input()` evaluated what "
        "was typed. With `from six.moves import input` (raw_input on 2.7, the builtin on 3), "
        "`raw_input(p)` becomes `input(p)` and a Python 2 `input(p)` becomes `eval(input(p))`, which "
        "is exactly what it did on 2.7. Both are done together because the import changes what "
        "`input` means. Where a local name `input` is in the way, `six.moves.input` is spelled out. "
        "A module that defines or imports its own `input`/`raw_input` is left alone, and so is a "
        "module that passes the builtin `input` around without calling it."
    )
    review_hint = (
        "eval(input(...)) keeps Python 2's behaviour, including evaluating whatever the user types: "
        "consider replacing it with input() plus a real parser (int(), float(), ast.literal_eval)."
    )
    risk = SAFE
    requires = ("six",)


FIXER = RawInput()
