"""`os.getcwdu()` → `six.moves.getcwd()`."""
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.typerefs import expression, module_attribute, replace_head


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        attr = module_attribute(node, "os")
        return attr is not None and attr.value == "getcwdu"

    def transform(self, node, results):
        replace_head(node, [c.clone() for c in expression("six.moves.getcwd").children])

    def after_fix(self, tree):
        add_import(tree, "six")


class Getcwdu(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\bgetcwdu\b"
    summary = "Replace os.getcwdu() with six.moves.getcwd()"
    explanation = (
        "`os.getcwdu()` does not exist on Python 3. `six.moves.getcwd` *is* `os.getcwdu` on 2.7 and "
        "`os.getcwd` on 3, so it returns text on both. Never plain `os.getcwd()`, which returns bytes "
        "on 2.7 (what 2to3/futurize produce)."
    )
    review_hint = "Nothing special: the same function on 2.7."
    risk = SAFE
    requires = ("six",)


FIXER = Getcwdu()
