"""Report the `re.UNICODE` flags re_unicode_flag keeps."""
from workers.codemods.re_unicode_flag import DropUnicodeFlag
from workers.rewriting.codemod import Codemod, SiteRecorder


class FindKeptUnicodeFlag(DropUnicodeFlag):
    def record(self, original_node, note=""):
        """Flags re_unicode_flag drops are not findings here."""

    def leave_alone(self, node, reason):
        SiteRecorder.record(self, node, reason)


class ReUnicodeFlagReview(Codemod):
    transformer = FindKeptUnicodeFlag
    reports_only = True
    trigger = r"\b(?:U|UNICODE)\b"
    summary = "List re.UNICODE flags that could not be dropped safely"
    explanation = (
        "`re.UNICODE` is the default for str patterns on Python 3 and an error (ValueError) with "
        "bytes patterns. Where the pattern is bytes, of a type the code does not show, or the flag "
        "is kept in a variable, it is listed rather than removed."
    )
    review_hint = "Drop the flag where the pattern is text; a bytes pattern with it fails already."


FIXER = ReUnicodeFlagReview()
