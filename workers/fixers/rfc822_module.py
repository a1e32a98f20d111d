"""`import rfc822` + `rfc822.parsedate_tz(s)` → `from email import utils as email_utils` +
`email_utils.parsedate_tz(s)`: the date and address helpers email.utils has on 2.7 and 3.

A module-level `from rfc822 import …, formatdate` (the other names from the table) becomes a
fallback import: rfc822 on 2.7, email.utils on 3 with `formatdate` bound to a function passing
`usegmt=True`, the one argument that makes email.utils write rfc822's "GMT" instead of "-0000".

A module that reads rfc822's private date tables (`rfc822._timezones`, `_daynames`, `_monthnames`)
gets email._parseaddr instead: it holds the same tables on 2.7 and 3 and the parsedate_tz that
email.utils re-exports reads them, so code extending `_timezones` keeps parsing its extra zones.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import analysis, parsing, scopes
from workers.rewriting import module_imports as mi
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer
from workers.rewriting.module_moves import AttributeMove, MoveImports

# rfc822 name -> email.utils name. Not here, so a module using them is left (and reported):
# Message, AddressList (no public equivalent), formatdate (email.utils's needs usegmt=True).
FUNCTIONS = {
    "parsedate": "parsedate", "parsedate_tz": "parsedate_tz", "mktime_tz": "mktime_tz",
    "parseaddr": "parseaddr", "quote": "quote", "unquote": "unquote", "dump_address_pair": "formataddr",
}
TARGET = ("email", "utils")
MOVES = {"rfc822": AttributeMove({old: TARGET + ((new,),) for old, new in FUNCTIONS.items()}, {},
                                 preferred={TARGET: "email_utils"})}

PRIVATE_TABLES = ("_daynames", "_monthnames", "_timezones")
PARSEADDR = ("email", "_parseaddr")
_PARSEADDR_NAMES = ("parsedate", "parsedate_tz", "mktime_tz", "quote") + PRIVATE_TABLES
PARSEADDR_MOVES = {"rfc822": AttributeMove({name: PARSEADDR + ((name,),) for name in _PARSEADDR_NAMES}, {},
                                           preferred={PARSEADDR: "email_parseaddr"})}


def reads_private_tables(tree):
    """Whether the module reads `rfc822.<private date table>` through an `import rfc822`."""
    return analysis.cached(tree, "rfc822_private_tables", lambda: any(
        _is_private_table_use(leaf) for leaf in tree.leaves() if leaf.type == token.NAME and leaf.value in PRIVATE_TABLES))


def _is_private_table_use(leaf):
    trailer = leaf.parent
    if trailer.type != syms.trailer or leaf.prev_sibling is None or leaf.prev_sibling.type != token.DOT:
        return False
    owner = trailer.prev_sibling
    if owner is None or owner.type != token.NAME:
        return False
    meaning = scopes.meaning(owner)
    return meaning.kind == scopes.MODULE and meaning.module == "rfc822"


_FORMATDATE_FALLBACK = """try:
    from rfc822 import {imported}
except ImportError:  # Python 3
{others}    from email.utils import formatdate as _email_formatdate

    def {formatdate}(timeval=None):
        return _email_formatdate(timeval, usegmt=True)
"""


def _formatdate_import(node):
    """The (name, alias) pairs of a module-level one-statement line `from rfc822 import …` that
    imports formatdate and otherwise only names with an email.utils home; else None."""
    if node.type != syms.import_from or mi.is_relative_from(node) or mi.in_import_fallback(node):
        return None
    stmt = node.parent
    if stmt.type != syms.simple_stmt or stmt.parent is None or stmt.parent.type != syms.file_input or (
            len(stmt.children) != 2):
        return None
    module, pairs = mi.from_import_parts(node)
    if module != "rfc822" or not pairs or "formatdate" not in [name for name, _ in pairs]:
        return None
    return pairs if all(name in FUNCTIONS or name == "formatdate" for name, _ in pairs) else None


def _formatdate_fallback_text(pairs):
    imported = ", ".join(name + (" as " + alias if alias else "") for name, alias in pairs)
    others = ["%s as %s" % (FUNCTIONS[name], alias or name) if FUNCTIONS[name] != (alias or name) else name
              for name, alias in pairs if name != "formatdate"]
    return _FORMATDATE_FALLBACK.format(
        imported=imported, others="    from email.utils import %s\n" % ", ".join(others) if others else "",
        formatdate=dict(pairs)["formatdate"] or "formatdate")


class _Impl(MoveImports):
    def moves_for(self, tree):
        return PARSEADDR_MOVES if reads_private_tables(tree) else MOVES

    def match(self, node):
        pairs = _formatdate_import(node)
        return {"formatdate_pairs": pairs} if pairs else super().match(node)

    def transform(self, node, results):
        if "formatdate_pairs" not in results:
            return super().transform(node, results)
        stmt = node.parent
        new = parsing.parse(_formatdate_fallback_text(results["formatdate_pairs"])).children[0]
        new.remove()
        new.prefix = stmt.prefix
        stmt.replace(new)
        return None


class Rfc822Module(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 70
    trigger = r"\brfc822\b"
    summary = "Replace rfc822's date and address functions with email.utils's"
    explanation = (
        "The `rfc822` module is gone on Python 3. Its date and address helpers live on in "
        "`email.utils` on 2.7 and 3: `import rfc822` becomes `from email import utils as "
        "email_utils`, and `rfc822.parsedate`, `parsedate_tz`, `mktime_tz`, `parseaddr`, `quote`, "
        "`unquote` become `email_utils.<same name>`, `rfc822.dump_address_pair` becomes "
        "`email_utils.formataddr` (same output). A module that uses anything else of `rfc822` "
        "(`Message`, `AddressList`) is left alone and reported. A module-level `from rfc822 import` that "
        "takes `formatdate` becomes a fallback import: rfc822 itself on 2.7; on Python 3 the email.utils "
        "functions, and `formatdate` as email.utils.formatdate with `usegmt=True` (the same text, ending "
        "in GMT)."
    )
    review_hint = (
        "email.utils.parsedate/parsedate_tz return -1 (unknown) instead of 0 for the DST flag, and "
        "turn two-digit years into four-digit ones (95 -> 1995); mktime_tz returns an int on Python 3 "
        "(a float on 2.7): check code that reads those fields or formats the timestamp."
    )
    risk = NEEDS_REVIEW


FIXER = Rfc822Module()
