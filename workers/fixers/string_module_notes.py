"""Report uses of `string` module names Python 3 removed that no fixer rewrites (maketrans, translate …)."""
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.fixers.string_constants import constant_plan
from workers.fixers.string_module import REMOVED, rewrite_plan, string_attribute

_NOTES = {
    "maketrans": "string.maketrans() is gone on Python 3 and has no 2+3 spelling: bytes tables need "
                 "bytes.maketrans (3) / string.maketrans (2), text tables str.maketrans (3 only)",
    "translate": "string.translate() is gone on Python 3: use s.translate(table) (deletions: bytes only "
                 "on 3 take a second argument, str needs a table mapping to None)",
    "zfill": "string.zfill(x, n) is gone on Python 3 and applied repr() to non-strings: "
             "write str(x).zfill(n) or repr(x).zfill(n) as the value needs",
}


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        name = string_attribute(node)
        return name in REMOVED and rewrite_plan(node) is None and constant_plan(node) is None

    def note(self, node):
        name = string_attribute(node)
        return _NOTES.get(name, "string.%s does not exist on Python 3; this use (keyword or * arguments, "
                                "or not a call) was not rewritten" % name)


class StringModuleNotes(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 56
    reports_only = True
    trigger = r"\bstring\s*\.\s*(%s)\b" % "|".join(sorted(REMOVED))
    summary = "Report string-module names Python 3 removed that were not rewritten"
    explanation = (
        "`string.maketrans`, `string.translate`, `string.zfill`, the `*_error` aliases, and calls "
        "with keyword or `*` arguments have no mechanical 2+3 form; each use is listed with what to "
        "write instead."
    )
    review_hint = "maketrans tables must match the type of the strings they translate (bytes vs text) on 3."
    risk = NEEDS_REVIEW


FIXER = StringModuleNotes()
