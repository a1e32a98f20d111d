"""Rewriting an import of a Python-2-only module, and every real use of the name it binds.

The fixers `stdlib_renames`, `urllib_modules` and `stringio` share this. One import item
(`import Old`, `import Old as b`, `from Old import a, b`) is planned as a whole:

- a *module* move (`import ConfigParser` → `from six.moves import configparser`) renames the name
  the import binds, in exactly the places that refer to that binding: the scope holding the import
  and the nested scopes that do not bind the name themselves (python-future#456: a local variable
  called `queue` or `thread` is never touched);
- an *attribute* move (`import urllib` + `urllib.quote(x)` → `from six.moves import urllib` +
  `urllib.parse.quote(x)`) rewrites each `Old.attr` use; it happens only when every use of the
  binding is such an attribute and every attribute has a 2+3 home, otherwise nothing changes.

A new name is used only when nothing can be captured by it: the old name must be bound in its scope
by that import alone, no scope between a use and the import may bind the new name, no free use of
the new name may start to resolve to the import, and the module has no star import. Otherwise the
binding keeps its old name (`from six.moves import configparser as ConfigParser`), which is
always correct.

Imports that are already a fallback (`try: import cPickle as pickle` / `except ImportError:
import pickle`, or the reverse) are left alone: that code already runs on 2.7 and 3. A fallback
none of whose branches imports a module of Python 3's standard library (`try: from greenlet import
getcurrent` / `except ImportError: from thread import get_ident`) fails on 3 when the first module
is missing, so its Python-2-only branches are rewritten like any other import. So is a fallback
whose Python 3 module no longer has the names imported (`except ImportError: from cgi import parse_qs`).
"""
import sys

from fissix import pytree
from fissix.fixer_util import Leaf, Newline, find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import analysis, scopes, traversal

_SCOPES = (syms.funcdef, syms.classdef, syms.lambdef, syms.file_input)
_PARAM_PARENTS = (syms.parameters, syms.typedargslist, syms.varargslist, syms.tname, syms.tfpdef, syms.vfpdef)


# ---------------------------------------------------------------- reading import statements

def dotted(node):
    """`a.b.c` for a NAME or dotted_name node."""
    return "".join(str(leaf.value) for leaf in node.leaves())


def import_items(node):
    """For an import_name node: [(item node, module dotted name, alias or None)]."""
    return [(item, module, item.children[2].value if item.type == syms.dotted_as_name else None)
            for module, _bound, item in scopes.import_name_items(node)]


def from_import_parts(node):
    """For an import_from node: (module dotted name or None if relative, [(name, alias)] or None for `*`)."""
    module_node = node.children[1]
    if is_relative_from(node) or module_node.type not in (token.NAME, syms.dotted_name):
        return None, None
    if scopes.is_star_import(node):
        return dotted(module_node), None
    return dotted(module_node), [(leaf.value, alias.value if alias is not None else None)
                                 for leaf, alias in scopes.from_import_items(node)]


def from_module_node(node):
    return node.children[1]


def is_relative_from(node):
    return node.type == syms.import_from and node.children[1].type == token.DOT or (
        node.type == syms.import_from and node.children[1].type == token.NAME and node.children[1].value == "import")


def has_absolute_import(tree):
    return "absolute_import" in (getattr(tree, "future_features", None) or ())


def is_sibling_module(tree, name):
    """True when `name` would be the package's own module in a Python 2 implicit relative import."""
    context = getattr(tree, "module_context", None)
    if context is None or has_absolute_import(tree):
        return False
    return name in context.package_modules


# ---------------------------------------------------------------- fallbacks

def in_import_fallback(node):
    """True when the import sits in a try statement whose other part also imports (a 2/3 fallback)."""
    return _fallback_try(node) is not None


def _fallback_try(node):
    """The innermost try statement making `node` part of an import fallback, or None."""
    child, parent = node, node.parent
    while parent is not None and parent.type not in _SCOPES:
        if parent.type == syms.try_stmt:
            parts = parent.children
            mine = child
            for part in parts:
                if part is mine or part.type != syms.suite and part.type != syms.simple_stmt:
                    continue
                if any(n.type in (syms.import_name, syms.import_from) for n in part.pre_order()):
                    return parent
        child, parent = parent, parent.parent
    return None


_PYTHON3_STDLIB = getattr(sys, "stdlib_module_names", None)  # 3.10+


