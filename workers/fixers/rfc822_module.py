"""`import rfc822` + `rfc822.parsedate_tz(s)` → `from email import utils as email_utils` +
`email_utils.parsedate_tz(s)`: the date and address helpers email.utils has on 2.7 and 3."""
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


class _Impl(MoveImports):
    def moves_for(self, tree):
        return MOVES


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
        "(`Message`, `AddressList`, `formatdate`) is left alone and reported."
    )
    review_hint = (
        "email.utils.parsedate/parsedate_tz return -1 (unknown) instead of 0 for the DST flag, and "
        "turn two-digit years into four-digit ones (95 -> 1995); mktime_tz returns an int on Python 3 "
        "(a float on 2.7): check code that reads those fields or formats the timestamp."
    )
    risk = NEEDS_REVIEW


FIXER = Rfc822Module()
