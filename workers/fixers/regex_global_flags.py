"""`r'a+(?i)'` → `r'(?i)a+'`: an inline global flag group moves to the start of its pattern.

Python 2 applies `(?i)`, `(?s)`, `(?x)` … to the whole pattern wherever the group stands;
Python 3.6 warns about a group that is not at the start and 3.11 refuses the pattern
("global flags not at the start of the expression"). Moved to the start of the string, the
group means the same on 2.7 and on every 3. Only a string that starts its expression is changed
(the first of implicitly concatenated strings, the left side of `+` or `%`), so that its start is
the pattern's start; docstrings are left alone.
"""
import re

from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer

_LITERAL = re.compile(r"^([a-zA-Z]*)('''|\"\"\"|'|\")(.*)\2$", re.S)
# an unescaped global flags group; (?i:...) scoped groups have a colon and stay where they are
_FLAGS = re.compile(r"(?<!\\)\(\?[aiLmsux]+\)")


def _moved(value):
    """The literal with its flag groups at the start, or None when none needs to move."""
    match = _LITERAL.match(value)
    if match is None:
        return None
    prefix, quote, body = match.groups()
    rest = body
    while _FLAGS.match(rest):
        rest = rest[_FLAGS.match(rest).end():]
    if not _FLAGS.search(rest):
        return None  # every group already leads
    flags = "".join(group.group() for group in _FLAGS.finditer(body))
    return prefix + quote + flags + _FLAGS.sub("", body) + quote


def _starts_expression(leaf):
    """Whether the string is where its expression's value begins."""
    parent = leaf.parent
    if parent is None:
        return False
    if parent.type == syms.atom and parent.children[0] is not leaf:
        return False  # a later piece of 'a' 'b' concatenation
    node = parent if parent.type == syms.atom else leaf
    outer = node.parent
    if outer is not None and outer.type in (syms.arith_expr, syms.term) and outer.children[0] is not node:
        return False  # the right side of + or %
    return True


def is_docstring(leaf):
    parent = leaf.parent
    return parent is not None and parent.type == syms.simple_stmt and parent.children[0] is leaf


class _Impl(TreeFixer):
    _accept_type = token.STRING

    def match(self, node):
        return "(?" in node.value and _moved(node.value) is not None and _starts_expression(node) and (
            not is_docstring(node))

    def transform(self, node, results):
        node.value = _moved(node.value)
        node.changed()


class RegexGlobalFlags(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\(\?[aiLmsux]+\)"
    trigger_on_code = False  # it looks inside string literals
    summary = "Move inline global regex flags such as (?i) to the start of the pattern"
    explanation = (
        "Python 2 applies an inline global flag group (`(?i)`, `(?s)`, `(?m)`, `(?x)`, `(?u)`, `(?L)`) to "
        "the whole regular expression wherever it stands. Python 3.11 rejects a pattern whose global "
        "flags are not at its start, and 3.6 to 3.10 warn. The group moves to the start of the string "
        "literal that begins the pattern, which means the same on 2.7 and 3. Strings that are later "
        "pieces of a concatenation, and docstrings, are left alone."
    )
    review_hint = "Check that the string is a regular expression; a text that merely contains (?i) would change."
    risk = SAFE


FIXER = RegexGlobalFlags()
