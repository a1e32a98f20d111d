"""Remove a coding cookie on line 1 or 2 that declares UTF-8, Python 3's default source encoding."""
import codecs
import re

from workers.rewriting.codemod import Codemod, SiteRecorder

# PEP 263: what Python itself reads as a declaration on line 1 or 2.
DECLARATION = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
# Comments that are nothing but a declaration (Emacs, plain, vim); others say more and are kept.
COOKIE_ONLY = re.compile(
    r"^#\s*(?:-\*-\s*(?:en)?coding[:=]\s*(?P<emacs>[-\w.]+)\s*;?\s*-\*-"
    r"|(?:en)?coding[:=]\s*(?P<plain>[-\w.]+)"
    r"|vim?:\s*(?:set\s+)?fileencoding=(?P<vim>[-\w.]+)\s*:?)\s*$")


def _is_utf8(encoding):
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def is_utf8_cookie(comment):
    found = COOKIE_ONLY.match(comment)
    return bool(found) and _is_utf8(found.group("emacs") or found.group("plain") or found.group("vim"))


def _declares(line):
    return line.comment is not None and DECLARATION.match(line.comment.value) is not None


class RemoveUtf8Cookie(SiteRecorder):
    def leave_Module(self, original_node, updated_node):
        header = list(updated_node.header)
        cookies = [i for i, line in enumerate(header[:2]) if line.comment and is_utf8_cookie(line.comment.value)]
        if not cookies:
            return updated_node
        kept = [line for i, line in enumerate(header) if i not in cookies]
        if cookies[0] == 0:  # the file would otherwise start with the blank lines that followed it
            while kept and kept[0].comment is None:
                kept.pop(0)
        if any(_declares(line) for line in kept[:2]):
            return updated_node  # a cookie further down would move up and start to count
        for i in cookies:
            self.record(original_node.header[i].comment)
        return updated_node.with_changes(header=kept)


class CodingCookies(Codemod):
    transformer = RemoveUtf8Cookie
    trigger = r"coding[:=]"
    body_trigger = ""  # a cookie is a comment on the first two lines
    names_trigger = ""
    summary = "Remove UTF-8 coding cookies"
    explanation = (
        "Python 3 reads source files as UTF-8 unless told otherwise, so a `# -*- coding: utf-8 -*-` "
        "(or `# coding=utf8`, or vim's `fileencoding=utf-8`) on line 1 or 2 declares the default. "
        "Only a comment that is nothing but the declaration goes; a shebang stays, a cookie naming "
        "any other encoding stays, and so does an Emacs line that sets other variables too. A blank "
        "line that followed a cookie on line 1 goes with it."
    )
    review_hint = "Nothing should change: the file's bytes are read the same way by Python 3."


FIXER = CodingCookies()
