"""`message_from_string(text.encode(charset))` → `message_from_string(six.ensure_str(text, charset))`.

email's string parsers take the native str: bytes on 2.7, text on 3. Python 2 code encodes its
unicode to get there (Babel's catalog parses its header message so), which on 3 hands the parser
bytes: TypeError. six.ensure_str(text, charset) is that same `encode` on 2.7 and the text itself
on 3. Only `email.message_from_string` (as `email.message_from_string` of a module-level
`import email`, or bound by `from email import message_from_string`) given `<expr>.encode(…)`.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import scopes
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, is_call
from workers.rewriting.typerefs import expression

PARSER = "message_from_string"


def _is_email_parser(children):
    """Whether the power's head (children[0], maybe with `.message_from_string`) names email's parser."""
    head = children[0]
    if head.type != token.NAME or scopes.in_import(head):
        return False
    meaning = scopes.meaning(head)
    if len(children) == 2:
        return head.value == PARSER and meaning.kind == scopes.FROM_IMPORT and meaning.module == "email" \
            and meaning.name == PARSER
    return attr_trailer_name(children[1]) == PARSER and meaning.kind == scopes.MODULE and meaning.module == "email"


def _encoded_text(argument):
    """(the encoded expression's nodes, the encode call's arguments) for `<expr>.encode(…)`, else None."""
    if argument.type != syms.power or len(argument.children) < 3:
        return None
    *head, method, call = argument.children
    if attr_trailer_name(method) != "encode" or not is_call(call):
        return None
    encode_args = argument_nodes(call)
    if len(encode_args) > 2 or any(arg.type in (syms.argument, token.STAR, token.DOUBLESTAR) for arg in encode_args):
        return None
    return head, encode_args


def _encoded_argument(node):
    children = node.children
    if len(children) not in (2, 3) or not is_call(children[-1]) or not _is_email_parser(children):
        return None
    arguments = argument_nodes(children[-1])
    if len(arguments) != 1 or _encoded_text(arguments[0]) is None:
        return None
    return arguments[0]


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        argument = _encoded_argument(node)
        return {"argument": argument} if argument is not None else False

    def transform(self, node, results):
        argument = results["argument"]
        head, encode_args = _encoded_text(argument)
        text = "".join(str(part) for part in head).strip()
        extra = "".join(", " + str(arg).strip() for arg in encode_args)
        argument.replace(expression("six.ensure_str(%s%s)" % (text, extra), prefix=argument.prefix))
        self.needs_six = True


class EmailNativeStr(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 53
    trigger = r"\bmessage_from_string\b"
    summary = "Give email.message_from_string the native str it parses on both versions"
    explanation = (
        "email.message_from_string takes the native str: bytes on 2.7, text on 3. Python 2 code "
        "encodes its unicode to get one, which hands the parser bytes on 3 (TypeError). "
        "`message_from_string(text.encode(charset))` becomes "
        "`message_from_string(six.ensure_str(text, charset))`: the same encode on 2.7, the text "
        "itself on 3."
    )
    review_hint = ("On 2.7 a byte string given to `.encode()` was decoded as ASCII first (and failed on "
                   "non-ASCII bytes), and `.encode()` with no codec was ASCII: six.ensure_str passes bytes "
                   "through and encodes UTF-8 by default.")
    risk = SAFE
    requires = ("six",)


FIXER = EmailNativeStr()
