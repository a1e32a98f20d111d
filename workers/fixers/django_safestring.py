"""Django 1.x: `SafeString` → `SafeBytes`, `SafeUnicode` → `SafeText`, `EscapeString` → `EscapeBytes`,
`EscapeUnicode` → `EscapeText` (imports and uses)."""
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer
from workers.fixers.django_text import DjangoRenames


class _Impl(DjangoRenames):
    module = "django.utils.safestring"
    renames = {
        "SafeString": "SafeBytes", "SafeUnicode": "SafeText", "EscapeString": "EscapeBytes",
        "EscapeUnicode": "EscapeText",
    }


class DjangoSafestring(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 58
    trigger = r"\b(SafeString|SafeUnicode|EscapeString|EscapeUnicode)\b"
    summary = "Use Django's SafeText/SafeBytes instead of SafeUnicode/SafeString"
    explanation = (
        "On Python 2, `django.utils.safestring.SafeString` is the bytes class and `SafeUnicode` the "
        "text one; on Python 3 `SafeUnicode` does not exist and `SafeString` is the text class. "
        "`SafeBytes` and `SafeText` (Django 1.5+) name the same classes on both versions, so "
        "`SafeUnicode` → `SafeText` and `SafeString` → `SafeBytes` (and the `Escape…` pairs) keep "
        "each use meaning what it meant on 2.7."
    )
    review_hint = (
        "Code that used `SafeString` for text that merely happened to be bytes on 2.7 (mark_safe "
        "results, template output) probably wants `SafeText` instead of `SafeBytes` on 3."
    )
    risk = NEEDS_REVIEW


FIXER = DjangoSafestring()
