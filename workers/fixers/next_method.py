"""`it.next()` → `next(it)`; iterator classes' `def next(self)` → `def __next__(self)` + `next = __next__`."""
from fissix.fixer_util import Call, Name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.parsing import parse
from workers.rewriting.scopes import PARAMETER, binding_statements, imported_module
from workers.rewriting.protocols import (
    attr_trailer_name, builtin_is_shadowed, class_binds, imported_names, insert_alias_after_method, is_empty_call, is_name,
    method_named, power_from, root_of,
)


def _excluded_receiver(base, tree):
    """`super(C, self).next()` is the parent class's method, not an iterator; `mod.next()` on an
    imported module is that module's function."""
    if len(base) == 2 and is_name(base[0], "super") and base[1].children[0].type == token.LPAR:
        return True
    return len(base) == 1 and base[0].type == token.NAME and base[0].value in imported_names(tree)


def _next_calls(children, tree):
    """Indexes i where children[i] is `.next` and children[i + 1] is `()`, receiver not excluded."""
    return [
        index for index in range(1, len(children) - 1)
        if attr_trailer_name(children[index]) == "next" and is_empty_call(children[index + 1])
        and not _excluded_receiver(children[:index], tree)
    ]


_CATCH_ALL = {"Exception", "BaseException", "StandardError"}


def _handler_names(clause):
    """Names an `except` clause catches; None for a bare `except:`."""
    if len(clause.children) == 1:
        return None
    caught = clause.children[1]
    return {leaf.value for leaf in caught.leaves() if leaf.type == token.NAME}


def _catches_attribute_error_only(node):
    """Whether the nearest enclosing `try` (in the same function) that handles an AttributeError
    raised at node sends it elsewhere than a TypeError: `x.next()` on an object without `next`
    (None, a list) raises AttributeError, `next(x)` raises TypeError, and code like
    `try: return it.next()` / `except (StopIteration, AttributeError): return default` relies on
    the former."""
    child, parent = node, node.parent
    while parent is not None and parent.type not in (syms.funcdef, syms.classdef, syms.lambdef, syms.file_input):
        if parent.type == syms.try_stmt and child is parent.children[2]:
            attribute = type_error = None
            for index, clause in enumerate(parent.children):
                if clause.type == syms.except_clause or (clause.type == token.NAME and clause.value == "except"):
                    names = _handler_names(clause) if clause.type == syms.except_clause else None
                    everything = names is None or names & _CATCH_ALL
                    if attribute is None and (everything or "AttributeError" in names):
                        attribute = index
                    if type_error is None and (everything or "TypeError" in names):
                        type_error = index
            if attribute is not None or type_error is not None:
                return attribute is not None and attribute != type_error
        child, parent = parent, parent.parent
    return False


def _plain_receiver(base):
    """`x` or `x.a.b`: evaluating it twice reads the same object."""
    return base[0].type == token.NAME and all(attr_trailer_name(trailer) for trailer in base[1:])


def _attribute_error_call(base):
    """`(x.__next__ if hasattr(x, '__next__') else x.next)()`: the iterator's own method on 2.7
    and 3 alike, so an object without one still raises AttributeError."""
    text = str(power_from(base)).strip()
    tree = parse("(%s.__next__ if hasattr(%s, '__next__') else %s.next)()\n" % (text, text, text))
    expression = tree.children[0].children[0]
    expression.parent = None
    return expression


def _iterator_next_reference(children):
    """`iter(x).next` or `gen(...).next` (gen a generator function) not called, or `it.next` where
    `it = iter(x)` (or `gen(...)`) is the one binding of `it`: the bound `next` method of a certain
    iterator, passed as a value."""
    if len(children) == 2:
        return attr_trailer_name(children[1]) == "next" and _bound_to_iterator(children[0])
    if len(children) != 3:
        return False
    call, attribute = children[1], children[2]
    if call.type != syms.trailer or call.children[0].type != token.LPAR or attr_trailer_name(attribute) != "next":
        return False
    return _iterator_call(children[0])


def _iterator_call(callee):
    """`iter` (the builtin) or a generator function: what `callee(...)` makes is an iterator."""
    if is_name(callee, "iter") and not builtin_is_shadowed(callee, "iter"):
        return True
    return callee.type == token.NAME and _generator_function(callee)


def _bound_to_iterator(leaf):
    """A NAME whose one binding is `leaf = iter(x)` or `leaf = gen(...)` (Werkzeug's ClosingIterator
    keeps `iterator.next` of `iterator = iter(iterable)`)."""
    if leaf.type != token.NAME:
        return False
    bound = binding_statements(leaf, leaf.value) or []
    if len(bound) != 1 or bound[0] is PARAMETER or bound[0].type != syms.expr_stmt:
        return False
    stmt = bound[0]
    if len(stmt.children) != 3 or not is_name(stmt.children[0], leaf.value) or stmt.children[1].type != token.EQUAL:
        return False
    value = stmt.children[2]
    return value.type == syms.power and len(value.children) == 2 and value.children[1].type == syms.trailer and \
        value.children[1].children[0].type == token.LPAR and _iterator_call(value.children[0])


def _generator_function(leaf):
    """The name is bound only by `def`s whose bodies yield, besides (after them) the very statement
    using it: Genshi's `_gen_prefix = _gen_prefix().next`."""
    bound = binding_statements(leaf, leaf.value) or []
    defs = [stmt for stmt in bound if stmt is not PARAMETER and stmt.type == syms.funcdef]
    others = [stmt for stmt in bound if stmt not in defs]
    if not defs or not all(_yields(funcdef) for funcdef in defs):
        return False
    return all(_holds(stmt, leaf) and _after(stmt, defs) for stmt in others)


