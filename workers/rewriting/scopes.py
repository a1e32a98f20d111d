"""The scope model: what a name refers to at a place in a module, by Python 2's scoping rules.

Every fixer and helper asks here; nothing else walks up enclosing scopes.

- Scopes are the module, `def`, `class` and `lambda`. Only a definition's body belongs to it:
  default values, base classes and decorators are evaluated in the scope around it.
- A scope binds its parameters and whatever its own code assigns: assignments, `for` targets,
  `import`s, `def`/`class` names, `with … as`, `except … as`, and list-comprehension variables,
  which leak into the enclosing scope in Python 2 (generator expressions, dict and set
  comprehensions are walked the same way: the safe side).
- Lookup goes innermost first; a class body counts only for code directly in it, not for the
  functions inside it. `global x` in a function sends `x` to the module. At module level, a name
  some function declares `global` is counted as bound there. A star import binds nothing we can see.

`meaning(leaf)` answers in one word (a `Meaning`): PARAMETER, LOCAL, GLOBAL (module-level
assignment, def or class), MODULE (`import X`), FROM_IMPORT (`from X import Y`), CLASS_ATTRIBUTE,
BUILTIN or UNKNOWN (a free name that is no builtin, or any free name in a module with a star
import). An `x = None` beside `import x` (the optional-import idiom) does not change what the import
means: an attribute of None fails whatever a fixer writes. `binding_scope(node, name)` and `binding_nodes(scope)` give the underlying facts.

What an import statement binds is read here too (`import_name_items`, `from_import_items`).
Answers are cached per tree generation in workers.rewriting.analysis.
"""
from dataclasses import dataclass

from fissix import pytree
from fissix.fixer_util import is_probably_builtin
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import analysis, traversal
from workers.rewriting.analysis import root_of

SCOPES = (syms.funcdef, syms.classdef, syms.lambdef, syms.file_input)

PARAMETER_KIND, LOCAL, GLOBAL, MODULE, FROM_IMPORT, CLASS_ATTRIBUTE, BUILTIN, UNKNOWN = (
    "parameter", "local", "global", "module", "from-import", "class attribute", "builtin", "unknown")

PYTHON2_BUILTINS = frozenset("""
ArithmeticError AssertionError AttributeError BaseException BufferError BytesWarning DeprecationWarning EOFError
Ellipsis EnvironmentError Exception False FloatingPointError FutureWarning GeneratorExit IOError ImportError
ImportWarning IndentationError IndexError KeyError KeyboardInterrupt LookupError MemoryError NameError None
NotImplemented NotImplementedError OSError OverflowError PendingDeprecationWarning ReferenceError RuntimeError
RuntimeWarning StandardError StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError True TypeError
UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning
UserWarning ValueError Warning ZeroDivisionError __debug__ __import__ abs all any apply basestring bin bool buffer
bytearray bytes callable chr classmethod cmp coerce compile complex copyright credits delattr dict dir divmod
enumerate eval execfile exit file filter float format frozenset getattr globals hasattr hash help hex id input int
intern isinstance issubclass iter len license list locals long map max memoryview min next object oct open ord pow
print property quit range raw_input reduce reload repr reversed round set setattr slice sorted staticmethod str sum
super tuple type unichr unicode vars xrange zip
""".split())


class _Parameter:
    """Stands for a parameter in a list of binding statements. Its `type` is no node type, so a
    test such as `node.type == syms.import_name` is simply false for it."""
    type = -1

    def __repr__(self):
        return "PARAMETER"


PARAMETER = _Parameter()


# ---------------------------------------------------------------- where a node sits

def enclosing_scope(node):
    """The innermost scope whose body holds node (see the module docstring)."""
    child, parent = node, node.parent
    while parent is not None:
        if parent.type == syms.file_input:
            return parent
        if parent.type in SCOPES and child is parent.children[-1]:
            return parent
        child, parent = parent, parent.parent
    return None


def is_keyword_argument(leaf):
    """The `name` of `f(name=value)`."""
    parent = leaf.parent
    return parent is not None and parent.type == syms.argument and parent.children[0] is leaf and len(
        parent.children) > 1 and parent.children[1].type == token.EQUAL


def is_lambda_parameter(leaf):
    parent = leaf.parent
    if parent.type == syms.lambdef:
        return leaf is not parent.children[-1]
    if parent.type != syms.varargslist:
        return False
    previous = leaf.prev_sibling
    return previous is None or previous.type in (token.COMMA, token.STAR, token.DOUBLESTAR)


