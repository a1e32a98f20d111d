"""`0755` → `0o755`."""
import re

from fissix.pgen2 import token

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer

_OLD_OCTAL = re.compile(r"0[0-7]*[1-7][0-7]*[lL]?\Z")


class _Impl(TreeFixer):
    _accept_type = token.NUMBER

    def match(self, node):
        return bool(_OLD_OCTAL.match(node.value))

    def transform(self, node, results):
        node.value = "0o" + node.value[1:]
        node.changed()


class OctalLiterals(FissixFixer):
    tree_fixer = _Impl
    order = 60
    summary = "Write octal literals as 0o755"
    explanation = (
        "Rewrites old-style octal literals such as `0755` as `0o755`. Python 2.6+ accepts the `0o` "
        "prefix with the same value, and Python 3 accepts only that spelling. Literals like `0`, "
        "`00` and `0.5` are left alone."
    )
    risk = SAFE


FIXER = OctalLiterals()
