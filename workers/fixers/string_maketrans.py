"""`string.maketrans("/.", "./")` with ASCII literal arguments, used as a `translate()` table →
`maketrans(b"/.", b"./")`, bound once after the module's imports:

    try:
        maketrans = bytes.maketrans
    except AttributeError:  # Python 2.7: str has no maketrans
        from string import maketrans

On 2.7 that is string.maketrans and b"/." is the same str as "/.", so the table is the very same
str. On 3 it is bytes.maketrans's 256-byte table: bytes.translate takes it, and str.translate looks
each character's code point up in it (an int is a code point; a character past 255 raises
IndexError, which str.translate reads as "leave it"), so `"a/b".translate(table)` gives what 2.7
gave. Only where the table is translate's one argument, directly or through a local or private
name only translate reads: on 3, indexing the table gives ints where 2.7 gave one-character strings,
and str.translate takes no deletions argument. Other uses are reported by string_module_notes.
"""
import ast

from fissix.fixer_util import Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.string_module import call_arguments, string_attribute
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_after_imports
from workers.rewriting.scopes import PARAMETER, binding_statements, enclosing_scope, root_of
from workers.rewriting.typerefs import replace_head

NAME = "maketrans"
FALLBACK = ("try:\n    maketrans = bytes.maketrans\n"
            "except AttributeError:  # Python 2.7: str has no maketrans\n    from string import maketrans\n")


def _ascii_literal(node):
    """Whether node is a string literal (or adjacent ones) whose value is ASCII only."""
    leaves = node.children if node.type == syms.atom else [node]
    if not all(leaf.type == token.STRING for leaf in leaves):
        return False
    try:
        value = ast.literal_eval(str(node).strip())
    except (SyntaxError, ValueError):
        return False
    if isinstance(value, bytes):
        return all(byte < 128 for byte in value)
    return isinstance(value, str) and value.isascii()


def _bytes_literal(leaf):
    """`"x"`, `u"x"`, `r"x"` → `b"x"`, `br"x"` (same text: the value is ASCII)."""
    text = leaf.value
    quote = min(index for index in (text.find('"'), text.find("'")) if index >= 0)
    raw = "r" if "r" in text[:quote].lower() else ""
    return "b%s%s" % (raw, text[quote:])


def _only_argument_of_translate(node):
    """Whether node is the one argument of a `….translate(node)` call."""
    trailer = node.parent
    if trailer is None or trailer.type != syms.trailer or len(trailer.children) != 3:
        return False
    method = trailer.prev_sibling
    return (trailer.children[0].type == token.LPAR and method is not None and method.type == syms.trailer
            and method.children[0].type == token.DOT and method.children[1].value == "translate")


def _table_name(node):
    """The NAME leaf of `name = node` when that is a whole statement, else None."""
    stmt = node.parent
    if stmt is None or stmt.type != syms.expr_stmt or len(stmt.children) != 3 or stmt.children[2] is not node:
        return None
    target = stmt.children[0]
    if target.type != token.NAME or stmt.children[1].type != token.EQUAL:
        return None
    return target


def _translate_table(node):
    """Whether the table node builds is only ever translate's one argument."""
    if _only_argument_of_translate(node):
        return True
    target = _table_name(node)
    if target is None:
        return False
    scope = enclosing_scope(target)
    if scope.type == syms.classdef or (scope.type == syms.file_input and not target.value.startswith("_")):
        return False  # a class attribute or a public name: other code may read it
    # every other use of the name, anywhere in the module (another assignment, `global`, a read)
    return all(_only_argument_of_translate(leaf) for leaf in root_of(node).leaves()
               if leaf.type == token.NAME and leaf.value == target.value and leaf is not target)


def _ours(stmt):
    """A statement of the fallback FALLBACK adds."""
    if stmt is PARAMETER or stmt.parent is None:
        return False
    text = str(stmt).strip()
    return text in ("maketrans = bytes.maketrans", "from string import maketrans")


def maketrans_plan(node):
    """The literal arguments of a `string.maketrans(…)` call this fixer rewrites, or None."""
    if string_attribute(node) != NAME or len(node.children) != 3:
        return None
    args = call_arguments(node)
    if not args or len(args) != 2 or not all(_ascii_literal(arg) for arg in args):
        return None
    if not _translate_table(node):
        return None
    bound = binding_statements(node, NAME)
    if bound is not None and not all(_ours(stmt) for stmt in bound):
        return None  # `maketrans` means something else here
    return args


class _Impl(TreeFixer):
    _accept_type = syms.power

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.used = False

    def match(self, node):
        return maketrans_plan(node) is not None

    def transform(self, node, results):
        for arg in maketrans_plan(node):
            for leaf in (arg.children if arg.type == syms.atom else [arg]):
                leaf.value = _bytes_literal(leaf)
                leaf.changed()
        replace_head(node, [Name(NAME)], count=2)
        self.used = True

    def after_fix(self, tree):
        if self.used and not binding_statements(tree.children[0] if tree.children else tree, NAME):
            add_after_imports(tree, FALLBACK)


class StringMaketrans(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 33
    trigger = r"\bstring\s*\.\s*maketrans\b"
    summary = "Replace string.maketrans with ASCII literals by bytes.maketrans, imported the 2+3 way"
    explanation = (
        "`string.maketrans` is gone on Python 3. Where its arguments are ASCII string literals and "
        "the table is only passed to `translate()`, the call becomes `maketrans(b\"…\", b\"…\")`, "
        "with `maketrans` bound once after the imports: `bytes.maketrans` on 3, `string.maketrans` "
        "on 2.7 (where `bytes` is `str` and b\"…\" the same string, so the table is the same). On "
        "3 that table translates bytes, and str too: `\"a/b\".translate(table)` looks each code "
        "point up in it."
    )
    review_hint = "Nothing specific: on 2.7 the table is the one string.maketrans built."
    risk = SAFE


FIXER = StringMaketrans()
