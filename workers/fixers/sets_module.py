"""`sets.Set` / `sets.ImmutableSet` (module gone on Python 3) → the builtins `set` / `frozenset`.

`import sets` + `sets.Set(x)` → `set(x)`; `from sets import Set as set` → the import goes. The
builtins have every method of the sets classes except `union_update` (`update`) and the private
`_data`, so a module naming either is left alone (and reported by py2_only_modules), as is one
using anything else of `sets` (`BaseSet`) or where `set` / `frozenset` mean something else.
What changes on 2.7 is said in the note: the repr (`set([1])`, not `Set([1])`), and a Set now
equals a builtin set with the same members (sets.Set([1]) != set([1]) on 2.7).
"""
import re

from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import traversal
from workers.rewriting import module_imports as mi
from workers.rewriting.imports import remove_module_statement
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.scopes import collect_binding_nodes, is_bound_around, root_of
from workers.rewriting.star_exports import star_exported

BUILTINS = {"Set": "set", "ImmutableSet": "frozenset"}
NOT_ON_BUILTINS = re.compile(r"\b(?:union_update|_data)\b")
NOTE = ("on 2.7 the builtin's repr is set([…]) / frozenset([…]) (was Set([…])), it equals other builtin "
        "sets with the same members (a sets.Set never did), and issubset/issuperset accept any iterable "
        "(TypeError before): check doctests and printed output")


def _module_ok(tree):
    return (not mi.is_sibling_module(tree, "sets") and not mi.has_star_import(tree)
            and not NOT_ON_BUILTINS.search(traversal.module_text(tree)))


def _import_name_plan(node, tree):
    """{use power node: builtin} for `import sets` whose every use is sets.Set / sets.ImmutableSet."""
    if [(module, alias) for _, module, alias in mi.import_items(node)] != [("sets", None)]:
        return None
    if star_exported(tree, "sets"):
        return None  # another module may read `sets` from this one through `import *`
    plan = {}
    for leaf in mi.uses_of(tree, node, "sets", mi.Bindings()):
        power, trailer = mi.attribute_of(leaf)
        builtin = BUILTINS.get(trailer.children[1].value) if power is not None else None
        if builtin is None or is_bound_around(power, builtin):
            return None
        plan[id(power)] = builtin
    return plan


def _from_import_plan(node, tree):
    """[(use leaf, builtin)] for `from sets import Set [as X], ImmutableSet [as Y]`."""
    module, pairs = mi.from_import_parts(node)
    if module != "sets" or not pairs or any(name not in BUILTINS for name, _ in pairs):
        return None
    renames = []
    for name, alias in pairs:
        bound, builtin = alias or name, BUILTINS[name]
        if list(collect_binding_nodes(tree).get(bound, ())) != [node]:
            return None
        if star_exported(tree, bound):
            return None
        if bound == builtin:
            continue  # `from sets import Set as set`: the builtin takes over
        uses = mi.uses_of(tree, node, bound, mi.Bindings())
        if any(is_bound_around(leaf, builtin) for leaf in uses):
            return None
        renames += [(leaf, builtin) for leaf in uses]
    return renames


def import_plan(node):
    """What rewriting this module-level sets import means, or None."""
    tree = root_of(node)
    if tree.type != syms.file_input or node.parent.type != syms.simple_stmt or node.parent.parent is not tree:
        return None
    if len(node.parent.children) != 2 or mi.in_import_fallback(node) or not _module_ok(tree):
        return None
    if node.type == syms.import_name:
        uses = _import_name_plan(node, tree)
        return {"attributes": uses} if uses is not None else None
    renames = _from_import_plan(node, tree) if not mi.is_relative_from(node) else None
    return {"renames": renames} if renames is not None else None


def _module_import(tree):
    for node in collect_binding_nodes(tree).get("sets", ()):
        if node.type == syms.import_name:
            return node
    return None


class _Impl(TreeFixer):
    _accept_type = {syms.import_name, syms.import_from, syms.power}

    def note(self, node):
        return NOTE if node.type != syms.power else ""

    def match(self, node):
        if node.type != syms.power:
            return import_plan(node) or False
        head = node.children[0]
        if head.type != token.NAME or head.value != "sets":
            return False
        module_import = _module_import(root_of(node))
        plan = import_plan(module_import) if module_import is not None else None
        builtin = plan["attributes"].get(id(node)) if plan else None
        return {"builtin": builtin} if builtin else False

    def transform(self, node, results):
        if "builtin" in results:
            head = node.children[0]
            node.children[1].remove()
            head.value = results["builtin"]
            head.changed()
            if len(node.children) == 1:
                head.remove()
                node.replace(head)
            return
        for leaf, builtin in results.get("renames", ()):
            leaf.value = builtin
            leaf.changed()
        if "attributes" in results:
            self.module_import = node.parent  # removed once its uses are rewritten
            return
        remove_module_statement(node.parent)

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.module_import = None

    def after_fix(self, tree):
        if self.module_import is not None:
            remove_module_statement(self.module_import)
        super().after_fix(tree)


class SetsModule(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 70
    trigger = r"\bsets\b"
    summary = "Replace sets.Set and sets.ImmutableSet with the builtins set and frozenset"
    explanation = (
        "The `sets` module is gone on Python 3. `sets.Set` and `sets.ImmutableSet` become the builtins "
        "`set` and `frozenset`, which 2.7 and 3 both have with the same methods (except `union_update`: "
        "a module naming it is left alone), and the import goes. `from sets import Set as set` outside "
        "a fallback only loses the import."
    )
    review_hint = NOTE
    risk = NEEDS_REVIEW


FIXER = SetsModule()
