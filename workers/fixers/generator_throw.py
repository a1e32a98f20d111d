"""`g.throw(E, V)` → `g.throw(E(V))` when V is a literal; `g.throw(E, None)` → `g.throw(E)`."""
from fissix import pytree
from fissix.fixer_util import Call
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import is_none
from workers.rewriting.exception_values import constructor_arguments, is_literal_value
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, is_call, own_attribute_names, root_of


def _looks_like_exception_class(node):
    """`E`, `mod.SomeError`: a name or dotted name whose last part is CapWords."""
    if node.type == token.NAME:
        last = node.value
    elif node.type == syms.power and node.children[0].type == token.NAME and all(
            attr_trailer_name(t) for t in node.children[1:]):
        last = attr_trailer_name(node.children[-1])
    else:
        return False
    return last[:1].isupper()


def _two_args(trailer):
    """(exc, val) of a `(exc, val)` call trailer, else None."""
    if len(trailer.children) != 3 or trailer.children[1].type != syms.arglist:
        return None
    args = trailer.children[1].children
    if len(args) == 4 and args[3].type == token.COMMA:
        args = args[:3]
    if len(args) != 3 or args[1].type != token.COMMA:
        return None
    exc, val = args[0], args[2]
    if any(arg.type in (syms.argument, syms.star_expr) for arg in (exc, val)):
        return None
    return exc, val


def _throw_calls(power):
    children = power.children
    found = []
    for index in range(1, len(children) - 1):
        if attr_trailer_name(children[index]) != "throw" or not is_call(children[index + 1]):
            continue
        args = _two_args(children[index + 1])
        if args is None:
            continue
        exc, val = args
        if _looks_like_exception_class(exc) and (is_none(val) or is_literal_value(val)):
            found.append(index + 1)
    return found


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        if "throw" in own_attribute_names(root_of(node)):
            return False  # the module's own throw() method
        return bool(_throw_calls(node))

    def transform(self, node, results):
        new = node.clone()
        for index in _throw_calls(new):
            trailer = new.children[index]
            exc, val = _two_args(trailer)
            exc = exc.clone()
            exc.prefix = ""
            argument = exc if is_none(val) else Call(exc, constructor_arguments(val))
            trailer.replace(pytree.Node(syms.trailer, [
                pytree.Leaf(token.LPAR, "("), argument, pytree.Leaf(token.RPAR, ")")]))
        return new


class GeneratorThrow(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 16
    trigger = r"\.[\s\\]*throw\b"
    summary = "Rewrite g.throw(E, 'value') as g.throw(E('value'))"
    explanation = (
        "`generator.throw(E, V)` builds the exception the way `raise E, V` did; the two-argument "
        "form is deprecated on Python 3.12+. When V is a literal (a string, number, tuple, list or "
        "dict) the call becomes `g.throw(E(V))` (`E(*V)` for a tuple, as Python 2 did), and "
        "`g.throw(E, None)` becomes `g.throw(E)`: the same exception on 2.7 and 3. A V that is a "
        "variable is left as it is, because Python 2 threw V itself when it was already an E "
        "instance, and the call is still valid on 3. The three-argument form with a traceback is left "
        "alone as well: it is valid on 2.7 and 3, and `.with_traceback()` (2to3 and futurize's "
        "rewrite) does not exist on 2.7."
    )
    review_hint = "Only calls whose first argument looks like an exception class (CapWords) are rewritten."
    risk = SAFE


FIXER = GeneratorThrow()
