"""The `new` module (gone on Python 3) → `types` and six, where the 2+3 form is the same object or
call on 2.7.

2.7's new.py only re-exports types: `new.module` is `types.ModuleType`, `new.function`
`types.FunctionType`, `new.instancemethod` `types.MethodType`. So:
- `new.module` / `new.function` → `types.ModuleType` / `types.FunctionType`, and
  `from new import module as M` → `from types import ModuleType as M`;
- `new.instancemethod(f, obj)` → `types.MethodType(f, obj)` (two arguments on 2.7 and 3);
- `new.instancemethod(f, obj, obj.__class__)` → `six.create_bound_method(f, obj)`, which is exactly
  that call on 2.7 and the two-argument one on 3;
- `new.instancemethod(f, None, cls)` → `six.create_unbound_method(f, cls)`: that call on 2.7, `f`
  itself on 3 (which has no unbound methods).
`import new` then becomes `import types` (or goes). A module using anything else of `new`
(`classobj`, which made a classic class; `code`, whose arguments differ on 3; `instance`; a third
argument that is another class) is left alone and reported by py2_only_modules.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from fissix.fixer_util import does_tree_import

from workers.rewriting import module_imports as mi
from workers.rewriting.builtin_calls import call_arguments
from workers.rewriting.imports import remove_module_statement
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import collect_binding_nodes, root_of
from workers.rewriting.star_exports import star_exported
from workers.rewriting.typerefs import expression, free_or_module, refers_to_module, replace_head

TYPES = {"module": "ModuleType", "function": "FunctionType"}


def _positional_arguments(trailer):
    """The arguments of a call trailer when every one is positional, else None."""
    if trailer.type != syms.trailer or trailer.children[0].type != token.LPAR:
        return None
    found = call_arguments(trailer)
    return found[0] if found and not found[1] else None


def _is_simple_reference(node):
    """`obj` or `a.b.obj`: evaluating it twice gives the same object."""
    if node.type == token.NAME:
        return True
    return node.type == syms.power and node.children[0].type == token.NAME and all(
        t.type == syms.trailer and t.children[0].type == token.DOT for t in node.children[1:])


def _instancemethod_call(args):
    """(replacement callable, arguments kept) for `new.instancemethod(args)`, or None."""
    if len(args) == 2:
        return "types.MethodType", args
    if len(args) != 3:
        return None
    function, obj, cls = args
    if obj.type == token.NAME and obj.value == "None":
        return "six.create_unbound_method", [function, cls]
    if _is_simple_reference(obj) and str(cls).strip() == str(obj).strip() + ".__class__":
        return "six.create_bound_method", [function, obj]
    return None


def use_plan(leaf):
    """(power node, replacement text) for a use `new.…` of the module, or None."""
    power = leaf.parent
    if power is None or power.type != syms.power or power.children[0] is not leaf or len(power.children) < 2:
        return None
    trailer = power.children[1]
    if trailer.type != syms.trailer or trailer.children[0].type != token.DOT:
        return None
    attr = trailer.children[1].value
    if attr in TYPES:
        return power, "types." + TYPES[attr], 2  # (node, text, how many children of node it replaces)
    if attr != "instancemethod" or len(power.children) < 3:
        return None
    args = _positional_arguments(power.children[2])
    call = _instancemethod_call(args) if args else None
    if call is None:
        return None
    callable_, kept = call
    return power, "%s(%s)" % (callable_, ", ".join(str(arg).strip() for arg in kept)), 3


def _module_import(tree):
    """The module-level `import new` statement node, when it is the only binding of `new`."""
    found = list(collect_binding_nodes(tree).get("new", ()))
    if len(found) != 1 or found[0].type != syms.import_name or mi.in_import_fallback(found[0]):
        return None
    node = found[0]
    if [(module, alias) for _, module, alias in mi.import_items(node)] != [("new", None)]:
        return None
    if node.parent.type != syms.simple_stmt or node.parent.parent is not tree or mi.is_sibling_module(tree, "new"):
        return None
    if star_exported(tree, "new"):
        return None  # another module may read `new` from this one through `import *`
    return node


def module_plan(tree):
    """(import node, [use plans]) when every use of `import new` has a 2+3 form, else None."""
    node = _module_import(tree)
    if node is None or mi.has_star_import(tree):
        return None
    plans = [use_plan(leaf) for leaf in mi.uses_of(tree, node, "new", mi.Bindings())]
    if any(plan is None for plan in plans):
        return None
    if any(text.startswith("types.") and not free_or_module(power, "types", "types") for power, text, _ in plans):
        return None
    return node, plans


def _from_import_plan(node):
    """`from new import module as M` → the import text, when every name is in TYPES."""
    tree = root_of(node)
    if mi.is_relative_from(node) or mi.in_import_fallback(node) or mi.is_sibling_module(tree, "new"):
        return None
    module, pairs = mi.from_import_parts(node)
    if module != "new" or not pairs or any(name not in TYPES for name, _ in pairs):
        return None
    return "from types import %s" % ", ".join(_imported_as(TYPES[name], alias or name) for name, alias in pairs)


def _imported_as(name, binding):
    return name if name == binding else "%s as %s" % (name, binding)


class _Impl(TreeFixer):
    _accept_type = {syms.import_name, syms.import_from, syms.power}

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.module_import = None

    def match(self, node):
        if node.type == syms.import_from:
            text = _from_import_plan(node)
            return {"from": text} if text else False
        tree = root_of(node)
        if tree.type != syms.file_input:
            return False
        if node.type == syms.import_name:
            plan = module_plan(tree)
            return {"import": True} if plan and plan[0] is node else False
        head = node.children[0]
        if head.type != token.NAME or head.value != "new" or not refers_to_module(head, "new"):
            return False
        plan = module_plan(tree)
        use = use_plan(head) if plan else None
        return {"use": use} if use else False

    def transform(self, node, results):
        if "from" in results:
            mi.replace_import(node, [results["from"]])
        elif "import" in results:
            self.module_import = node  # replaced once every use is rewritten (after_fix)
        else:
            power, text, count = results["use"]
            replace_head(power, [child.clone() for child in expression(text).children], count=count)
            self.needs_six = self.needs_six or text.startswith("six.")

    def after_fix(self, tree):
        node = self.module_import
        if node is not None:
            uses_types = any(leaf.type == token.NAME and leaf.value == "types" and mi.is_reference(leaf)
                             for leaf in tree.leaves())
            if uses_types and not does_tree_import(None, "types", tree):
                mi.replace_import(node, ["import types"])
            else:
                remove_module_statement(node.parent)
        super().after_fix(tree)


class NewModule(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 46
    trigger = r"\bnew\b"
    summary = "Replace the new module with types and six (instancemethod, module, function)"
    explanation = (
        "The `new` module is gone on Python 3; on 2.7 it only re-exports `types`. `new.module` and "
        "`new.function` become `types.ModuleType` and `types.FunctionType` (the same objects on 2.7), "
        "`new.instancemethod(f, obj)` becomes `types.MethodType(f, obj)`, `new.instancemethod(f, obj, "
        "obj.__class__)` becomes `six.create_bound_method(f, obj)` and `new.instancemethod(f, None, cls)` "
        "`six.create_unbound_method(f, cls)`, both exactly that call on 2.7. `import new` becomes "
        "`import types`. A module using anything else of `new` (`classobj`, `code`, `instance`) is left "
        "alone and reported."
    )
    review_hint = "Nothing specific: every rewritten call is the same call on 2.7."
    risk = SAFE
    requires = ("six",)


FIXER = NewModule()