def in_import(leaf):
    """Whether the leaf is part of an import statement (a name it imports or binds)."""
    node = leaf.parent
    while node is not None and node.type not in (syms.simple_stmt, syms.file_input):
        if node.type in (syms.import_name, syms.import_from):
            return True
        node = node.parent
    return False


def in_try_statement(node):
    """Whether a try statement of the node's own function, class or module holds it (code that
    probes for a name or module there has a fallback)."""
    parent = node.parent
    while parent is not None and parent.type not in (syms.funcdef, syms.classdef, syms.file_input):
        if parent.type == syms.try_stmt:
            return True
        parent = parent.parent
    return False


# ---------------------------------------------------------------- what a scope binds

def own_nodes(scope, types=None):
    """Nodes of this scope's body in pre-order, not descending into nested scopes (a def's or
    class's name is ours, see bound_by; the rest is its own scope); only those whose type is in
    `types` when given. A list made in one loop, without a generator's switch per node: the
    bindings of every scope a plan analyses are collected with it."""
    found, stack = [], _body(scope)[::-1]
    while stack:
        node = stack.pop()
        node_type = node.type
        if types is None or node_type in types:
            found.append(node)
        if node_type >= 256 and node_type not in _NESTED_SCOPES:  # a Node, not a nested scope
            stack.extend(node.children[::-1])
    return found


_NESTED_SCOPES = frozenset({syms.funcdef, syms.classdef, syms.lambdef})


def _body(scope):
    if scope.type == syms.file_input:
        return list(scope.children)
    if scope.type == syms.lambdef:
        return scope.children[1:]
    return [scope.children[-1]]


def globals_declared(function):
    """Names a function (or lambda) declares `global` in its own body."""
    return analysis.cached_on(function, "globals_declared", _collect_globals)


def _collect_globals(function):
    if not getattr(root_of(function), "mentions_global", True):
        return frozenset()
    names = set()
    for node in own_nodes(function, (syms.global_stmt,)):
        names.update(child.value for child in node.children[1:] if child.type == token.NAME)
    return frozenset(names)


def binding_nodes(scope):
    """{name: [PARAMETER or the statement binding it]} for the scope's own bindings, in order."""
    return analysis.cached_on(scope, "binding_nodes", collect_binding_nodes)


def collect_binding_nodes(scope):
    """binding_nodes(scope) computed from the tree as it is now, without the cache."""
    found = {}
    for name in parameters(scope):
        found.setdefault(name, []).append(PARAMETER)
    for node in own_nodes(scope, _BINDING_TYPES):
        for name in bound_by(node):
            found.setdefault(name, []).append(node)
    return found


def bound_names(scope):
    """Every name the scope binds; for the module, also the names a function declares `global`."""
    def compute(scope):
        names = frozenset(binding_nodes(scope))
        return names | globals_anywhere(scope) if scope.type == syms.file_input else names
    return analysis.cached_on(scope, "bound_names", compute)


def collect_bound_names(scope):
    """bound_names(scope) computed from the tree as it is now, without the cache."""
    names = set(parameters(scope))
    for node in own_nodes(scope, _BINDING_TYPES):
        names.update(bound_by(node))
    if scope.type == syms.file_input:
        # `global x` in any function may bind x at module level: count it as bound (the safe side).
        names.update(globals_anywhere(scope))
    return frozenset(names)


def globals_anywhere(tree):
    """Names some function of the module declares `global`."""
    def compute():
        if not getattr(tree, "mentions_global", True):
            return frozenset()
        return frozenset(leaf.value for node in traversal.post_order(tree, (syms.global_stmt,))
                         for leaf in node.children[1:] if leaf.type == token.NAME)
    return analysis.cached(tree, "globals_anywhere", compute)


def module_binds(tree, name):
    return name in bound_names(tree)


def parameters(scope):
    """Parameter names of a def or lambda (not their default values)."""
    if scope.type == syms.funcdef:
        return _names_in(scope.children[2])
    if scope.type == syms.lambdef:
        names = set()
        for child in scope.children[1:]:
            if child.type == token.COLON:
                break
            names.update(_parameter_names(child))
        return names
    return set()