def _yields(funcdef):
    return any(leaf.type == token.NAME and leaf.value == "yield" and _own_yield(leaf, funcdef)
               for leaf in funcdef.children[-1].leaves())


def _own_yield(leaf, funcdef):
    """The yield is in funcdef's own body, not a nested function's or class's."""
    node = leaf.parent
    while node is not funcdef:
        if node.type in (syms.funcdef, syms.classdef, syms.lambdef):
            return False
        node = node.parent
    return True


def _holds(stmt, leaf):
    node = leaf
    while node is not None and node is not stmt:
        node = node.parent
    return node is stmt


def _after(stmt, defs):
    """stmt and the defs are in one block, stmt below them."""
    line = stmt.get_lineno()
    return all(funcdef.parent is stmt.parent.parent and funcdef.get_lineno() < line for funcdef in defs)


def _module_import_needed(node, module):
    """Whether `import module` must be added for `module` to mean that module at node (False when
    it already does), or None when the name means something else there."""
    bound = binding_statements(node, module)
    if bound is None:
        return True
    if all(stmt is not PARAMETER and imported_module(stmt, module) == module for stmt in bound):
        return False
    return None


def _next_function(node):
    """How to spell the builtin `next` at node: `six.next` where a module or function binds its
    own `next` (Jinja2's `from jinja2.utils import next`), or None when `six` means something else."""
    if not builtin_is_shadowed(node, "next"):
        return "next"
    return "six.next" if _module_import_needed(node, "six") is not None else None


def _partial_next(children, prefix, next_function):
    """`functools.partial(next, iter(x))`: a function returning the iterator's next item on 2.7 and 3."""
    receiver = power_from(children[:-1]) if len(children) > 2 else children[0]
    tree = parse("functools.partial(%s, %s)\n" % (next_function, str(receiver).strip()))
    expression = tree.children[0].children[0]
    expression.parent = None
    expression.prefix = prefix
    return expression


def _rewrite(children, tree, keep_attribute_error=False):
    """`a.b.next().c` → `next(a.b).c`, repeatedly, left to right."""
    nodes = [child.clone() for child in children]
    while True:
        calls = _next_calls(nodes, tree)
        if not calls:
            return nodes
        index = calls[0]
        if keep_attribute_error and _plain_receiver(nodes[:index]):
            call = _attribute_error_call(nodes[:index])
        else:
            call = Call(Name("next"), [power_from(nodes[:index])])
        nodes = [call] + nodes[index + 2:]


class _Impl(TreeFixer):
    _accept_type = {syms.power, token.NAME}

    def match(self, node):
        if node.type == token.NAME:
            # The method's name: the site is the `def` line.
            funcdef = node.parent
            if node.value != "next" or funcdef.type != syms.funcdef or node is not funcdef.children[1]:
                return False
            classdef = method_named(funcdef, "next")
            if classdef is None or class_binds(classdef, "__next__"):
                return False
            return {"method": funcdef}
        if _iterator_next_reference(node.children) and _module_import_needed(node, "functools") is not None:
            if _next_function(node) is not None:
                return {"reference": node}
        if builtin_is_shadowed(node, "next"):
            return False
        if not _next_calls(node.children, root_of(node)):
            return False
        return {"call": node}

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_imports = set()

    def after_fix(self, tree):
        for module in sorted(self.needs_imports):
            add_import(tree, module)
        super().after_fix(tree)

    def transform(self, node, results):
        if "method" in results:
            node.replace(Name("__next__", prefix=node.prefix))
            insert_alias_after_method(results["method"], "next", "__next__")
            return None
        if "reference" in results:
            next_function = _next_function(node)
            for module in {"functools", next_function.partition(".")[0]} - {"next"}:
                if _module_import_needed(node, module):
                    self.needs_imports.add(module)
            return _partial_next(node.children, node.prefix, next_function)
        nodes = _rewrite(node.children, root_of(node), _catches_attribute_error_only(node))
        new = power_from(nodes, prefix=node.prefix) if len(nodes) > 1 else nodes[0]
        new.prefix = node.prefix
        return new


class NextMethod(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 24
    trigger = r"\.[\s\\]*next\b|\bdef\s+next\b"
    summary = "Use next(it) and give iterator classes __next__ (keeping next as an alias)"
    explanation = (
        "Python 3 renamed the iterator method `next()` to `__next__()`. Calls `it.next()` become the "
        "builtin `next(it)`, which exists on 2.6+ and calls the class's `next` on 2.7 and its "
        "`__next__` on 3. A method `def next(self)` in a class becomes `def __next__(self)` followed by "
        "`next = __next__` in the class body, so 2.7 (and code calling `obj.next()` explicitly) still "
        "finds `next`. Never renamed without the alias, which would break 2.7. A module or function "
        "that defines its own `next` keeps its calls as they are; `super(...).next()` and calls on an "
        "imported module are left alone; a `next` that needs arguments besides self, or is "
        "decorated, is not the iterator method and is left alone. Inside a `try` that catches "
        "AttributeError but not TypeError, `x.next()` becomes "
        "`(x.__next__ if hasattr(x, '__next__') else x.next)()`: `next(x)` would raise TypeError, "
        "not AttributeError, for an object that has no `next`. The method passed on uncalled, "
        "`iter(x).next` (or `it.next` where `it = iter(x)` is the one binding of `it`), becomes "
        "`functools.partial(next, iter(x))`, or "
        "`functools.partial(six.next, iter(x))` where the module binds a `next` of its own."
    )
    review_hint = (
        "`next(obj)` needs `next` defined on obj's class: an object that only gets `next` through "
        "`__getattr__` or as an instance attribute worked with `obj.next()` but not with `next(obj)`. "
        "Classes that assign `next = something` instead of defining it need a `__next__` by hand."
    )
    risk = SAFE


FIXER = NextMethod()
