"""A module-level name as the module's doctests use it.

Doctest examples (the `>>>` / `...` lines of the module's strings) run with a copy of the module's
globals, so a rewrite that changes what a module-level import binds must change their uses too:
`import StringIO` → `from six import StringIO` turns a doctest's `StringIO.StringIO(x)` into an
AttributeError on 2.7. An example that imports or assigns the name itself uses its own binding.
"""
import re

from fissix.pgen2 import token

from workers.rewriting import traversal

_EXAMPLE_LINE = re.compile(r"^(?P<prompt>[ \t]*(?:>>>|\.\.\.)(?:[ \t]|$))(?P<source>.*)$", re.MULTILINE)


def _use(name):
    return re.compile(r"(?<![\w.])%s\b(?P<attr>\.[A-Za-z_]\w*)?" % re.escape(name))


def _binds(source, name):
    return re.search(r"\bimport\b[^#]*\b%s\b|^\s*%s\s*=[^=]" % ((re.escape(name),) * 2), source) is not None


def _examples(text):
    return [match.group("source") for match in _EXAMPLE_LINE.finditer(text)]


def doctest_uses(tree, name):
    """[(string leaf, [attribute or None for a bare use])] for the module's doctest strings that use
    `name` from the module's globals (a string whose examples bind it themselves is left out)."""
    found = []
    for leaf in traversal.of_types(tree, (token.STRING,)):
        if ">>>" not in leaf.value or name not in leaf.value:
            continue
        sources = _examples(leaf.value)
        if any(_binds(source, name) for source in sources):
            continue
        attrs = [match.group("attr") and match.group("attr")[1:]
                 for source in sources for match in _use(name).finditer(source)]
        if attrs:
            found.append((leaf, attrs))
    return found


def rewrite_attribute_uses(leaf, name, replacement):
    """Replace each use of `name` (`name.attr`) in the examples of `leaf` by replacement(attr), a
    dotted text (attr is None for a bare use)."""
    pattern = _use(name)

    def attr(use):
        return use.group("attr") and use.group("attr")[1:]

    def line(match):
        source = pattern.sub(lambda use: replacement(attr(use)), match.group("source"))
        return match.group("prompt") + source

    leaf.value = _EXAMPLE_LINE.sub(line, leaf.value)