def _parameter_names(node):
    if node.type == token.NAME:
        return {node.value}
    names = set()
    if node.type in (syms.varargslist, syms.typedargslist):
        children = node.children
        for index, child in enumerate(children):
            previous = children[index - 1] if index else None
            if previous is not None and previous.type == token.EQUAL:
                continue  # a default value
            names.update(_parameter_names(child))
    elif node.type in (syms.tname, syms.vfpdef, syms.tfpdef, syms.vfplist, syms.tfplist):
        names.update(_parameter_names(node.children[0]) if node.type == syms.tname else _names_in(node))
    return names


def _names_in(node):
    if node.type == syms.parameters:
        names = set()
        for child in node.children[1:-1]:
            names.update(_parameter_names(child))
        return names
    if node.type == token.NAME:
        return {node.value}
    return {leaf.value for leaf in node.leaves() if leaf.type == token.NAME}


# the node types bound_by finds names in: asking only these skips a call for most nodes
_BINDING_TYPES = frozenset({syms.funcdef, syms.classdef, syms.expr_stmt, syms.for_stmt, syms.comp_for, syms.with_stmt,
                            syms.with_item, syms.except_clause, syms.import_name, syms.import_from})


def bound_by(node):
    """Names one node of a scope's own code binds in that scope."""
    node_type = node.type
    if node_type in (syms.funcdef, syms.classdef):
        return {node.children[1].value}
    if node_type == syms.expr_stmt:
        return _assignment_targets(node)
    if node_type in (syms.for_stmt, syms.comp_for):
        index = 2 if node.children[0].type == token.ASYNC else 1
        return target_names(node.children[index])
    if node_type in (syms.with_stmt, syms.with_item):
        return _with_targets(node)
    if node_type == syms.except_clause:
        return target_names(node.children[-1]) if len(node.children) >= 4 else set()
    if node_type == syms.import_name:
        return {bound for _module, bound, _item in import_name_items(node)}
    if node_type == syms.import_from:
        return {(alias or leaf).value for leaf, alias in from_import_items(node)}
    return set()


AUGMENTED_ASSIGNMENTS = {
    token.PLUSEQUAL, token.MINEQUAL, token.STAREQUAL, token.SLASHEQUAL, token.PERCENTEQUAL, token.AMPEREQUAL,
    token.VBAREQUAL, token.CIRCUMFLEXEQUAL, token.LEFTSHIFTEQUAL, token.RIGHTSHIFTEQUAL, token.DOUBLESTAREQUAL,
    token.DOUBLESLASHEQUAL,
}


def _assignment_targets(expr_stmt):
    children = expr_stmt.children
    if len(children) >= 2 and (children[1].type == syms.augassign or children[1].type in AUGMENTED_ASSIGNMENTS):
        return target_names(children[0])
    if len(children) >= 2 and children[1].type == syms.annassign:
        return target_names(children[0])
    names = set()
    for index, child in enumerate(children[:-1]):
        if children[index + 1].type == token.EQUAL:
            names.update(target_names(child))
    return names


def target_names(target):
    """Names an assignment target binds: `a`, `a, b`, `(a, [b, *c])`; not `a.b` or `a[0]`."""
    if target.type == token.NAME:
        return {target.value}
    if target.type in (syms.power, syms.trailer):
        return set()
    if target.type in (syms.atom, syms.exprlist, syms.testlist_gexp, syms.testlist, syms.testlist_star_expr,
                       syms.listmaker, syms.star_expr):
        names = set()
        for child in target.children:
            names.update(target_names(child))
        return names
    return set()


def _with_targets(node):
    names = set()
    children = node.children
    for index, child in enumerate(children):
        if child.type == token.NAME and child.value == "as" and index + 1 < len(children):
            names.update(target_names(children[index + 1]))
    return names


# ---------------------------------------------------------------- what an import binds

def dotted_name(node):
    """`a.b.c` for a NAME or dotted_name node (white space dropped)."""
    return node.value if node.type == token.NAME else "".join(str(leaf.value) for leaf in node.leaves())


def import_name_items(stmt):
    """For `import a.b, c as d`: [(module, bound name, item node)] — ("a.b", "a", …), ("c", "d", …)."""
    names_node = stmt.children[1]
    items = [c for c in names_node.children if c.type != token.COMMA] \
        if names_node.type == syms.dotted_as_names else [names_node]
    found = []
    for item in items:
        if item.type == syms.dotted_as_name:
            found.append((dotted_name(item.children[0]), item.children[-1].value, item))
        elif item.type == syms.dotted_name:
            found.append((dotted_name(item), item.children[0].value, item))
        elif item.type == token.NAME:
            found.append((item.value, item.value, item))
    return found


