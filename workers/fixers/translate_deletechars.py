"""`s.translate(None, chars)` → `(s.translate(None, chars) if isinstance(s, bytes) else
s.translate({ord(c): None for c in chars}))`, for the tables that map every byte to itself.

Python 2's str.translate(table, deletechars) deletes characters; Python 3's str.translate takes
one mapping (bytes.translate keeps both arguments). With an identity table (None,
`string.maketrans('', '')`, `''.join(chr(i) for i in range(256))`, or a module-level name bound
once to one of those) the call only deletes, which a mapping to None says on 3.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, is_call
from workers.rewriting.scopes import binding_nodes, root_of
from workers.rewriting.typerefs import expression

IDENTITY_TABLES = {"None", "string.maketrans('','')", 'string.maketrans("","")', "maketrans('','')",
                   'maketrans("","")'}


def _compact(node):
    return "".join(str(node).split())


def _is_identity_expression(node):
    """None, maketrans('', ''), or ''.join(chr(x) for x in (x)range(256)) / map(chr, (x)range(256))."""
    text = _compact(node)
    if text in IDENTITY_TABLES:
        return True
    for join in ("''.join(", '"".join('):
        if text.startswith(join) and text.endswith(")"):
            inner = text[len(join):-1]
            for loop in ("range(256)", "xrange(256)"):
                if inner == "map(chr,%s)" % loop or (inner.startswith("chr(") and inner.endswith("in%s" % loop)):
                    return True
    return False


def _is_identity_table(node):
    if node.type == token.NAME and node.value != "None":
        return _module_name_bound_to_identity(root_of(node), node.value)
    return _is_identity_expression(node)


def _module_name_bound_to_identity(tree, name):
    """A module-level name whose only binding is `name = <identity table>`."""
    bindings = binding_nodes(tree).get(name, ())
    if len(bindings) != 1:
        return False
    stmt = bindings[0]
    if stmt.type != syms.expr_stmt or len(stmt.children) != 3 or stmt.children[1].type != token.EQUAL:
        return False
    target = stmt.children[0]
    return target.type == token.NAME and target.value == name and _is_identity_expression(stmt.children[2])


def _is_plain_receiver(children):
    """A name or a dotted name: evaluated twice without another effect."""
    return children[0].type == token.NAME and all(
        attr_trailer_name(child) is not None for child in children[1:])


def _already_split(node):
    """The bytes branch of this fixer's own conditional."""
    parent = node.parent
    receiver = "".join(_compact(child) for child in node.children[:-2])
    return parent is not None and parent.type == syms.test and parent.children[0] is node and \
        _compact(parent.children[2]) == "isinstance(%s,bytes)" % receiver


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        children = node.children
        if len(children) < 3 or attr_trailer_name(children[-2]) != "translate" or not is_call(children[-1]):
            return False
        arguments = argument_nodes(children[-1])
        if len(arguments) != 2 or any(a.type == syms.argument or str(a).lstrip().startswith("*") for a in arguments):
            return False
        return _is_plain_receiver(children[:-2]) and _is_identity_table(arguments[0]) and not _already_split(node)

    def transform(self, node, results):
        receiver = "".join(str(child) for child in node.children[:-2]).strip()
        call = str(node).strip()
        deleted = str(argument_nodes(node.children[-1])[1]).strip()
        text = "(%s if isinstance(%s, bytes) else %s.translate({ord(c): None for c in %s}))" % (
            call, receiver, receiver, deleted)
        return expression(text, prefix=node.prefix)


class TranslateDeletechars(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 34
    trigger = r"\.translate\s*\("
    summary = "Make str.translate(table, deletechars) with an identity table delete characters on 3 too"
    explanation = (
        "Python 2's `s.translate(None, chars)` (or any table mapping every byte to itself: "
        "`string.maketrans('', '')`, `''.join(chr(i) for i in range(256))`, or a module-level name bound "
        "once to one) deletes `chars`; Python 3's str.translate takes one mapping and raises TypeError "
        "for two arguments. The call becomes `(s.translate(None, chars) if isinstance(s, bytes) else "
        "s.translate({ord(c): None for c in chars}))`: the very same call for a 2.7 str and a 3 bytes, "
        "deletion by mapping for text (a 2.7 unicode receiver, which raised TypeError before, now "
        "deletes too). Only a plain or dotted name as receiver: it is evaluated in the test and the branch."
    )
    review_hint = "On 3 `chars` must be text when the receiver is text."
    risk = SAFE


FIXER = TranslateDeletechars()
