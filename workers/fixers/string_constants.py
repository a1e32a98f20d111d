"""`string.letters` / `lowercase` / `uppercase` → `string.ascii_letters` / `ascii_lowercase` / `ascii_uppercase`."""
from fissix.fixer_util import Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.fixers.string_module import CONSTANTS, string_attribute


def constant_plan(node):
    """The constant X of a `string.X…` power node this fixer renames, else None."""
    name = string_attribute(node)
    return name if name in CONSTANTS and not _assigned(node) else None


def _assigned(node):
    """`string.letters = …` (or `+=` …) sets the attribute: left alone."""
    if len(node.children) != 2 or node.parent is None or node.parent.type != syms.expr_stmt:
        return False
    following = node.next_sibling
    return following is not None and following.type in _ASSIGNMENTS


_ASSIGNMENTS = {token.EQUAL, syms.augassign, token.PLUSEQUAL, token.MINEQUAL, token.STAREQUAL, token.SLASHEQUAL,
                token.PERCENTEQUAL}


class _Impl(TreeFixer):
    PATTERN = "power< 'string' trailer< '.' (name='letters' | name='lowercase' | name='uppercase') > any* >"

    def match(self, node):
        results = super().match(node)
        return results if results and constant_plan(node) else False

    def transform(self, node, results):
        leaf = results["name"]
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
