"""`open(f, 'U')` / `open(f, 'rU')` → `open(f, 'rU' if six.PY2 else 'r')`.

The same for `codecs.open(f, 'rU', …)` (3.11's codecs.open adds 'b' and hands the mode to open),
and for the default of a parameter passed as such a call's mode and never rebound (docutils'
`def __init__(self, …, mode='rU')` then `open(source_path, mode)`).
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import argument_nodes, call_arguments, call_trailer
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.parsing import parse
from workers.rewriting.scopes import PARAMETER, binding_statements, enclosing_scope, refers_to_builtin
from workers.rewriting.typerefs import refers_to_module


def _codecs_open_trailer(leaf):
    """The call trailer of `codecs.open(...)` when leaf is its `open`, else None."""
    trailer = leaf.parent
    if trailer is None or trailer.type != syms.trailer or trailer.children[0].type != token.DOT:
        return None
    power = trailer.parent
    if power.type != syms.power or len(power.children) < 3 or power.children[1] is not trailer:
        return None
    call = power.children[2]
    if not refers_to_module(power.children[0], "codecs") or call.type != syms.trailer or (
            call.children[0].type != token.LPAR):
        return None
    return call


def _open_trailer(leaf):
    if leaf.value != "open":
        return None
    if refers_to_builtin(leaf):
        return call_trailer(leaf)
    return _codecs_open_trailer(leaf)


def _parameter_default(name):
    """The default value of the parameter `name` (a NAME use) of the function around it, when
    nothing else in the function binds that name; else None."""
    function = enclosing_scope(name)
    if function is None or function.type != syms.funcdef or binding_statements(name, name.value) != [PARAMETER]:
        return None
    for leaf in function.children[2].leaves():
        if leaf.type == token.NAME and leaf.value == name.value and leaf.parent.type == syms.typedargslist:
            after = leaf.next_sibling
            return after.next_sibling if after is not None and after.type == token.EQUAL else None
    return None


def _mode_node(trailer):
    """The mode argument of an open call: the second positional one (even when `**kwargs` follow,
    as in `open(path, mode, **kwargs)`) or `mode=`; None when unknown."""
    found = call_arguments(trailer)
    if found is not None:
        positional, keywords = found
        return positional[1] if len(positional) >= 2 else keywords["mode"].children[2] if "mode" in keywords else None
    leading = []
    for arg in argument_nodes(trailer):
        if arg.type in (syms.argument, syms.star_expr, token.STAR, token.DOUBLESTAR):
            break
        leading.append(arg)
    return leading[1] if len(leading) >= 2 else None


def _mode_argument(leaf):
    """The mode string literal of a builtin `open(...)` or `codecs.open(...)` call at leaf (or the
    default of the parameter passed as its mode), when it asks for universal newlines."""
    trailer = _open_trailer(leaf)
    mode = _mode_node(trailer) if trailer is not None else None
    if mode is not None and mode.type == token.NAME:
        mode = _parameter_default(mode)
    if mode is None or mode.type != token.STRING or not _universal(mode.value):
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
