"""`def __unicode__` → `def __str__` + `@python_2_unicode_compatible` (Django's or six's)."""
import re

from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import classes
from workers.rewriting.analysis import is_within, root_of
from workers.rewriting.scopes import PARAMETER, binding_scope, binding_statements, collect_binding_nodes, \
    imported_from, imported_module, is_bound_around, module_imports_django
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import add_from_import, add_import

DECORATOR = "python_2_unicode_compatible"
DJANGO_MODULE = "django.utils.encoding"

# `__str__` bodies that only encode what `__unicode__` returns (S: the method's first parameter)
_TEXT_OF_SELF = {
    "unicode(S)", "six.text_type(S)", "text_type(S)", "S.__unicode__()", "force_unicode(S)", "force_text(S)",
    "smart_unicode(S)", "smart_text(S)",
}
# encodings for which six's utf-8 encoding gives the same bytes whenever the old __str__ succeeded
_ENCODINGS = {"utf-8", "utf8", "utf_8", "ascii", "us-ascii"}


def _compact(node):
    return "".join(str(node).split())


def _first_parameter(funcdef):
    params = funcdef.children[2]
    inner = params.children[1] if len(params.children) == 3 else None
    if inner is None:
        return None
    if inner.type == token.NAME:
        return inner.value
    if inner.type == syms.typedargslist and inner.children[0].type == token.NAME:
        return inner.children[0].value
    return None


def _returned_expression(funcdef):
    body = funcdef.children[-1]
    if body.type == syms.simple_stmt:
        statements = [body]
    else:
        statements = [c for c in body.children if c.type not in (token.NEWLINE, token.INDENT, token.DEDENT)]
    if len(statements) == 2 and statements[0].type == syms.simple_stmt and statements[0].children[0].type == token.STRING:
        statements = statements[1:]  # a docstring
    if len(statements) != 1 or statements[0].type != syms.simple_stmt:
        return None
    small = statements[0].children[0]
    if small.type != syms.return_stmt or len(small.children) != 2:
        return None
    return small.children[1]


def is_bytes_str(funcdef, unicode_def=None):
    """`def __str__(self): return unicode(self).encode('utf-8')` and its usual spellings; with
    unicode_def, also `return E.encode('utf-8')` where `__unicode__` is `return E`."""
    self_name = _first_parameter(funcdef)
    value = _returned_expression(funcdef)
    if self_name is None or value is None or value.type != syms.power or len(value.children) < 3:
        return False
    encode, call = value.children[-2:]
    if str(encode).strip() != ".encode" or call.type != syms.trailer or call.children[0].type != token.LPAR:
        return False
    args = call.children[1:-1]
    if args:
        arg = args[0]
        literal = re.match(r"^[bu]?(['\"])([\w-]+)\1$", arg.value, re.I) if arg.type == token.STRING else None
        if literal is None or literal.group(2).lower() not in _ENCODINGS:
            return False
    receiver = "".join(_compact(c) for c in value.children[:-2])
    return receiver in {form.replace("S", self_name) for form in _TEXT_OF_SELF} or _same_text(receiver, unicode_def, self_name)


def _same_text(receiver, unicode_def, self_name):
    """Whether `__unicode__` (with the same name for self) returns exactly `receiver`."""
    if unicode_def is None or _first_parameter(unicode_def) != self_name:
        return False
    returned = _returned_expression(unicode_def)
    return returned is not None and _compact(returned) == receiver


def _decorator_for(classdef):
    """(decorator text, import needed: "django", "six" or None), or None when none can be used."""
    bound = binding_statements(classdef, DECORATOR)
    if bound is not None:
        if all(stmt is not PARAMETER and imported_from(stmt, DECORATOR) in (
                (DJANGO_MODULE, DECORATOR), ("six", DECORATOR), ("django.utils.six", DECORATOR)) for stmt in bound):
            return DECORATOR, None
        return None
    root = classdef
    while root.parent is not None:
        root = root.parent
    if module_imports_django(root):
        return DECORATOR, "django"
    bound = binding_statements(classdef, "six")
    if bound is None:
        return "six." + DECORATOR, "six"
    if all(stmt is not PARAMETER and (imported_module(stmt, "six") == "six" or imported_from(stmt, "six") in (
            ("django.utils", "six"),)) for stmt in bound):
        return "six." + DECORATOR, None
    return None


def _already_decorated(classdef):
    parent = classdef.parent
    if parent is None or parent.type != syms.decorated:
        # None: a base class of the module read from the names as they were before this fix
        # rewrote it (TokenList(Token) after Token): what it was is what find() saw
        return False
    return DECORATOR in str(parent.children[0])