def from_import_children(stmt):
    """The NAME and import_as_name nodes of `from … import …`, in order (the nodes a fixer removes)."""
    items = []
    for child in stmt.children[_import_keyword(stmt) + 1:]:
        if child.type == syms.import_as_names:
            items.extend(c for c in child.children if c.type != token.COMMA)
        elif child.type in (token.NAME, syms.import_as_name):
            items.append(child)
    return items


def from_import_items(stmt):
    """[(name leaf, alias leaf or None)] of `from … import …`, in order; [] for `import *`."""
    pairs = []
    stack = list(stmt.children[_import_keyword(stmt) + 1:])
    while stack:
        item = stack.pop(0)
        if item.type == syms.import_as_name:
            pairs.append((item.children[0], item.children[-1]))
        elif item.type == token.NAME:
            pairs.append((item, None))
        elif item.type == syms.import_as_names:
            stack[:0] = [c for c in item.children if c.type != token.COMMA]
    return pairs


def _import_keyword(stmt):
    for index, child in enumerate(stmt.children):
        if index and child.type == token.NAME and child.value == "import":
            return index
    return len(stmt.children)


def from_module(stmt):
    """The module of `from module import …` as written (`.`, `..pkg` for relative imports)."""
    return "".join(str(leaf).strip() for child in stmt.children[1:_import_keyword(stmt)] for leaf in child.leaves())


def is_star_import(stmt):
    return stmt.type == syms.import_from and any(child.type == token.STAR for child in stmt.children)


def has_star_import(tree):
    return analysis.cached(tree, "has_star_import", lambda: any(
        is_star_import(node) for node in traversal.post_order(tree, (syms.import_from,))))


def from_import_names(stmt):
    """{bound name: original name} of a from-import, as it was when the tree's generation began
    (see snapshot_module): a fixer may remove names from the statement while it runs."""
    return analysis.cached_on(stmt, "from_import_names", _read_from_import)


def _read_from_import(stmt):
    return {(alias or leaf).value: leaf.value for leaf, alias in from_import_items(stmt)}


def _from_imports(tree):
    """[(module, names bound)] for every from-import in the file, as at the start of the generation."""
    return analysis.cached(tree, "from_imports", lambda: [  # import statements never nest: in source order
        (from_module(node), frozenset(from_import_names(node))) for node in traversal.post_order(tree, (syms.import_from,))])


def names_from_imports(tree, module):
    """Every name some `from module import …` in the file binds: a quick answer for the many
    leaves that are none of them."""
    return analysis.cached(tree, "names_from_imports:" + module, lambda: frozenset(
        name for imported, names in _from_imports(tree) if imported == module for name in names))


def snapshot_module(tree):
    """Read the module's own bindings and its from-imports now, before a fixer changes the tree:
    until the next generation, the fixer resolves names against the imports the module had when
    it started (the runner calls this before a fixer's first change)."""
    if isinstance(tree, pytree.Node):  # an empty file parses to a lone ENDMARKER leaf
        binding_nodes(tree)
        _from_imports(tree)


# ---------------------------------------------------------------- resolving a name

def binding_scope(node, name, below_module=False, bound=bound_names):
    """The innermost scope that binds `name` for code at `node`, or None (builtin or unknown).

    `below_module`: only functions, lambdas and classes count (None when the module would answer).
    `bound(scope)`: the names a scope binds (default: the cached `bound_names`)."""
    scope = enclosing_scope(node)
    inner_function = False
    while scope is not None:
        if below_module and scope.type == syms.file_input:
            return None
        function = scope.type in (syms.funcdef, syms.lambdef)
        if function and name in globals_declared(scope):
            if below_module:
                return None
            root = root_of(scope)
            return root if name in bound(root) else None
        if not (scope.type == syms.classdef and inner_function) and name in bound(scope):
            return scope
        inner_function = inner_function or function
        scope = enclosing_scope(scope)
    return None


def is_bound_around(node, name):
    """Whether any scope enclosing `node` (innermost first, as Python resolves) binds `name`."""
    return binding_scope(node, name) is not None


def bound_below_module(node, name):
    """Whether a function, lambda or class scope around `node` binds `name`."""
    return binding_scope(node, name, below_module=True) is not None


