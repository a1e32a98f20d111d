"""`raw_input` keeps its name and gets a Python 3 definition; Python 2 `input(p)` → `eval(raw_input(p))`.

The module gains, after its imports,

    try:
        raw_input
    except NameError:  # Python 3
        raw_input = input

On 2.7 nothing is assigned, so every `raw_input(...)` still looks the builtin up when it runs:
tests that patch `__builtin__.raw_input` (Fabric's prompts) keep working, which an import of
`six.moves.input` (bound once, at import time) would break. On 3 the name is the builtin `input`.
"""
from fissix.pgen2 import token

from workers.rewriting import analysis
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.builtin_calls import call_trailer, root_of, wrap_call
from workers.rewriting.imports import define_for_python3
from workers.rewriting.scopes import module_binds, refers_to_builtin



def _left_alone(tree):
    """A module that passes the builtin `input` around without calling it (nothing can wrap that in
    eval), or binds its own `input` at module level (the shim would pick it up)."""
    return analysis.cached(tree, "raw_input.left_alone", lambda: module_binds(tree, "input") or any(
        leaf.type == token.NAME and leaf.value == "input" and call_trailer(leaf) is None and refers_to_builtin(leaf)
        for leaf in tree.leaves()))


class _Impl(TreeFixer):
    _accept_type = token.NAME
    _accept_values = frozenset({"raw_input", "input"})

    def match(self, node):
        if node.value == "raw_input":
            ok = refers_to_builtin(node)
        elif node.value == "input":
            ok = call_trailer(node) is not None and refers_to_builtin(node)
        else:
            return False
        return ok and not _left_alone(root_of(node))

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        _left_alone(tree)  # decided on the tree as it is before any change

    def transform(self, node, results):
        if node.value == "input":
            node.value = "raw_input"
            node.changed()
            wrap_call(node, "eval")
        # a raw_input reference stays as it is: the shim gives it a meaning on Python 3

    def after_fix(self, tree):
        define_for_python3(tree, "raw_input", "input")


class RawInput(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\braw_input\b|\binput\s*\("
    summary = "Give raw_input a Python 3 meaning, and turn Python 2 input() into eval(raw_input())"
    explanation = (
        "Python 3's `input()` is Python 2's `raw_input()`, and Python 2's `input()` evaluated what was "
        "typed. The module gets a four-line definition after its imports: `raw_input = input` on "
        "Python 3 only. On 2.7 nothing changes: `raw_input(...)` still finds the builtin when it runs, "
        "so code and tests that patch `__builtin__.raw_input` behave as before (an import of "
        "`six.moves.input` would bind it once, at import time). A Python 2 `input(p)` becomes "
        "`eval(raw_input(p))`, exactly what it did. A module that defines or imports its own "
        "`raw_input` or `input`, or passes the builtin `input` around without calling it, is left alone."
    )
    review_hint = (
        "eval(raw_input(...)) keeps Python 2's behaviour, including evaluating whatever the user types: "
        "consider replacing it with raw_input() plus a real parser (int(), float(), ast.literal_eval)."
    )
    risk = SAFE


FIXER = RawInput()
