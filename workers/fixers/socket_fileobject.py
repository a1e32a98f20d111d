"""`socket._fileobject(sock, …)` → `socket_fileobject(sock, …)`, bound after the socket import:

    try:
        socket_fileobject = socket._fileobject
    except AttributeError:  # Python 3: sockets make their own files, other readers are their own
        def socket_fileobject(sock, mode="rb", bufsize=-1, close=False):
            return sock.makefile(mode, bufsize) if hasattr(sock, "makefile") else sock

Python 2's private `socket._fileobject` wraps a socket, or anything with recv/read (an httplib
response: mechanize's and urllib2's readline wrappers), in a buffered file. Python 3 has no such
class: a socket's makefile() gives the buffered file, and http.client's response (an
io.BufferedIOBase) already has read/readline, so it stands for its own wrapper.
"""
from fissix.fixer_util import Name
from fissix.pygram import python_symbols as syms

from workers.rewriting.after_binding import add_after_binding
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.scopes import is_bound_around, meaning, module_binds, root_of
from workers.rewriting.typerefs import module_attribute, replace_head

NAME = "socket_fileobject"
_DEFINITION = """try:
    socket_fileobject = socket._fileobject
except AttributeError:  # Python 3: sockets make their own files, other readers are their own
    def socket_fileobject(sock, mode="rb", bufsize=-1, close=False):
        return sock.makefile(mode, bufsize) if hasattr(sock, "makefile") else sock
"""


class _Impl(TreeFixer):
    _accept_type = syms.power

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.found = False

    def match(self, node):
        attr = module_attribute(node, "socket")
        if attr is None or attr.value != "_fileobject":
            return False
        tree = root_of(node)
        return meaning(node.children[0]).scope is tree and not module_binds(tree, NAME) \
            and not is_bound_around(node, NAME)

    def transform(self, node, results):
        self.found = True
        replace_head(node, [Name(NAME)])

    def after_fix(self, tree):
        super().after_fix(tree)
        if self.found:
            add_after_binding(tree, "socket", _DEFINITION)


class SocketFileobject(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 74
    trigger = r"\bsocket\s*\.\s*_fileobject\b"
    summary = "Replace socket._fileobject with makefile() or the reader itself on Python 3"
    explanation = (
        "`socket._fileobject`, Python 2's private buffered file over a socket, is gone on Python 3. "
        "Each use becomes `socket_fileobject`, bound after the socket import to the class itself on "
        "2.7 and on 3 to a function returning `sock.makefile(mode, bufsize)` for a socket and the "
        "object itself for anything else (http.client's responses already read lines)."
    )
    review_hint = (
        "On Python 3 the file of a socket carries bytes and closing it leaves the socket open (close=True "
        "is not honoured); a wrapped non-socket is returned as it is, so it must have read/readline."
    )
    risk = NEEDS_REVIEW


FIXER = SocketFileobject()
