"""setup.cfg's requirement entries with their lines: `[options]` install_requires and tests_require
(one requirement per line of the multi-line value, or the one on the key's line) and every key of
`[options.extras_require]`.

Read line by line the way configparser reads a value (continuation lines are indented; blank
lines and comment lines inside a value are skipped), so each entry knows its line and where its
text sits, and an upgrade edits exactly that text.
"""
import re
from dataclasses import dataclass

_SECTION = re.compile(r"\[([^\]]+)\]")
_KEY = re.compile(r"([^\s=:][^=:]*?)\s*[=:][ \t]*")
_OPTIONS_KEYS = ("install_requires", "tests_require")


@dataclass(frozen=True)
class Entry:
    value: str  # the requirement, comments and surrounding blanks left out
    line: int  # 1-based
    start: int  # character offsets of the value in the text
    end: int
    section: str  # "install_requires", "extras_require[test]"


def find(text):
    """Every requirement entry of the keys setup.cfg declares dependencies under."""
    entries, offset, current = [], 0, None  # current: the section label of the key being read
    section = ""
    for number, raw in enumerate(text.splitlines(keepends=True), 1):
        line = raw.rstrip("\r\n")
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            pass  # blank and comment lines never end a value
        elif line[0] in " \t":
            if current:
                _add(entries, line, len(line) - len(line.lstrip()), number, offset, current)
        elif _SECTION.match(line):
            section, current = _SECTION.match(line).group(1).strip(), None
        else:
            key = _KEY.match(line)
            current = _label(section, key.group(1).lower()) if key else None
            if current:
                _add(entries, line, key.end(), number, offset, current)
        offset += len(raw)
    return entries


def _label(section, key):
    if section == "options" and key in _OPTIONS_KEYS:
        return key
    if section == "options.extras_require":
        return "extras_require[%s]" % key
    return None


def _add(entries, line, begin, number, offset, section):
    text = line[begin:]
    text = text.split(" #")[0].split("\t#")[0].rstrip()
    if text:
        entries.append(Entry(text, number, offset + begin, offset + begin + len(text), section))
