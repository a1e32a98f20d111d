"""How Python 2 made an exception from a class and a value: `raise E, V` and `g.throw(E, V)`.

- `is_literal_value(node)`: a value Python 2 certainly passed to the class (a literal, tuple, list
  or dict display), never an exception instance;
- `constructor_arguments(value)`: the arguments of `E(...)` that Python 2 called: the members of a
  tuple (`E(*V)`), else the value itself.
"""
import re

from fissix.fixer_util import is_tuple
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

_CONTINUATION = re.compile(r"[ \t]*\\\n")


def is_literal_value(node):
    return node.type in (token.STRING, token.NUMBER) or is_tuple(node) or node.type == syms.atom and (
        node.children[0].type == token.LSQB or node.children[0].type == token.LBRACE
    )


def constructor_arguments(value):
    """Clones of the arguments: Python 2 called E(*V) when V was a tuple, E(V) otherwise."""
    if is_tuple(value):
        inner = value.children[1:-1]
        if not inner:
            return []
        if inner[0].type == syms.testlist_gexp:
            return [c.clone() for c in inner[0].children]
        return [c.clone() for c in inner]
    clone = value.clone()
    # `raise E, \<newline> "message"` keeps its line break, inside the parentheses.
    clone.prefix = _CONTINUATION.sub("\n", clone.prefix).lstrip(" \t")
    return [clone]
