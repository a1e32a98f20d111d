"""`hasattr(x, 'iteritems')` → `hasattr(x, 'iteritems' if six.PY2 else 'items')`; `has_key` → `keys`."""
from fissix.pgen2 import token

from workers.rewriting.builtin_calls import call_arguments, call_trailer
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.parsing import parse
from workers.rewriting.scopes import refers_to_builtin

# The Python 2 dict methods whose name a mapping test asks for, and what a Python 3 mapping has instead.
# `has_key` (urllib2's and mechanize's "proxies must be a mapping" assertion): every mapping has keys.
RENAMED = {"iteritems": "items", "iterkeys": "keys", "itervalues": "values", "has_key": "keys"}


def _method_name(leaf):
    """The string literal naming a Python 2 dict iterator method in `hasattr(x, '…')` at leaf, or None."""
    if leaf.value != "hasattr" or not refers_to_builtin(leaf):
        return None
    trailer = call_trailer(leaf)
    found = call_arguments(trailer) if trailer is not None else None
    if found is None or len(found[0]) != 2 or found[1]:
        return None
    subject, name = found[0]
    if subject.type == token.NAME and subject.value in ("dict", "object") and refers_to_builtin(subject):
        return None  # `hasattr(dict, 'iterkeys')` asks which Python runs (Jinja2's context): keep it
    if name.type != token.STRING or name.value[:1] not in "'\"" or name.value.strip("'\"") not in RENAMED:
        return None
    return name


def _replacement(name):
    """`'iteritems' if six.PY2 else 'items'`: the same question on 2.7, a mapping's method on 3."""
    quote = name.value[0]
    py3 = quote + RENAMED[name.value.strip("'\"")] + quote
    node = parse("x = %s if six.PY2 else %s\n" % (name.value, py3)).children[0].children[0].children[2]
    node.remove()
    node.prefix = name.prefix
    return node


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        return _method_name(node) is not None

    def transform(self, node, results):
        name = _method_name(node)
        name.replace(_replacement(name))
        self.needs_six = True


class HasattrDictMethods(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 25
    trigger = r"""\bhasattr\b[^\n]*['"](?:iter(?:items|keys|values)|has_key)['"]"""
    trigger_on_code = False  # it looks inside string literals
    summary = "Ask a Python 3 mapping for items/keys/values where hasattr asks for iteritems/iterkeys/itervalues"
    explanation = (
        "`hasattr(x, 'iteritems')` tells a mapping from a sequence of pairs on 2.7; on 3 no dict has "
        "`iteritems`, so the test is always false there and the mapping is taken for a sequence. It "
        "becomes `hasattr(x, 'iteritems' if six.PY2 else 'items')` (and `iterkeys` / `itervalues` "
        "likewise, `has_key` with `keys`): the very same test on 2.7, the mapping's method on 3, where `six.iteritems(x)` "
        "calls `x.items()`. `hasattr(dict, 'iterkeys')` itself is a test of the Python version and is kept."
    )
    review_hint = "Nothing special: the same test on 2.7."
    risk = SAFE
    requires = ("six",)


FIXER = HasattrDictMethods()
