"""A Python 2 class Python 3 removed (httplib's HTTP and HTTPS, Python 1.5's compatibility classes),
imported only to be subclassed or not used at all → a fallback import binding a stand-in on 3:

    from six.moves.http_client import HTTPConnection, HTTP
→
    from six.moves.http_client import HTTPConnection
    try:
        from six.moves.http_client import HTTP
    except ImportError:  # Python 3 has no httplib.HTTP: what is built on it fails only when used
        class HTTP(object):
            def __init__(self, *args, **kwargs):
                raise NotImplementedError("httplib.HTTP is gone on Python 3: use http.client.HTTPConnection")

No class behaves like these on 3, so nothing faithful replaces them; but a module that only defines
subclasses (python-cloudfiles' THTTP, a test's fake) should not stop importing on 3 because of
them. 2.7 keeps the real class. Any other use (a call, an attribute, isinstance) leaves the import
as it is, and removed_stdlib_names reports it either way.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.removed_stdlib_names import python2_module
from workers.rewriting import module_imports as mi
from workers.rewriting import parsing, scopes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer

REPLACEMENT = {("httplib", "HTTP"): "http.client.HTTPConnection",
               ("httplib", "HTTPS"): "http.client.HTTPSConnection"}
STAND_IN = '''    class {bound}(object):
        def __init__(self, *args, **kwargs):
            raise NotImplementedError("{module}.{name} is gone on Python 3: use {replacement}")
'''


def _only_subclassed(tree, bound):
    """Every module-level reference to `bound` is a base in a class statement."""
    for leaf in tree.leaves():
        if leaf.type != token.NAME or leaf.value != bound or not mi.is_reference(leaf):
            continue
        if scopes.binding_scope(leaf, bound) is not tree:
            continue
        parent = leaf.parent.parent if leaf.parent.type == syms.arglist else leaf.parent
        if parent.type != syms.classdef or leaf is parent.children[1]:
            return False
    return True


def _removed(node):
    """(module text, [(name, alias) removed on 3], [(name, alias) kept]) for a module-level
    `from httplib import …` whose removed classes are only subclassed, else None."""
    stmt = node.parent
    if stmt.type != syms.simple_stmt or stmt.parent.type != syms.file_input or len(stmt.children) != 2:
        return None
    module, pairs = mi.from_import_parts(node)
    python2 = python2_module(module or "")
    if not pairs or mi.in_import_fallback(node) or any("#" in leaf.prefix for leaf in node.leaves()):
        return None
    removed = [(name, alias) for name, alias in pairs if (python2, name) in REPLACEMENT]
    if not removed or not all(_only_subclassed(stmt.parent, alias or name) for name, alias in removed):
        return None
    return module, removed, [pair for pair in pairs if pair not in removed]


def _names_text(pairs):
    return ", ".join(name if not alias else "%s as %s" % (name, alias) for name, alias in pairs)


def _fallback_text(module, removed, comment):
    python2 = python2_module(module)
    stand_ins = "".join(STAND_IN.format(bound=alias or name, module=python2, name=name,
                                        replacement=REPLACEMENT[python2, name]) for name, alias in removed)
    return ("try:\n    from %s import %s%s\n"
            "except ImportError:  # Python 3 has no %s.%s: what is built on it fails only when used\n%s"
            % (module, _names_text(removed), comment, python2, removed[0][0], stand_ins))


class _Impl(TreeFixer):
    _accept_type = syms.import_from

    def match(self, node):
        return _removed(node) is not None

    def transform(self, node, results):
        module, removed, kept = _removed(node)
        stmt = node.parent
        comment = stmt.children[-1].prefix  # after the statement: stays on its first line
        text = _fallback_text(module, removed, "" if kept else comment)
        if kept:
            text = "from %s import %s%s\n" % (module, _names_text(kept), comment) + text
        new = parsing.parse(text)
        statements = [child for child in new.children if child.type != token.ENDMARKER]
        statements[0].prefix = stmt.prefix
        for statement in reversed(statements):
            statement.remove()
            stmt.parent.insert_child(stmt.parent.children.index(stmt) + 1, statement)
        stmt.remove()


class RemovedBaseClasses(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 85
    trigger = r"\bHTTPS?\b"
    summary = "Give httplib.HTTP/HTTPS a Python 3 stand-in where they are only subclassed"
    explanation = (
        "`httplib.HTTP` and `HTTPS`, Python 1.5's compatibility classes, are gone on Python 3 and no "
        "class there behaves like them, so importing them stops the whole module from importing. "
        "Where the module only subclasses them (or never uses them), the import falls back on 3 to a "
        "stand-in class that raises NotImplementedError when instantiated: 2.7 keeps the real class, "
        "and on 3 the module imports, its other classes and functions work, and the subclasses fail "
        "with a message naming the replacement (HTTPConnection / HTTPSConnection) only if used."
    )
    review_hint = (
        "The subclasses still do not work on Python 3: port them to HTTPConnection (getreply() is "
        "getresponse()) or delete them if nothing uses them."
    )
    risk = NEEDS_REVIEW


FIXER = RemovedBaseClasses()
