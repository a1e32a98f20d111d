"""A socket stand-in's `def makefile(self, mode, bufsize):` → `def makefile(self, mode, bufsize=None):`.

Python 2.7's httplib always hands the socket a buffer size (`sock.makefile('rb', 0)`), so test
fakes of sockets often require it; Python 3's http.client calls `sock.makefile("rb")`, and such
a fake raises TypeError there (python-cloudfiles' FakeSocket and TrackerSocket). None is Python
3's own default for socket.makefile's buffering. Every call that worked on 2.7 passes the
argument and gets exactly what it did. Only a method of a class whose parameters are
(self, mode, one more without a default) is changed: the shape of socket.makefile(mode, bufsize).
"""
from fissix import pytree
from fissix.fixer_util import Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer


def _required_buffer_size(funcdef):
    """The NAME leaf of the buffer-size parameter a socket-like makefile requires, else None."""
    if funcdef.children[1].value != "makefile" or funcdef.parent.type != syms.suite:
        return None
    if funcdef.parent.parent.type != syms.classdef:
        return None
    params = funcdef.children[2].children[1]  # parameters: ( typedargslist )
    if params.type != syms.typedargslist:
        return None
    names = [child for child in params.children if child.type != token.COMMA]
    if len(names) != 3 or not all(name.type == token.NAME for name in names) or names[1].value != "mode":
        return None
    return names[2]


class _Impl(TreeFixer):
    _accept_type = syms.funcdef

    def match(self, node):
        return _required_buffer_size(node) is not None

    def transform(self, node, results):
        parameter = _required_buffer_size(node)
        params = parameter.parent
        position = params.children.index(parameter) + 1
        params.insert_child(position, Name("None"))
        params.insert_child(position, pytree.Leaf(token.EQUAL, "="))


class SocketMakefileFakes(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 48
    trigger = r"\bdef\s+makefile\s*\("
    summary = "Give a socket stand-in's makefile() buffer size a default, as Python 3's http.client omits it"
    explanation = (
        "Python 2.7's httplib calls `sock.makefile('rb', 0)`; Python 3's http.client calls "
        "`sock.makefile(\"rb\")`. A fake socket written against 2.7 (`def makefile(self, mode, "
        "bufsize)`) then raises TypeError on 3. The parameter gets None, Python 3's own default for "
        "socket.makefile's buffering; every 2.7 call passes it, so nothing changes there."
    )
    review_hint = "A class with an unrelated makefile(self, mode, x) method only gains a default for x."
    risk = SAFE


FIXER = SocketMakefileFakes()
