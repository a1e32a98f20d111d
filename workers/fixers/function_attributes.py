"""`f.func_name` → `f.__name__` (and the other func_* names); `m.im_func` → `m.__func__`,
`m.im_self` → `m.__self__`; `m.im_class` → `(m.im_class if six.PY2 else m.__self__.__class__)`."""
from fissix import pytree
from fissix.fixer_util import Call, Comma, Name, String
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import (
    attr_trailer_name, builtin_is_shadowed, is_assignment_target, is_name, own_attribute_names, power_from, root_of,
)

RENAMES = {
    "func_closure": "__closure__",
    "func_code": "__code__",
    "func_defaults": "__defaults__",
    "func_dict": "__dict__",
    "func_doc": "__doc__",
    "func_globals": "__globals__",
    "func_name": "__name__",
    "im_func": "__func__",
    "im_self": "__self__",
}
IM_CLASS = "im_class"


# im_func / im_self of an unbound method (`C.f` on 2.7, a plain function on 3).
METHOD_DEFAULTS = {"im_func": "same", "im_self": "None"}


def _dot(name):
    return pytree.Node(syms.trailer, [pytree.Leaf(token.DOT, "."), Name(name)])


def _maybe_unbound(base, name):
    """Whether X in `X.im_func` may be an unbound method: anything but `self.method`, which is
    bound. (X must be free of calls to be written twice in `getattr(X, "__func__", X)`.)"""
    if len(base) == 2 and is_name(base[0], "self"):
        return False
    if name == "im_func":
        return all(attr_trailer_name(part) for part in base[1:]) and base[0].type == token.NAME
    return True


def _getattr_form(base, name):
    """`getattr(X, "__func__", X)` / `getattr(X, "__self__", None)`: on 2.7 what im_func/im_self
    gave for bound and unbound methods alike; on 3 an unbound method is the function itself."""
    target = power_from(base)
    default = power_from(base) if METHOD_DEFAULTS[name] == "same" else Name("None")
    default.prefix = " "
    args = [target, Comma(), String('"%s"' % RENAMES[name], prefix=" "), Comma(), default]
    return Call(Name("getattr"), args)


def _candidates(power):
    """Indexes of `.func_x` / `.im_x` trailers this fixer rewrites in a power node."""
    children = power.children
    own = None  # the module's own attribute names, listed only once a trailer has a name of ours
    found = []
    for index in range(1, len(children)):
        name = attr_trailer_name(children[index])
        if name not in RENAMES and name != IM_CLASS:
            continue
        if own is None:
            own = own_attribute_names(root_of(power))
        if name in own:
            continue  # the module's own attribute of that name, not a function's
        if index == 1 and children[0].type == token.NAME and children[0].value in ("self", "cls"):
            continue  # an attribute of an instance or class of the module's own, not of a function
        found.append(index)
    return found


def _in_py2_branch(power):
    """Inside `X if six.PY2 else Y` as X: this fixer's own output for im_class."""
    child, parent = power, power.parent
    while parent is not None and parent.type in (syms.power, syms.trailer, syms.atom):
        child, parent = parent, parent.parent
    return parent is not None and parent.type == syms.test and parent.children[0] is child and str(
        parent.children[2]).strip() in ("six.PY2", "PY2")


def _im_class_ok(power, indexes):
    classes = [i for i in indexes if attr_trailer_name(power.children[i]) == IM_CLASS]
    if not classes:
        return True
    return len(classes) == 1 and not is_assignment_target(power) and not _in_py2_branch(power)


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        indexes = _candidates(node)
        if not indexes:
            return False
        if not _im_class_ok(node, indexes):
            indexes = [i for i in indexes if attr_trailer_name(node.children[i]) != IM_CLASS]
            if not indexes:
                return False
        return {"indexes": indexes}

    def transform(self, node, results):
        nodes = [child.clone() for child in node.children]
        offset = 0  # how far the original indexes moved left after wrapping the part before them
        for original in results["indexes"]:
            index = original - offset
            name = attr_trailer_name(nodes[index])
            if name == IM_CLASS:
                nodes = [self._im_class(nodes[:index], nodes[index])] + nodes[index + 1:]
                offset += index
            elif name in METHOD_DEFAULTS and _maybe_unbound(nodes[:index], name) and not builtin_is_shadowed(
                    node, "getattr"):
                nodes = [_getattr_form(nodes[:index], name)] + nodes[index + 1:]
                offset += index
            else:
                leaf = nodes[index].children[1]
                leaf.replace(Name(RENAMES[name], prefix=leaf.prefix))
        return power_from(nodes, prefix=node.prefix)

    def _im_class(self, base, trailer):
        """`(X.im_class if six.PY2 else X.__self__.__class__)`: exact on 2.7, best there is on 3."""
        self.needs_six = True
        py2 = power_from(base + [trailer])
        py3 = power_from(base + [_dot("__self__"), _dot("__class__")], prefix=" ")
        condition = power_from([Name("six"), _dot("PY2")], prefix=" ")
        test = pytree.Node(syms.test, [py2, Name("if", prefix=" "), condition, Name("else", prefix=" "), py3])
        return pytree.Node(syms.atom, [pytree.Leaf(token.LPAR, "("), test, pytree.Leaf(token.RPAR, ")")])


class FunctionAttributes(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 15
    trigger = r"\.[\s\\]*(func_(closure|code|defaults|dict|doc|globals|name)|im_(func|self|class))\b"
    summary = "Use the __name__/__code__/__func__/__self__ spellings of function and method attributes"
    explanation = (
        "Python 3 removed the `func_*` and `im_*` attribute names. Their dunder spellings "
        "(`__name__`, `__doc__`, `__defaults__`, `__code__`, `__globals__`, `__dict__`, `__closure__`, "
        "`__func__`, `__self__`) exist on 2.6+ and are the same objects, so the rewrite is exact on "
        "2.7. Python 3 has no unbound methods: `C.f` is the plain function, without `__func__` or "
        "`__self__`. So `m.im_func` becomes `getattr(m, \"__func__\", m)` and `m.im_self` "
        "`getattr(m, \"__self__\", None)` — what 2.7 gave for bound and unbound methods alike, and "
        "the function itself / None for an unbound one on 3 — except on `self.method`, which is "
        "always bound and gets the plain names. `m.im_class` has no equivalent: "
        "`m.__self__.__class__` (what 2to3 writes) is `NoneType` on 2.7 for an unbound method, so it "
        "becomes `(m.im_class if six.PY2 else m.__self__.__class__)`: unchanged on 2.7, and on 3 the "
        "class of the bound instance (for a classmethod the metaclass, as on 2.7). Attributes the "
        "module defines for its own classes (a method, a class attribute or `self.func_name = …`) "
        "are left alone everywhere in the module, as are attributes of `self` and `cls`."
    )
    review_hint = (
        "`X.im_class` of an unbound method `C.f` cannot work on Python 3 (the class is not "
        "recorded); such code needs the class passed in. `factory().im_func` keeps the plain "
        "`__func__` (the call cannot be written twice), which fails on 3 if it returns an unbound "
        "method. The rewrite is attribute-name based: another library's object with a `func_name` "
        "attribute is renamed too."
    )
    risk = SAFE
    requires = ("six",)


FIXER = FunctionAttributes()
