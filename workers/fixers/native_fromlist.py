"""`__import__` fromlist items as native strings on 2.7 and 3.

For a package, both interpreters refuse a fromlist item that is not the native `str`: 2.7 says
"Item in ``from list'' must be str, not unicode", 3 "Item in from list must be str, not bytes".
Python 2 code made the item native by encoding it (Werkzeug's import_string):

    if isinstance(obj, unicode):
        obj = obj.encode('utf-8')
    return getattr(__import__(module, None, None, [obj]), obj)

Once `unicode` is `six.text_type`, that guard makes `obj` bytes on 3, and both `__import__` and
`getattr` refuse it. The encoding inside such a guard, for a name the same function passes in a
fromlist, becomes `six.ensure_str(obj, 'utf-8')`: on 2.7 the value is unicode there, so it is
`obj.encode('utf-8')` exactly; on 3 it is text, returned unchanged. A prefixed literal item
(`b'x'`, `u'x'`) loses its prefix; in a module with unicode_literals a plain literal item becomes
`str('x')`. Other items are left alone: a name that is native on 2.7 is native on 3.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import has_future_feature
from workers.rewriting.scopes import enclosing_scope, is_bound_around, refers_to_builtin, root_of
from workers.rewriting.typerefs import expression

FROMLIST_POSITION = 3  # __import__(name, globals, locals, fromlist, level)


def _arguments(trailer):
    """The argument nodes of a call trailer `( … )`, or None when it is not a call."""
    if trailer.type != syms.trailer or trailer.children[0].type != token.LPAR:
        return None
    return argument_nodes(trailer)


def _unpacks(arg):
    return arg.type in (syms.star_expr, token.STAR, token.DOUBLESTAR) or (
        arg.type == syms.argument and arg.children[0].type in (token.STAR, token.DOUBLESTAR))


def _fromlist(power):
    """The fromlist argument of a call to the builtin `__import__`, or None."""
    head = power.children[0]
    if head.type != token.NAME or head.value != "__import__":
        return None
    args = _arguments(power.children[1])
    if not args or any(_unpacks(arg) for arg in args) or not refers_to_builtin(head):
        return None
    for arg in args:
        if arg.type == syms.argument and arg.children[0].type == token.NAME and arg.children[0].value == "fromlist":
            return arg.children[2]
    positional = [arg for arg in args if arg.type != syms.argument]
    return positional[FROMLIST_POSITION] if len(positional) > FROMLIST_POSITION else None


def _items(display):
    """The items of a list or tuple display, or [] for anything else (a name, a comprehension)."""
    if display is None or display.type != syms.atom or display.children[0].type not in (token.LSQB, token.LPAR):
        return []
    if len(display.children) == 2:
        return []
    inner = display.children[1]
    if inner.type in (syms.listmaker, syms.testlist_gexp):
        if any(child.type == syms.comp_for for child in inner.children):
            return []
        return [child for child in inner.children if child.type != token.COMMA]
    if display.children[0].type == token.LPAR:
        return []  # `(x)` is x itself, not a tuple
    return [inner]


def fromlist_items(power):
    return _items(_fromlist(power)) if power.type == syms.power else []


# ---------------------------------------------------------------- literal items

def _prefix(literal):
    value = literal.value
    return value[:len(value) - len(value.lstrip("bBuUrR"))]


def _literal_change(item, unicode_literals):
    """"drop prefix", "str()" or None (already native, or not a literal we decide)."""
    if item.type != token.STRING:
        return None
    letters = _prefix(item).lower()
    if letters == "ur":
        return None  # unicode_raw_literals decides what `ur''` means
    if "b" in letters or "u" in letters:
        return "drop prefix" if not unicode_literals else None
    if unicode_literals and item.value.isascii() and not is_bound_around(item, "str"):
        return "str()"
    return None


def _literal_changes(power):
    items = fromlist_items(power)
    if not items:
        return []
    unicode_literals = has_future_feature(root_of(power), "unicode_literals")
    return [(item, change) for item in items for change in [_literal_change(item, unicode_literals)] if change]


def _rewrite_literal(item, change):
    if change == "drop prefix":
        prefix = _prefix(item)
        item.value = "".join(c for c in prefix if c in "rR") + item.value[len(prefix):]
        item.changed()
        return
    item.replace(expression("str(%s)" % item.value, prefix=item.prefix))


# ---------------------------------------------------------------- `x = x.encode(...)` under a unicode guard

def _is_text_type(node):
    if node.type == token.NAME:
        return node.value == "unicode" and refers_to_builtin(node)
    return node.type == syms.power and str(node).strip() == "six.text_type"


def _guarded_name(if_stmt):
    """NAME when the if statement's first test is `isinstance(NAME, unicode / six.text_type)`."""
    test = if_stmt.children[1]
    if test.type != syms.power or len(test.children) != 2 or test.children[0].type != token.NAME:
        return None
    if test.children[0].value != "isinstance" or not refers_to_builtin(test.children[0]):
        return None
    args = _arguments(test.children[1])
    if not args or len(args) != 2 or args[0].type != token.NAME or not _is_text_type(args[1]):
        return None
    return args[0].value


