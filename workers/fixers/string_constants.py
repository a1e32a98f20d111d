"""`string.letters` / `lowercase` / `uppercase` → `string.ascii_letters` / `ascii_lowercase` / `ascii_uppercase`."""
from fissix.fixer_util import Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.fixers.string_module import CONSTANTS, string_attribute


def constant_plan(node):
    name = string_attribute(node)
    if name not in CONSTANTS:
        return None
    if len(node.children) == 2 and node.parent is not None and node.parent.type == syms.expr_stmt:
        following = node.next_sibling
        if following is not None and (following.type == token.EQUAL or following.type == syms.augassign or (
                following.type != token.EQUAL and following.type in _AUGMENTED)):
            return None  # `string.letters = …` sets the attribute: leave it
    return name


_AUGMENTED = {token.PLUSEQUAL, token.MINEQUAL, token.STAREQUAL, token.SLASHEQUAL, token.PERCENTEQUAL}


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        return constant_plan(node) is not None

    def transform(self, node, results):
        leaf = node.children[1].children[1]
        leaf.replace(Name(CONSTANTS[leaf.value], prefix=leaf.prefix))


class StringConstants(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 55
    trigger = r"\bstring\s*\.\s*(letters|lowercase|uppercase)\b"
    summary = "Replace string.letters/lowercase/uppercase with the ascii_ constants"
    explanation = (
        "`string.letters`, `string.lowercase` and `string.uppercase` do not exist on Python 3. "
        "`string.ascii_letters`, `ascii_lowercase` and `ascii_uppercase` exist on 2.7 and 3 and hold "
        "the same characters as long as the program never calls `locale.setlocale(LC_CTYPE, …)`: "
        "on 2.7 the old constants follow the C library's locale, the ascii ones never do."
    )
    review_hint = "Programs that set a locale on 2.7 saw extra letters (é, ß…) in these constants; the ascii ones have none."
    risk = NEEDS_REVIEW


FIXER = StringConstants()
