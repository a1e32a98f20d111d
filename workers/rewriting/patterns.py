"""Pieces of fissix PATTERN text built from a fixer's own tables.

`any_of("attr", ["maxint", "exc_type"])` is `(attr='maxint' | attr='exc_type')`: each alternative
binds the label to the leaf it matched. (A label put on the whole group, `attr=('maxint' |
'exc_type')`, binds the list of what matched when there are several alternatives, and the leaf when
there is one.)
"""


def any_of(label, words):
    return "(%s)" % " | ".join("%s=%r" % (label, word) for word in words)