def _guarding_if(stmt):
    """The if statement whose first branch holds `stmt` (an expr_stmt) directly, or None."""
    node = stmt.parent  # simple_stmt
    if node is None or node.type != syms.simple_stmt:
        return None
    parent = node.parent
    if parent is not None and parent.type == syms.suite:
        parent = parent.parent
        node = node.parent
    if parent is None or parent.type != syms.if_stmt or len(parent.children) < 4 or parent.children[3] is not node:
        return None
    return parent


def _encoded_name(power):
    """NAME for `NAME = NAME.encode(args…)` (with arguments) standing directly under an
    `if isinstance(NAME, unicode):`; else None."""
    children = power.children
    if len(children) != 3 or children[0].type != token.NAME or str(children[1]).strip() != ".encode":
        return None
    args = _arguments(children[2])
    if not args or any(_unpacks(arg) for arg in args):
        return None
    stmt = power.parent
    if stmt is None or stmt.type != syms.expr_stmt or len(stmt.children) != 3 or stmt.children[2] is not power:
        return None
    target = stmt.children[0]
    name = children[0].value
    if target.type != token.NAME or target.value != name or stmt.children[1].type != token.EQUAL:
        return None
    guard = _guarding_if(stmt)
    return name if guard is not None and _guarded_name(guard) == name else None


def _fed_to_fromlist(power, name):
    """Whether the function (or module) holding `power` passes `name` in an __import__ fromlist."""
    scope = enclosing_scope(power)
    return scope is not None and any(
        item.type == token.NAME and item.value == name and enclosing_scope(item) is scope
        for node in scope.pre_order() if node.type == syms.power for item in fromlist_items(node))


def _is_native_encoding(power):
    name = _encoded_name(power) if power.type == syms.power else None
    return name is not None and _fed_to_fromlist(power, name)


def _rewrite_encoding(power):
    name, arguments = power.children[0].value, str(power.children[2].children[1]).strip()
    power.replace(expression("six.ensure_str(%s, %s)" % (name, arguments), prefix=power.prefix))


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        changes = _literal_changes(node)
        if changes:
            return {"literals": changes}
        if _is_native_encoding(node):
            return {"encoding": True}
        return False

    def transform(self, node, results):
        if "encoding" in results:
            _rewrite_encoding(node)
            self.needs_six = True
            return
        for item, change in results["literals"]:
            _rewrite_literal(item, change)


class NativeFromlist(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 47
    trigger = r"\b__import__\s*\("
    summary = "Make __import__ fromlist items native strings on 2.7 and 3"
    explanation = (
        "For a package, `__import__` accepts only native strings in its fromlist: 2.7 refuses "
        "unicode, 3 refuses bytes (\"Item in from list must be str, not bytes\"). Python 2 code made "
        "an item native with `if isinstance(obj, unicode): obj = obj.encode('utf-8')`, which makes it "
        "bytes on 3. That encoding, for a name the same function passes in a fromlist, becomes "
        "`six.ensure_str(obj, 'utf-8')`: the same encode on 2.7 (the value is unicode there), the text "
        "unchanged on 3. `b'x'` and `u'x'` items lose their prefix; under unicode_literals a plain "
        "literal item becomes `str('x')`."
    )
    review_hint = "The encoded name should be used as a native string (an attribute or module name) after the guard."
    risk = SAFE
    requires = ("six",)


FIXER = NativeFromlist()
