"""Lines of a file opened in binary mode, read as text → native str lines on Python 3 too.

Python 2 code opened data files with 'rb' and read their lines as str (pytz's zone.tab:
`for line in open_resource('zone.tab'): if line.startswith('#'): continue`). On 3 the lines are
bytes: `line.startswith('#')` raises TypeError. Where the loop's name is used as text (compared
with a native string literal, or given one to a str method such as startswith or split) and the
iterated file certainly is binary (`open(…, 'rb')` assigned to it, or a call of one of the
module's functions that returns one), the loop body starts with
`line = six.ensure_str(line, 'latin-1')`: nothing on 2.7 (the line already is a str), and on 3
the str with the line's bytes as its characters, as 2.7 had them.
"""
from fissix.fixer_util import find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.struct_text_fields import used_as_text
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.parsing import parse
from workers.rewriting.protocols import attr_trailer_name, is_call
from workers.rewriting.scopes import PARAMETER, binding_statements, refers_to_builtin, root_of

LINE_METHODS = frozenset({"readlines", "xreadlines"})
DECODE = "{name} = six.ensure_str({name}, 'latin-1')\n"


def _is_binary_open(node):
    """`open(path, '…b…')`, the builtin, with a literal mode holding b."""
    if node.type != syms.power or len(node.children) != 2 or node.children[0].type != token.NAME:
        return False
    head, call = node.children
    if head.value != "open" or not is_call(call) or not refers_to_builtin(head):
        return False
    args = argument_nodes(call)
    if len(args) < 2 or args[1].type != token.STRING or args[1].value[:1] not in "'\"":
        return False
    return "b" in args[1].value.strip("'\"")


def _returns_binary_file(function):
    """Some return statement of the function returns `open(…, 'rb')`."""
    return any(node.type == syms.return_stmt and len(node.children) == 2 and _is_binary_open(node.children[1])
               for node in function.pre_order())


def _module_function(tree, name):
    found = [child for child in tree.children if child.type == syms.funcdef and child.children[1].value == name]
    return found[0] if len(found) == 1 else None


def _is_binary_file_value(node):
    if _is_binary_open(node):
        return True
    if node.type != syms.power or len(node.children) != 2 or node.children[0].type != token.NAME:
        return False
    function = _module_function(root_of(node), node.children[0].value)
    return function is not None and is_call(node.children[1]) and _returns_binary_file(function)


def is_binary_file_name(leaf):
    """A NAME bound once, in its own function, to a binary file."""
    bound = binding_statements(leaf, leaf.value)
    if not bound or len(bound) != 1 or bound[0] is PARAMETER or bound[0].type != syms.expr_stmt:
        return False
    stmt = bound[0]
    return len(stmt.children) == 3 and stmt.children[0].type == token.NAME and _is_binary_file_value(stmt.children[2])


def _iterated_file(iterable):
    """The NAME of `f` or `f.readlines()` iterated by a for loop, or None."""
    if iterable.type == token.NAME:
        return iterable
    if iterable.type == syms.power and len(iterable.children) == 3 and iterable.children[0].type == token.NAME and (
            attr_trailer_name(iterable.children[1]) in LINE_METHODS and is_call(iterable.children[2])):
        return iterable.children[0]
    return None


def _text_loop_name(for_stmt):
    """The loop NAME when a for loop over a binary file's lines uses it as text; else None."""
    target, iterable, body = for_stmt.children[1], for_stmt.children[3], for_stmt.children[5]
    if target.type != token.NAME or body.type != syms.suite or len(for_stmt.children) != 6:
        return None
    name = _iterated_file(iterable)
    if name is None or not is_binary_file_name(name):
        return None
    used = any(leaf.type == token.NAME and leaf.value == target.value and used_as_text(leaf)
               for leaf in body.leaves())
    return target.value if used and not _starts_decoding(body, target.value) else None


def _starts_decoding(body, name):
    """The loop body already starts with this fixer's `name = six.ensure_str(name, …)`."""
    return str(body.children[2]).strip().startswith(DECODE.format(name=name).split("'")[0])


class _Impl(TreeFixer):
    _accept_type = syms.for_stmt

    def match(self, node):
        name = _text_loop_name(node)
        return {"name": name} if name else False

    def transform(self, node, results):
        body = node.children[5]
        first = body.children[2]
        stmt = parse(DECODE.format(name=results["name"])).children[0]
        stmt.remove()
        first.prefix = find_indentation(first) + first.prefix
        body.insert_child(2, stmt)
        self.needs_six = True


class BinaryLinesAsText(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 73
    trigger = r"""['"][rwa+]*b[rwa+]*['"]"""
    trigger_on_code = False  # it looks inside string literals
    summary = "Read a binary file's lines as native str where the loop treats them as text"
    explanation = (
        "A loop over the lines of a file opened with 'rb' gets str lines on Python 2 and bytes "
        "lines on 3, where `line.startswith('#')` raises TypeError. When the loop uses its line "
        "as text, its body starts with `line = six.ensure_str(line, 'latin-1')`: a no-op on 2.7, "
        "and on 3 the line's bytes as the characters of a str."
    )
    review_hint = "Check that the lines are text (not binary data written out again as bytes)."
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = BinaryLinesAsText()
