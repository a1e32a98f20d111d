"""`basestring` → `six.string_types`."""
from fissix import pytree
from fissix.fixer_util import Attr, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.engine.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.names import refers_to_builtin


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        return node.value == "basestring" and refers_to_builtin(node)

    def transform(self, node, results):
        new = Attr(Name("six", prefix=node.prefix), Name("string_types"))
        parent = node.parent
        if parent.type == syms.power and parent.children[0] is node:
            node.replace(new)  # the head of `name(...)` / `name.attr`: its trailers follow
        else:  # a name on its own (`(int, name)`): `six.x` must stay one node, a power
            node.replace(pytree.Node(syms.power, new))

    def after_fix(self, tree):
        add_import(tree, "six")


class Basestring(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 30
    trigger = r"\bbasestring\b"
    summary = "Replace basestring with six.string_types"
    explanation = (
        "`basestring` does not exist on Python 3. `six.string_types` is `(basestring,)` on 2.7, so "
        "`isinstance(x, six.string_types)` accepts exactly what it accepted before, and `(str,)` on 3. "
        "Never plain `str`, which on 2.7 would stop accepting unicode text."
    )
    review_hint = "six.string_types is a tuple: code that called basestring(...) or subclassed it needs a hand."
    risk = SAFE
    requires = ("six",)


FIXER = Basestring()
