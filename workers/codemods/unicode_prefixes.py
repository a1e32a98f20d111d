"""`u'text'` → `'text'`: on Python 3 every string literal without `b` is text already."""
from workers.rewriting.codemod import Codemod, SiteRecorder


class DropUnicodePrefix(SiteRecorder):
    def leave_SimpleString(self, original_node, updated_node):
        if updated_node.prefix.lower() != "u":  # `ur''` does not parse on 3; `b`, `r`, `f` mean something
            return updated_node
        self.record(original_node)
        return updated_node.with_changes(value=updated_node.value[1:])


class UnicodePrefixes(Codemod):
    transformer = DropUnicodePrefix
    trigger = r"(?<![\w.])[uU][\"']"
    names_trigger = ""
    summary = "Drop the u prefix of string literals"
    explanation = (
        "Python 3 reads `u'text'` and `'text'` as the same str; the prefix only mattered on 2.7 "
        "without `unicode_literals`. Each literal keeps its quotes and escapes, so the value is the "
        "same object. Pieces of an implicit concatenation and strings inside f-string expressions "
        "are each a literal of their own; byte, raw and f-strings have no `u` to drop."
    )
    review_hint = "Nothing should change at run time on Python 3."


FIXER = UnicodePrefixes()
