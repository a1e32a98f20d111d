"""Reports the `filter()` and `.has_key()` calls `map_filter_zip` and `has_key` leave as they are
because what they mean depends on a type the text does not settle."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes
from workers.rewriting import iteration_context as ctx
from workers.rewriting.fixer import FissixFixer, TreeFixer
from workers.rewriting.scopes import refers_to_builtin, root_of
from workers.fixers.has_key import certainly_dict, may_meet_own_has_key
from workers.fixers.map_filter_zip import MAYBE, keeps_type

FILTER_NOTE = ("filter() over what may be a string or a tuple: 2.7 returns the same type (str, unicode, "
               "tuple), Python 3 an iterator; use ''.join(filter(...)) for text, tuple(...) for a tuple, "
               "list(...) for anything else")
HAS_KEY_NOTE = ("has_key() on an object of unknown type in a module whose class, or a class of a module it "
                "imports, defines its own has_key(): "
                "`k in x` is right only for a dict (or a class whose __contains__ means the same)")


def _filter_left(node, name):
    """A call of the builtin filter() whose result may keep 2.7's str or tuple type and is not
    only iterated."""
    if not refers_to_builtin(name) or keeps_type(node) != MAYBE:
        return False
    use = ctx.use_of(node)
    return use.kind not in (ctx.EAGER, ctx.LOOP) and not use.inner


def _has_key_left(node, before):
    """`before.has_key(k)` on a receiver that may be an instance of a has_key class of this module
    or of one it imports."""
    if not may_meet_own_has_key(root_of(node)) or certainly_dict(before):
        return False
    return not _own_method(before)


def _own_method(before):
    """`self.has_key(k)` in a method of a class that defines has_key: its own method, on 3 too."""
    if len(before) != 1 or before[0].type != token.NAME:
        return False
    node = before[0]
    while node is not None and node.type != syms.funcdef:
        node = node.parent
    if node is None:
        return False
    params = node.children[2]
    first = params.children[1] if len(params.children) == 3 else None
    if first is not None and first.type == syms.typedargslist:
        first = first.children[0]
    if first is None or first.type != token.NAME or first.value != before[0].value:
        return False
    classdef = node.parent
    while classdef is not None and classdef.type not in (syms.classdef, syms.funcdef):
        classdef = classdef.parent
    return classdef is not None and classdef.type == syms.classdef and classes.binds(classdef, "has_key")


def _may_match(power):
    """Whether the pattern below can match: `filter(...)`, or a call whose last trailer but one is
    `.has_key`. Django calls `.filter(` everywhere, and matching `any+` against each call was
    this fixer's whole cost."""
    children = power.children
    if len(children) == 2:
        return getattr(children[0], "value", None) == "filter"
    attribute = children[-2].children if len(children) >= 3 and children[-2].type == syms.trailer else ()
    return len(attribute) == 2 and getattr(attribute[1], "value", None) == "has_key"


class _Impl(TreeFixer):
    PATTERN = """
              filter=power< name='filter' trailer< '(' any* ')' > >
              |
              power< before=any+ trailer< '.' 'has_key' > trailer< '(' any* ')' > >
              """

    def match(self, node):
        results = _may_match(node) and super().match(node)
        if not results:
            return False
        if "filter" in results:
            return results if _filter_left(node, results["name"]) else False
        return results if _has_key_left(node, results["before"]) else False

    def note(self, node):
        return FILTER_NOTE if "filter" in self.match(node) else HAS_KEY_NOTE


class KeptCallsReview(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 97
    trigger = r"\bfilter\s*\(|\.has_key\b"
    summary = "Report filter() and has_key() calls left as they are because their meaning depends on a type"
    explanation = (
        "On 2.7 `filter(f, s)` returns a str, unicode or tuple when `s` is one, and `x.has_key(k)` may be "
        "a method of the project's own class (BeautifulSoup's Tag.has_key looks at attributes, `in` at "
        "children). Where the text does not settle the type, `map_filter_zip` and `has_key` leave the "
        "call alone and it is listed here for someone who knows the values."
    )
    reports_only = True


FIXER = KeptCallsReview()
