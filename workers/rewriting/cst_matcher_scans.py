"""libcst's matcher-decoratable visitors (the base of its import codemods) without their scans of
every attribute.

A MatcherDecoratableTransformer or MatcherDecoratableVisitor scans `dir(self)` three times for the
methods its matcher decorators marked (`@m.visit`, `@m.call_if_inside`, ...): some 1,500 names,
a do-nothing `visit_`/`leave_` per node type and attribute, for 25 to 40 ms of CPU per visitor.
The stage makes two or three per file it rewrites (the import follow-ups, six_names' removed-node
visitor), so 400 files paid 10 to 20 s. `dir()` of a ScansMarkedOnly lists only the attributes
that carry such a mark: all those scans keep.
"""
import functools

from libcst.matchers._decorators import (CONSTRUCTED_LEAVE_MATCHER_ATTR, CONSTRUCTED_VISIT_MATCHER_ATTR,
                                         VISIT_NEGATIVE_MATCHER_ATTR, VISIT_POSITIVE_MATCHER_ATTR)

_MARKS = (VISIT_POSITIVE_MATCHER_ATTR, VISIT_NEGATIVE_MATCHER_ATTR, CONSTRUCTED_VISIT_MATCHER_ATTR,
          CONSTRUCTED_LEAVE_MATCHER_ATTR)


class ScansMarkedOnly:
    """Put first among the bases of a matcher-decoratable visitor."""

    def __dir__(self):
        names = set(_marked_class_attributes(type(self)))
        names.update(name for name, value in vars(self).items() if _is_marked(value))
        return sorted(names)


@functools.lru_cache(maxsize=None)
def _marked_class_attributes(cls):
    return tuple(name for name in dir(cls) if _is_marked(getattr(cls, name, None)))


def _is_marked(value):
    return any(getattr(value, mark, None) for mark in _MARKS)