def in_working_import_fallback(node):
    """In an import fallback that some branch makes work on Python 3: a branch imports a module of
    Python 3's standard library (unknown before 3.10: then every fallback counts as working)."""
    statement = _fallback_try(node)
    if statement is None:
        return False
    if _PYTHON3_STDLIB is None:
        return True
    return any(_imported_top_level(stmt) in _PYTHON3_STDLIB and not _imports_removed_name(stmt)
               for stmt in statement.pre_order() if stmt.type in (syms.import_name, syms.import_from))


# Names Python 3 removed from modules it keeps: a Python 2.5 fallback such as
# `except ImportError: from cgi import parse_qs` fails on 3.8+ like the branch it backs up.
_REMOVED_ON_PYTHON3 = {
    "cgi": {"parse_qs", "parse_qsl", "escape"},
    "itertools": {"izip", "imap", "ifilter", "ifilterfalse", "izip_longest"},
    "os": {"getcwdu", "popen2", "popen3", "popen4"},
    "string": {"maketrans", "letters", "lowercase", "uppercase", "joinfields", "splitfields", "atoi"},
    "sys": {"maxint"},
    "types": {"StringType", "UnicodeType", "ListType", "DictType", "ClassType", "IntType", "LongType"},
}


def _imports_removed_name(stmt):
    if stmt.type != syms.import_from:
        return False
    module, names = from_import_parts(stmt)
    return bool(names) and any(name in _REMOVED_ON_PYTHON3.get(module, ()) for name, _alias in names)


def _imported_top_level(stmt):
    if stmt.type == syms.import_from:
        module = from_import_parts(stmt)[0]
        return module.split(".")[0] if module and not module.startswith(".") else None
    items = import_items(stmt)
    return items[0][1].split(".")[0] if len(items) == 1 else None


# ---------------------------------------------------------------- scopes and references

enclosing_scope = scopes.enclosing_scope


class Bindings:
    """Names bound per scope, computed from the tree as it is now (renames happen while a fixer
    runs, so nothing here is kept across changes)."""

    def __init__(self):
        self._memo = {}

    def of(self, scope):
        found = self._memo.get(id(scope))
        if found is None:
            found = self._memo[id(scope)] = (scope, scopes.collect_bound_names(scope))
        return found[1]

    def binding_scope(self, leaf, name):
        """The scope whose binding of `name` the leaf resolves to, or None (global/builtin/unknown)."""
        return scopes.binding_scope(leaf, name, bound=self.of)


def is_reference(leaf):
    """A NAME leaf that reads or writes a variable (not an attribute, keyword, parameter or import)."""
    if leaf.type != token.NAME:
        return False
    previous = leaf.prev_sibling
    if previous is not None and previous.type == token.DOT:
        return False
    parent = leaf.parent
    if parent is None:
        return False
    if scopes.is_keyword_argument(leaf) or scopes.is_lambda_parameter(leaf):
        return False
    if parent.type in (syms.funcdef, syms.classdef) and parent.children[1] is leaf:
        return False
    if parent.type in _PARAM_PARENTS or parent.type == syms.funcdef:
        if previous is None or previous.type != token.EQUAL:
            return False
    node = parent
    while node is not None and node.type not in _SCOPES:
        if node.type in (syms.import_name, syms.import_from):
            return False
        node = node.parent
    return True


def uses_of(tree, import_node, name, bindings):
    """Reference leaves resolving to the binding of `name` in the import's scope."""
    scope = enclosing_scope(import_node)
    return [leaf for leaf in traversal.mentions(analysis.root_of(import_node), name, scope)
            if is_reference(leaf) and bindings.binding_scope(leaf, name) is scope]


has_star_import = scopes.has_star_import


def _declared_global_anywhere(tree, name):
    return name in scopes.globals_anywhere(tree)


def _is_six_import_of(node, name):
    if node.type != syms.import_from:
        return False
    module, pairs = from_import_parts(node)
    return bool(module and module.split(".")[0] == "six" and pairs and (name, None) in pairs)


def bound_only_by(scope, name, accept):
    """Whether every binding of `name` in `scope` is an import node for which accept(node) holds."""
    return all(node.type in (syms.import_name, syms.import_from) and accept(node)
               for node in scopes.collect_binding_nodes(scope).get(name, ()))