def binding_statements(node, name):
    """[PARAMETER or statement] binding `name` in the innermost scope around `node` that binds it,
    or None when no scope does."""
    scope = binding_scope(node, name)
    return None if scope is None else list(binding_nodes(scope).get(name, ()))


def refers_to_builtin(leaf):
    """True when a NAME leaf is a use of the builtin of that name."""
    if leaf.type != token.NAME or not is_probably_builtin(leaf) or is_keyword_argument(leaf):
        return False
    if is_lambda_parameter(leaf):
        return False
    return not is_bound_around(leaf, leaf.value)


@dataclass(frozen=True)
class Meaning:
    kind: str  # PARAMETER_KIND, LOCAL, GLOBAL, MODULE, FROM_IMPORT, CLASS_ATTRIBUTE, BUILTIN, UNKNOWN
    scope: object = None  # the scope node binding the name (None for BUILTIN, UNKNOWN)
    module: str = None  # MODULE: the module bound; FROM_IMPORT: the module imported from
    name: str = None  # FROM_IMPORT: the name imported (before `as`)


def meaning(leaf):
    """What the NAME `leaf`, read at its place, refers to (see the module docstring)."""
    name = leaf.value
    scope = binding_scope(leaf, name)
    if scope is None:
        if name in PYTHON2_BUILTINS and not has_star_import(root_of(leaf)):
            return Meaning(BUILTIN)
        return Meaning(UNKNOWN)
    nodes = binding_nodes(scope).get(name, ())
    imported = {_imported_by(node, name) for node in nodes if not _none_fallback(node)}
    rebound = scope.type == syms.file_input and name in globals_anywhere(scope)
    if nodes and len(imported) == 1 and None not in imported and not rebound:
        kind, module, original = imported.pop()
        return Meaning(kind, scope, module, original)
    if scope.type == syms.classdef:
        return Meaning(CLASS_ATTRIBUTE, scope)
    if scope.type == syms.file_input:
        return Meaning(GLOBAL, scope)
    if PARAMETER in nodes:
        return Meaning(PARAMETER_KIND, scope)
    return Meaning(LOCAL, scope)


def _none_fallback(node):
    """`x = None` (also `x = y = None`): the optional-import idiom's `except ImportError` branch. A
    use of `x.attr` then fails on None whatever the import would have bound, so it does not change
    what the import means where the import ran."""
    if node is PARAMETER or node.type != syms.expr_stmt or len(node.children) < 3:
        return False
    value = node.children[-1]
    targets = node.children[:-1:2]
    return (value.type == token.NAME and value.value == "None" and all(t.type == token.NAME for t in targets)
            and all(op.type == token.EQUAL for op in node.children[1::2]))


def _imported_by(node, name):
    if node.type == syms.import_name:
        for module, bound, item in import_name_items(node):
            if bound == name:
                return MODULE, module if item.type == syms.dotted_as_name else module.split(".")[0], None
    elif node.type == syms.import_from:
        original = from_import_names(node).get(name)
        if original is not None:
            return FROM_IMPORT, from_module(node), original
    return None


def imports_module(node, module, name):
    """Whether `node` is an `import` statement binding `name` to the module `module`."""
    return node.type == syms.import_name and any(
        bound == name and (dotted if item.type == syms.dotted_as_name else dotted.split(".")[0]) == module
        for dotted, bound, item in import_name_items(node))


def imported_module(stmt, name):
    """For an `import` statement binding `name`: the module it binds it to (`import string` →
    "string", `import a.b as name` → "a.b", `import a.b` binds `a`: "a"); None for anything else."""
    if stmt.type != syms.import_name:
        return None
    for module, bound, item in import_name_items(stmt):
        if bound == name:
            return module if item.type == syms.dotted_as_name else bound
    return None


def imported_from(stmt, name):
    """For `from module import original as name` binding `name`: (module, original); else None."""
    if stmt.type != syms.import_from:
        return None
    for leaf, alias in from_import_items(stmt):
        if (alias or leaf).value == name:
            return from_module(stmt), leaf.value
    return None


def module_imports_django(tree):
    """Whether the module imports anything from Django (at any level)."""
    for node in tree.pre_order():
        if node.type == syms.import_from:
            module = from_module(node)
            if module == "django" or module.startswith("django."):
                return True
        elif node.type == syms.import_name:
            if any(module.split(".")[0] == "django" for module, _bound, _item in import_name_items(node)):
                return True
    return False
