r"""A fast first look at a file's text: the literal strings a trigger regex cannot match without.

`required_literals(pattern)` returns a set of strings such that every match of the pattern
contains at least one of them, or None when no such set is known (a branch made only of
categories such as `\d`, or of anchors). Checking `any(s in text for s in literals)` costs microseconds where
running fifty regexes over every file of a large codebase costs seconds; the regex still decides
when a literal is present.
"""
try:
    from re import _constants as sre, _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as sre
    import sre_parse


def required_literals(pattern):
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:
        return None
    if parsed.state.flags & sre.SRE_FLAG_IGNORECASE:
        return None  # `literal in text` would miss the literal's other cases
    found = _sequence(list(parsed))
    if not found or any(not literal for literal in found):
        return None
    return frozenset(found)


def _sequence(items):
    """Best required set for a sequence of regex items: the run of plain characters or the
    sub-item whose shortest literal is longest."""
    candidates, run = [], ""
    for op, arg in items:
        if op == sre.LITERAL:
            run += chr(arg)
            continue
        if run:
            candidates.append({run})
            run = ""
        found = _item(op, arg)
        if found:
            candidates.append(found)
    if run:
        candidates.append({run})
    if not candidates:
        return None
    return max(candidates, key=lambda options: min(len(option) for option in options))


def _item(op, arg):
    if op == sre.SUBPATTERN:
        return None if arg[1] & sre.SRE_FLAG_IGNORECASE else _sequence(list(arg[-1]))  # (group, added flags, ...)
    if op == sre.BRANCH:
        union = set()
        for branch in arg[1]:
            found = _sequence(list(branch))
            if not found:
                return None
            union |= found
        return union
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _, body = arg
        return _sequence(list(body)) if low >= 1 else None
    if op == sre.IN and len(arg) <= 10 and all(kind == sre.LITERAL for kind, _ in arg):
        return {chr(code) for _, code in arg}  # a small class of plain characters: [<>]
    return None  # other classes, anchors, lookarounds: nothing certain
