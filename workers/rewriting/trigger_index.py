"""Which of many fixers a module admits, each trigger literal looked for once per module.

Asked one by one, 150 fixers cost a Python call and a literal search each per module, though most
of their literals are absent from most modules (Django: 11,000 of 281,000 asks admitted). The
literals of all of them are looked for once, each in the module's code or text as its fixer reads
it; only the fixers with one present, or none to look for, are asked (25,000 asks; 3.7 -> 3.1 s of
CPU over Django).
"""
import functools


def admitted(fixers, view, context=None):
    """[fixer of `fixers` that admits the SourceView], in the fixers' order."""
    fixers = tuple(fixers)
    by_literal, unconditional = _index(fixers)
    asked = set(unconditional)
    for in_code, owners_of in by_literal.items():
        if not owners_of:
            continue  # codemods alone read the text: the python3-only plan never makes the code view
        text = view.code if in_code else view.text
        for literal, owners in owners_of.items():
            if literal in text:
                asked.update(owners)
    return [fixers[position] for position in sorted(asked) if fixers[position].admits(view, context)]


@functools.lru_cache(maxsize=16)
def _index(fixers):
    """({in code?: {literal: [positions of the fixers needing it]}}, [positions of the others])."""
    by_literal, unconditional = {False: {}, True: {}}, []
    for position, fixer in enumerate(fixers):
        literals = fixer.trigger_literals()
        if literals is None:
            unconditional.append(position)
            continue
        for literal in literals:
            by_literal[fixer.trigger_on_code].setdefault(literal, []).append(position)
    return by_literal, unconditional
