"""`open(f, 'U')` / `open(f, 'rU')` → `open(f, 'rU' if six.PY2 else 'r')`.

The same for `codecs.open(f, 'rU', …)` (3.11's codecs.open adds 'b' and hands the mode to open),
and for the default of a parameter passed as such a call's mode and never rebound (docutils'
`def __init__(self, …, mode='rU')` then `open(source_path, mode)`), and for a name passed as the
mode that only string literals are assigned to (dnspython's `opts = 'rU'`, `opts = 'r'`).
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


def _assigned_literals(name):
    """The string literals of `name = '…'`, when every binding of the name (a NAME use) is one:
    dnspython's `opts = 'rU'` (or `opts = 'r'` on older Pythons) then `file(f, opts)`; else []."""
    bindings = binding_statements(name, name.value)
    literals = []
    for stmt in bindings or ():
        if stmt is PARAMETER or stmt.type != syms.expr_stmt or len(stmt.children) != 3 \
                or stmt.children[1].type != token.EQUAL or stmt.children[0].type != token.NAME \
                or stmt.children[2].type != token.STRING:
            return []
        literals.append(stmt.children[2])
    return literals


def _mode_literals(mode):
    """The string literals that decide a mode argument: itself, the default of the parameter
    passed as the mode, or those assigned to the local name passed."""
    if mode.type != token.NAME:
        return [mode]
    default = _parameter_default(mode)
    return [default] if default is not None else _assigned_literals(mode)


def _mode_arguments(leaf):
    """The mode string literals of a builtin `open(...)` or `codecs.open(...)` call at leaf (see
    _mode_literals) that ask for universal newlines; [] when none does."""
    trailer = _open_trailer(leaf)
    mode = _mode_node(trailer) if trailer is not None else None
    if mode is None:
        return []
    return [node for node in _mode_literals(mode) if node.type == token.STRING and _universal(node.value)]


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


def _first_open_with(leaf, modes):
    """Whether no open call before this one (in its scope) has one of the same mode literals: a
    literal assigned to a name that two calls pass is one site, rewritten once."""
    scope = enclosing_scope(modes[0]) or leaf
    while scope.parent is not None and scope.type not in (syms.funcdef, syms.file_input):
        scope = scope.parent
    for other in scope.leaves():
        if other is leaf:
            return True
        if other.type == token.NAME and other.value == "open" and any(
                mode is seen for mode in modes for seen in _mode_arguments(other)):
            return False
    return True


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        modes = _mode_arguments(node)
        return bool(modes) and _first_open_with(node, modes)

    def transform(self, node, results):
        for mode in _mode_arguments(node):
            mode.replace(_replacement(mode))
        self.needs_six = True


class UniversalNewlinesMode(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 25
    trigger = r"""['"][rbt]*U[rbt]*['"]"""
    trigger_on_code = False  # it looks inside string literals
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