def can_rename(tree, import_node, old, new, uses, bindings, accept_old, accept_new=None):
    """Whether the binding `old` made by import_node may become `new` without capturing anything.
    `accept_new(node)`: another import in the scope that will bind `new` to the very same object."""
    if old == new:
        return True
    scope = enclosing_scope(import_node)
    if has_star_import(tree) or _declared_global_anywhere(tree, old) or _declared_global_anywhere(tree, new):
        return False
    if not bound_only_by(scope, old, accept_old):
        return False
    if not bound_only_by(scope, new, lambda node: _is_six_import_of(node, new) or (
            accept_new is not None and accept_new(node))):
        return False
    for use in uses:
        where = bindings.binding_scope(use, new)
        if where is not None and where is not scope:
            return False
    for leaf in traversal.mentions(tree, new, scope):
        if is_reference(leaf) and bindings.binding_scope(leaf, new) is None:
            return False
    return True


def attribute_of(leaf):
    """For a use `b.attr…`: (power node, attr trailer) when the leaf is followed by `.attr`; else (None, None)."""
    parent = leaf.parent
    if parent is None or parent.type != syms.power or parent.children[0] is not leaf or len(parent.children) < 2:
        return None, None
    trailer = parent.children[1]
    if trailer.type != syms.trailer or trailer.children[0].type != token.DOT:
        return None, None
    return parent, trailer


def replace_attribute_use(leaf, new_leaves):
    """`b.attr rest` → `<new_leaves> rest`; new_leaves is a list of nodes standing for `b.attr`."""
    power, trailer = attribute_of(leaf)
    prefix = leaf.prefix
    rest = power.children[2:]
    if not rest and len(new_leaves) == 1:
        new = new_leaves[0]
        new.prefix = prefix
        power.replace(new)
        return
    new_leaves[0].prefix = prefix
    leaf.remove()
    trailer.remove()
    for index, node in enumerate(new_leaves):
        power.insert_child(index, node)


def dotted_trailers(first, attrs):
    """[NAME first, trailer .a, trailer .b] for `first.a.b`."""
    nodes = [Leaf(token.NAME, first)]
    for attr in attrs:
        nodes.append(pytree.Node(syms.trailer, [Leaf(token.DOT, "."), Leaf(token.NAME, attr)]))
    return nodes


# ---------------------------------------------------------------- writing import statements

def import_text(module, name, alias):
    if alias and alias != name:
        return "from %s import %s as %s" % (module, name, alias)
    return "from %s import %s" % (module, name)


def parse_import(text):
    from workers.rewriting import parsing

    tree = parsing.parse(text + "\n")
    node = tree.children[0].children[0]
    node.remove()
    return node


def duplicate_of_earlier(node, text):
    """Whether the statement holding import_node could go because an earlier statement of the same
    block is exactly `text` (e.g. a second `from six.moves import urllib`)."""
    stmt = node.parent
    parent = stmt.parent if stmt is not None else None
    if parent is None or parent.type not in (syms.suite, syms.file_input) or len(stmt.children) != 2:
        return False
    if "#" in stmt.prefix:
        return False
    for sibling in parent.children[:parent.children.index(stmt)]:
        if sibling.type == syms.simple_stmt and str(sibling).strip() == text:
            return True
    return False


def replace_import(node, texts):
    """Replace an import statement node by the import statements in `texts` (the first in place)."""
    first = parse_import(texts[0])
    first.prefix = node.prefix
    node.replace(first)
    add_after(first, texts[1:])
    return first


def add_after(import_node, texts):
    """Add import statements after the statement holding import_node: on their own lines in a block,
    after `;` where the statement is the one-line body of a compound statement."""
    stmt = import_node.parent
    parent = stmt.parent
    for text in reversed(texts):
        new = parse_import(text)
        if parent.type in (syms.suite, syms.file_input):
            line = pytree.Node(syms.simple_stmt, [new, Newline()])
            line.prefix = find_indentation(stmt)
            parent.insert_child(parent.children.index(stmt) + 1, line)
        else:
            new.prefix = " "
            position = stmt.children.index(import_node) + 1
            stmt.insert_child(position, new)
            stmt.insert_child(position, Leaf(token.SEMI, ";"))


def remove_import_item(import_node, item):
    """Drop one item of `import a, b, c` (never the last one)."""
    names_node = import_node.children[1]
    children = names_node.children
    index = children.index(item)
    if index + 1 < len(children) and children[index + 1].type == token.COMMA:
        following = children[index + 2] if index + 2 < len(children) else None
        children[index + 1].remove()
        if following is not None and index == 0:
            following.prefix = item.prefix
        item.remove()
    else:
        children[index - 1].remove()
        item.remove()
    if len(names_node.children) == 1:
        only = names_node.children[0]
        only.remove()
        names_node.replace(only)
