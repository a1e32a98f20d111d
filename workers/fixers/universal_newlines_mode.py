"""`open(f, 'U')` / `open(f, 'rU')` → `open(f, 'rU' if six.PY2 else 'r')`."""
from fissix.pgen2 import token

from workers.rewriting.builtin_calls import call_arguments, call_trailer
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.parsing import parse
from workers.rewriting.scopes import refers_to_builtin


def _mode_argument(leaf):
    """The mode string literal of a builtin `open(...)` call at leaf, when it asks for universal newlines."""
    if leaf.value != "open" or not refers_to_builtin(leaf):
        return None
    trailer = call_trailer(leaf)
    found = call_arguments(trailer) if trailer is not None else None
    if found is None:
        return None
    positional, keywords = found
    if len(positional) >= 2:
        mode = positional[1]
    elif "mode" in keywords:
        mode = keywords["mode"].children[2]
    else:
        return None
    if mode.type != token.STRING or not _universal(mode.value):
        return None
    return mode


def _universal(literal):
    """'U', 'rU', 'Ub' …: a plain literal mode with U (gone on 3.11, where text mode does the same)."""
    quote = literal.lstrip("rRbBuU")[:1]
    body = literal[literal.index(quote):].strip("'\"")
    prefix = literal[:literal.index(quote)]
    return prefix.lower() in ("", "u", "b") and "U" in body and set(body) <= set("rUbt")


def _replacement(mode):
    """`'rU' if six.PY2 else 'r'`: the same mode on 2.7, and on 3 the text mode that already
    translates newlines."""
    quote = mode.value.lstrip("rRbBuU")[0]
    body = mode.value[mode.value.index(quote):].strip("'\"")
    py3 = body.replace("U", "") or "r"
    node = parse("x = %s if six.PY2 else %s\n" % (mode.value, quote + py3 + quote)).children[0].children[0].children[2]
    node.remove()
    node.prefix = mode.prefix
    return node


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        return _mode_argument(node) is not None

    def transform(self, node, results):
        mode = _mode_argument(node)
        mode.replace(_replacement(mode))
        self.needs_six = True


class UniversalNewlinesMode(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 25
    trigger = r"""['"][rbt]*U[rbt]*['"]"""
    summary = "Keep open(f, 'U') universal newlines on 2.7 without the 'U' Python 3.11 rejects"
    explanation = (
        "Python 3.11 removed the 'U' mode character (`ValueError: invalid mode: 'U'`): text mode "
        "translates every newline convention to '\\n' there already. On 2.7 'U' is what turns that "
        "translation on. `open(f, 'U')` becomes `open(f, 'U' if six.PY2 else 'r')` (`'rbU'`: `'rb'` on 3), the same mode on "
        "2.7 and the equivalent one on 3."
    )
    review_hint = "Nothing special: the same mode on 2.7."
    risk = SAFE
    requires = ("six",)


FIXER = UniversalNewlinesMode()
