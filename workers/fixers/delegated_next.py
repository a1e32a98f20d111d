"""A file wrapper's delegation `self.next = self.fp.next` → `self.next = self.fp.__next__ if
six.PY3 else self.fp.next`, where the same block delegates `__iter__` too.

Python 2's urllib.addbase (and the wrappers copied from it: mechanize's closeable_response) hands
its file's iteration methods to the instance: `self.__iter__ = self.fp.__iter__` and
`self.next = self.fp.next`. Python 3's files and iterators name the method `__next__`, so the
second line raises AttributeError there and the wrapper cannot be made. Only an assignment of
`.next` to `.next` next to such an `__iter__` delegation changes: elsewhere `x.next = y.next` is
as likely a linked list's node.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.parsing import parse


def _attribute(node, name):
    """The receiver text of `receiver.name` (a power node ending in that trailer), else None."""
    if node.type != syms.power or len(node.children) < 2:
        return None
    last = node.children[-1]
    if last.type != syms.trailer or last.children[0].type != token.DOT or last.children[1].value != name:
        return None
    return "".join(str(child) for child in node.children[:-1]).strip()


def _delegation(stmt, name):
    """(target receiver, source receiver) for `a.name = b.name`, else None."""
    if stmt.type != syms.expr_stmt or len(stmt.children) != 3 or stmt.children[1].type != token.EQUAL:
        return None
    target, source = _attribute(stmt.children[0], name), _attribute(stmt.children[2], name)
    return (target, source) if target is not None and source is not None else None


def _delegates_iter_too(stmt, target, source):
    """Whether the block holding `stmt` also has `target.__iter__ = source.__iter__`."""
    line = stmt.parent
    block = line.parent if line is not None else None
    if block is None:
        return False
    for other in block.children:
        for child in getattr(other, "children", ()):
            if _delegation(child, "__iter__") == (target, source):
                return True
    return False


class _Impl(TreeFixer):
    _accept_type = syms.expr_stmt

    def match(self, node):
        found = _delegation(node, "next")
        return found is not None and _delegates_iter_too(node, *found) and {"source": found[1]}

    def transform(self, node, results):
        source = results["source"]
        value = parse("x = %s.__next__ if six.PY3 else %s.next\n" % (source, source)).children[0].children[0].children[2]
        value.remove()
        value.prefix = node.children[2].prefix
        node.children[2].replace(value)
        self.needs_six = True


class DelegatedNext(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 24
    trigger = r"\.next\s*=.*\.next\b"
    summary = "Delegate a file's next as __next__ on Python 3 where a wrapper hands on its iteration"
    explanation = (
        "A file wrapper (urllib.addbase and its copies) hands its file's iteration to the instance with "
        "`self.__iter__ = self.fp.__iter__` and `self.next = self.fp.next`. On Python 3 files and "
        "iterators have `__next__` instead, so the assignment fails and no wrapper can be made. "
        "`self.next = self.fp.next` becomes `self.next = self.fp.__next__ if six.PY3 else self.fp.next` "
        "when the same block delegates `__iter__` the same way: the same method on 2.7."
    )
    review_hint = "Nothing special: the same assignment on 2.7."
    risk = SAFE
    requires = ("six",)


FIXER = DelegatedNext()
