"""`if isinstance(x, str): x = x.decode(…)` (or `unicode(x, …)`) → `if isinstance(x, bytes): …`.

The Python 2 idiom turning a byte string into text: on 3 a str is already text and has no
`decode`, so the branch raises AttributeError there. `bytes` is `str` on 2.7 (the very same
test), and on 3 the branch runs for the byte strings it was written for. Also the condition of
`x.decode(…) if isinstance(x, str) else x`, and the exact-type checks `type(x) == type("")` and
`type(x) == str` (`is` too), which become `type(x) == type(b"")` / `type(x) == bytes`. The types
module's name for str, `types.StringType`, is read as `str` (types_module, later, would make it `str`).
"""
from fissix.fixer_util import Leaf, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import argument_nodes, call_trailer
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.iteration_context import text_of, unparenthesize_up
from workers.rewriting.protocols import attr_trailer_name, is_call
from workers.rewriting.scopes import refers_to_builtin
from workers.rewriting.typerefs import from_import_origin, module_attribute


def _names_str(node):
    """`str`, or the types module's name for it: `types.StringType`, `StringType` imported from types."""
    if node.type == token.NAME:
        if node.value == "str":
            return refers_to_builtin(node)
        return from_import_origin(node, "types") == "StringType"
    if node.type != syms.power or len(node.children) != 2:
        return False
    attr = module_attribute(node, "types")
    return attr is not None and attr.value == "StringType"


def _checked_str(leaf):
    """The `str` leaf of `isinstance(x, str)` at the `isinstance` leaf, with x's text; else None."""
    if leaf.value != "isinstance" or not refers_to_builtin(leaf):
        return None
    trailer = call_trailer(leaf)
    args = argument_nodes(trailer) if trailer is not None else []
    if len(args) != 2 or not _names_str(args[1]):
        return None
    if args[0].type not in (token.NAME, syms.power):
        return None
    return args[1], text_of(args[0])


def _guarded(check):
    """The code that runs only when the check (a whole `isinstance(...)` call) is true: the body of
    `if`/`elif`, or the value before `if` of a conditional expression; else None."""
    node = unparenthesize_up(check)
    parent = node.parent
    if parent is None:
        return None
    if parent.type == syms.if_stmt:
        index = parent.children.index(node)
        keyword = parent.children[index - 1]
        return parent.children[index + 2] if keyword.type == token.NAME and keyword.value in ("if", "elif") else None
    if parent.type == syms.test and len(parent.children) == 5 and parent.children[2] is node:
        return parent.children[0]
    return None


def _decodes(region, receiver):
    """Whether `<receiver>.decode(…)`, or `unicode(<receiver>, encoding…)`, is called in region."""
    powers = [region] if region.type == syms.power else []
    powers.extend(node for node in region.pre_order() if node.type == syms.power and node is not region)
    for power in powers:
        children = power.children
        if _decoding_constructor(children, receiver):
            return True
        for index in range(1, len(children) - 1):
            if attr_trailer_name(children[index]) == "decode" and is_call(children[index + 1]) and \
                    "".join(text_of(child) for child in children[:index]) == receiver:
                return True
    return False


def _decoding_constructor(children, receiver):
    """`unicode(receiver, encoding…)` / `six.text_type(receiver, encoding…)`: a decode too (on 3
    str(text, encoding) raises TypeError, as text.decode raises AttributeError)."""
    head = "".join(text_of(child) for child in children[:-1])
    if head not in ("unicode", "six.text_type") or not is_call(children[-1]):
        return False
    if head == "unicode" and not refers_to_builtin(children[0]):
        return False
    args = argument_nodes(children[-1])
    return len(args) >= 2 and args[0].type != syms.argument and text_of(args[0]) == receiver


def _str_to_replace(leaf):
    found = _checked_str(leaf)
    if found is None:
        return None
    name, receiver = found
    region = _guarded(leaf.parent)
    return name if region is not None and _decodes(region, receiver) else None


def _str_type(node):
    """The node naming str's type in `… == str` / `… == type("")`: the `str` leaf or the `""` literal."""
    if _names_str(node):
        return node
    if node.type == syms.power and len(node.children) == 2 and node.children[0].type == token.NAME \
            and node.children[0].value == "type" and refers_to_builtin(node.children[0]):
        args = argument_nodes(node.children[1])
        if len(args) == 1 and args[0].type == token.STRING and args[0].value in ('""', "''"):
            return args[0]
    return None


def _type_check_to_replace(leaf):
    """For the `type` leaf of `type(x) == type("")` / `type(x) is str` guarding `x.decode(…)`: the
    node to make bytes (the `""` literal or the `str` leaf); else None."""
    power = leaf.parent
    if leaf.value != "type" or power is None or power.type != syms.power or power.children[0] is not leaf \
            or len(power.children) != 2 or not refers_to_builtin(leaf):
        return None
    comparison = power.parent
    if comparison is None or comparison.type != syms.comparison or len(comparison.children) != 3 \
            or comparison.children[0] is not power or str(comparison.children[1]).strip() not in ("==", "is"):
        return None
    args = argument_nodes(power.children[1])
    target = _str_type(comparison.children[2])
    if len(args) != 1 or args[0].type not in (token.NAME, syms.power) or target is None:
        return None
    region = _guarded(comparison)
    return target if region is not None and _decodes(region, text_of(args[0])) else None


def _bytes_form(node):
    if node.type != token.STRING:
        return Name("bytes", prefix=node.prefix)
    return Leaf(token.STRING, "b" + node.value, prefix=node.prefix)


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        return _str_to_replace(node) is not None or _type_check_to_replace(node) is not None

    def transform(self, node, results):
        name = _str_to_replace(node)
        if name is not None:
            name.replace(Name("bytes", prefix=name.prefix))
            return
        target = _type_check_to_replace(node)
        target.replace(_bytes_form(target))


class StrCheckBeforeDecode(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 25
    trigger = r"\b(?:str|StringType)\s*\)|\btype\s*\("  # `isinstance(` may end its line
    summary = "Test for bytes, not str, before decoding: `if isinstance(x, str): x = x.decode(…)`"
    explanation = (
        "`if isinstance(x, str): x = x.decode('utf-8')` turns a Python 2 byte string into text. On 3 a "
        "str is text already and has no `decode`: the branch raises AttributeError. The check becomes "
        "`isinstance(x, bytes)`, the very same test on 2.7 (`bytes` is `str` there), and on 3 the "
        "branch runs for byte strings only, as it was meant to. Only a check whose branch (the body of "
        "`if`/`elif`, or the value of `… if isinstance(x, str) else …`) decodes that same `x`. The "
        "exact-type checks `type(x) == type(\"\")` and `type(x) == str` become `type(b\"\")` and `bytes` alike."
    )
    review_hint = "Nothing special: the same test on 2.7."
    risk = SAFE


FIXER = StrCheckBeforeDecode()