# Calls in a `__unicode__` body that reach `__str__`: after the rename, `__str__` on 2.7 is the
# decorator's `self.__unicode__().encode('utf-8')`, so any of these recurses forever.
_STR_CALLS = {"str", "bytes", "format", "six.binary_type", "binary_type"}
# Bases whose 2.7 `__str__` already delegates to `__unicode__` (or that have none of their own).
_DJANGO_MODELS = {("django.db.models", "Model"), ("django.db", "models")}


def _reaches_str(funcdef, methods, seen=None):
    """Whether the method (or a method of the class it calls on self) calls str(self),
    self.__str__(), super().__str__, `... % self` or `.format(self)`: with `__str__` derived from
    `__unicode__`, each of those is an endless recursion."""
    self_name = _first_parameter(funcdef)
    if self_name is None:
        return True  # cannot tell what `self` is called
    seen = set() if seen is None else seen
    seen.add(id(funcdef))
    body = funcdef.children[-1]
    for node in body.pre_order():
        if node.type == token.NAME and node.value == "__str__":
            return True
        if node.type == token.NAME and node.value == self_name and _bare_self_reaches_str(node):
            return True
        if node.type == syms.power and node.children[0].type == token.NAME and node.children[0].value == self_name:
            trailer = node.children[1]
            if len(node.children) > 2 and trailer.children[0].type == token.DOT:
                called = methods.get(trailer.children[1].value)
                if called is not None and id(called) not in seen and _reaches_str(called, methods, seen):
                    return True
    return False


def _bare_self_reaches_str(leaf):
    """`self` used as a value (not `self.x`): passed to str()/format(), formatted with % or .format()."""
    parent = leaf.parent
    if parent.type == syms.power and parent.children[0] is leaf:
        return False  # self.attribute, self[...]
    node = leaf
    while node.parent is not None and node.parent.type in (syms.atom, syms.testlist_gexp, syms.arglist,
                                                             syms.argument, syms.exprlist, syms.testlist):
        node = node.parent
    parent = node.parent
    if parent is None:
        return False
    if parent.type == syms.term and any(c.type == token.PERCENT for c in parent.children) and \
            node is not parent.children[0]:
        return True
    if parent.type == syms.trailer and parent.children[0].type == token.LPAR:
        power = parent.parent
        index = power.children.index(parent)
        callee = "".join(str(c).strip() for c in power.children[:index])
        return callee in _STR_CALLS or callee.endswith(".format")
    return False


def _known_str_safe_base(base):
    """True when the base's `__str__` (with its own bases') is absent or delegates to `__unicode__`;
    False when it may be any other `__str__` (a base defined elsewhere is not known)."""
    return _base_is_safe(base, set())


def _base_is_safe(base, seen):
    if base.type == token.NAME and base.value == "object" and not is_bound_around(base, "object"):
        return True
    if base.type == syms.power and len(base.children) == 2 and base.children[0].type == token.NAME and \
            str(base.children[1]).strip() == ".Model":
        bound = binding_statements(base, base.children[0].value)
        return bool(bound) and all(stmt is not PARAMETER and imported_from(stmt, base.children[0].value) in
                                   _DJANGO_MODELS for stmt in bound)
    if base.type != token.NAME:
        return False
    bound = binding_statements(base, base.value)
    if not bound or len(bound) != 1 or bound[0] is PARAMETER:
        return False
    stmt = bound[0]
    if imported_from(stmt, base.value) in _DJANGO_MODELS:
        return True
    stmt = _as_it_stands(stmt, base)
    classdef = stmt.children[-1] if stmt is not None and stmt.type == syms.decorated else stmt
    if classdef is None or classdef.type != syms.classdef or id(classdef) in seen:
        return False
    seen.add(id(classdef))
    own_bases = classes.bases(classdef)
    return own_bases is not None and _str_delegates(classdef) and all(_base_is_safe(b, seen) for b in own_bases)


def _as_it_stands(stmt, base):
    """The statement binding `base` as it is in the tree now. A class this fix already rewrote in
    this pass is still bound to its old, detached node (names resolve as they were when the fix
    started), where its own bases' names resolve to nothing: its new node in the tree stands for it.
    None when the tree now binds the name otherwise."""
    if root_of(stmt) is root_of(base):
        return stmt
    current = collect_binding_nodes(binding_scope(base, base.value)).get(base.value, [])
    return current[0] if len(current) == 1 and current[0] is not PARAMETER else None


def _str_delegates(classdef):
    """The class's own `__str__` is absent, the UTF-8 of `unicode(self)`, or the decorator's."""
    if not classes.binds(classdef, "__str__"):
        return True
    if _already_decorated(classdef):
        return True
    str_def = classes.methods(classdef).get("__str__")
    return str_def is not None and classes.definitions_of(classdef, "__str__") == 1 and is_bytes_str(str_def)


def _analyse(classdef):
    """(unicode funcdef, bytes __str__ funcdef or None, decorator) when the class can be fixed."""
    found = classes.methods(classdef)
    unicode_def = found.get("__unicode__")
    if unicode_def is None or classes.definitions_of(classdef, "__unicode__") != 1 or _already_decorated(classdef):
        return None
    if _reaches_str(unicode_def, found):
        return None
    str_def = None
    if classes.binds(classdef, "__str__"):
        str_def = found.get("__str__")
        if str_def is None or classes.definitions_of(classdef, "__str__") != 1 or classes.is_decorated(str_def) or (
                not is_bytes_str(str_def, unicode_def)):
            return None
    # With a bytes __str__ of its own the class already hides its bases' __str__ (Exception's).
    bases = classes.bases(classdef)
    if bases is None or (str_def is None and not all(_known_str_safe_base(base) for base in bases)):
        return None  # a base's own __str__ would be replaced on 2.7, or be called back
    # Python 3 has no __unicode__ left: any other mention of it in the class would break there.
    for leaf in classdef.leaves():
        if leaf.type == token.NAME and leaf.value == "__unicode__" and leaf is not unicode_def.children[1]:
            if str_def is None or not is_within(leaf, str_def):
                return None
    decorator = _decorator_for(classdef)
    if decorator is None:
        return None
    return unicode_def, str_def, decorator


class _Impl(TreeFixer):
    _accept_type = syms.classdef

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.imports = set()

    def match(self, node):
        return _analyse(node) is not None

    def transform(self, node, results):
        unicode_def, str_def, (decorator, needed) = _analyse(node)
        name_leaf = unicode_def.children[1]
        rename_line, column = classes.position(name_leaf)
        removal = (classes.first_line(str_def), classes.last_line(str_def)) if str_def is not None else None
        class_line = classes.position(node.children[0])[0]

        def edit(lines, first, indent):
            index = rename_line - first
            line = lines[index]
            lines[index] = line[:column] + "__str__" + line[column + len("__unicode__"):]
            if removal:
                lines = classes.remove_lines(lines, first, *removal)
            return classes.insert_decorator(lines, first, class_line, indent, decorator)

        classes.rewrite_lines(node, edit)
        if needed:
            self.imports.add(needed)

    def after_fix(self, tree):
        if "django" in self.imports:
            add_from_import(tree, DJANGO_MODULE, DECORATOR)
        if "six" in self.imports:
            add_import(tree, "six")


class UnicodeDunder(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 60
    trigger = r"\bdef\s+__unicode__\b"
    summary = "Rename __unicode__ to __str__ under @python_2_unicode_compatible"
    explanation = (
        "Python 3 never calls `__unicode__`; `str()` calls `__str__`, which must return text. The "
        "method that returns text is renamed `__str__` and the class is decorated with "
        "`python_2_unicode_compatible` (Django's `django.utils.encoding` one in modules that use "
        "Django, `six`'s otherwise). On 2.7 the decorator puts the method back as `__unicode__` and "
        "makes `__str__` return it encoded to UTF-8, so `unicode(obj)` is unchanged and `str(obj)` "
        "gives the UTF-8 bytes; on 3 it does nothing and `str(obj)` returns the text. A `__str__` that "
        "only encoded `unicode(self)` (UTF-8 or ASCII) is what the decorator provides, so it is "
        "removed; a class with any other `__str__` is left alone, and so is a class whose "
        "`__unicode__` calls `str(self)` (directly, through `self.__str__()`, `super().__str__`, `%` or "
        "`.format`, or through another of its methods), or that has no `__str__` of its own and a base "
        "class whose `__str__` is its own or unknown (defined in another module, a builtin exception): "
        "renamed, it would call itself forever or replace that base's `__str__` on 2.7. A `__str__` "
        "returning `E.encode('utf-8')` where `__unicode__` returns `E` is also the decorator's. Bases "
        "known to delegate are `object`, Django's "
        "`Model` and classes of the same module without a `__str__` of their own."
    )
    review_hint = (
        "On 2.7 a class that had only `__unicode__` used to give the default `<… object at …>` from "
        "`str(obj)`; it now gives the UTF-8 text. Code outside the class that calls `obj.__unicode__()` "
        "directly needs `six.text_type(obj)` to work on 3."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = UnicodeDunder()
