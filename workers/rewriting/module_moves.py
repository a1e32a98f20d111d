"""A TreeFixer base that moves imports of Python-2-only modules to their 2+3 homes.

Subclasses give a table {old module: ModuleMove | AttributeMove} (`moves_for(tree)`). Each import
statement is planned as a whole in match() (so find() and fix() agree), and transform() carries the
plan out: the import statement, then every use of the name it binds (see module_imports).
"""
import sys
from dataclasses import dataclass, field

from fissix.fixer_util import Leaf
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import doctest_names
from workers.rewriting import module_imports as mi
from workers.rewriting.fixer import TreeFixer
from workers.rewriting import scopes
from workers.rewriting.scopes import root_of
from workers.rewriting.star_exports import star_exported

_PYTHON3_STDLIB = getattr(sys, "stdlib_module_names", None)  # 3.10+


@dataclass(frozen=True)
class ModuleMove:
    """`import Old` → `from six.moves import new`; `from Old import x` → `from six.moves.new import x`."""
    new: str
    package: str = "six.moves"


@dataclass(frozen=True)
class AttributeMove:
    """`Old.attr` → a name imported from elsewhere.

    attrs: {attr: (module, name, path)}: `Old.attr` becomes `<binding of module.name>.path…`
    from_names: {name: (module, target name)} for `from Old import name`
    default: (module, name) for an `import Old` with no use at all, or None to leave it alone
    preferred: {(module, name): binding name to use when nothing is captured by it}
    """
    attrs: dict
    from_names: dict
    default: tuple = None
    preferred: dict = field(default_factory=dict)


@dataclass
class ItemPlan:
    item: object  # the dotted_as_name / dotted_name node (import_name), or None for a from-import
    text: str  # the new import statement
    renames: list  # NAME leaves whose value becomes `binding`
    attribute_uses: list  # [(leaf, [path])] uses `old.attr` replaced by binding.path
    binding: str
    kept: bool = False  # the import stays (another module star-imports its name); only uses move
    doctest_uses: list = field(default_factory=list)  # [(string leaf, old name, replacement(attr))]


class MoveImports(TreeFixer):
    _accept_type = {syms.import_name, syms.import_from}

    def moves_for(self, tree):
        raise NotImplementedError

    # ------------------------------------------------------------ planning

    def match(self, node):
        if node.type == syms.import_from:
            return self._plan_from(node)
        return self._plan_name(node)

    def _move(self, tree, module):
        move = self.moves_for(tree).get(module)
        if move is None or mi.is_sibling_module(tree, module.split(".")[0]):
            return None
        return move

    def _plan_name(self, node):
        tree = root_of(node)
        if tree.type != syms.file_input or mi.in_working_import_fallback(node):
            return None
        items = mi.import_items(node)
        bindings = mi.Bindings()
        plans = []
        for item, module, alias in items:
            if "." in module:
                continue
            move = self._move(tree, module)
            if move is None:
                continue
            plan = self._plan_item(tree, node, item, module, alias, move, bindings)
            if plan is not None:
                plans.append(plan)
        return {"kind": "name", "plans": plans, "all": len(plans) == len(items)} if plans else None

    def _plan_item(self, tree, node, item, module, alias, move, bindings):
        bound = alias or module
        uses = mi.uses_of(tree, node, bound, bindings)
        accept = (lambda other: other is node)
        if isinstance(move, ModuleMove):
            target = (move.package, move.new)
            binding = alias or self._binding(tree, node, bound, move.new, uses, bindings, accept,
                                             mi.import_text(target[0], target[1], move.new))
            renames = uses if binding != bound else []
            doctests = _doctest_renames(tree, node, bound, binding)
            return ItemPlan(item, mi.import_text(target[0], target[1], binding), renames, [], binding,
                            doctest_uses=doctests)
        if _kept_for_star_import(tree, node, bound):
            return _plan_kept(node, item, module, uses, move)  # the name would stop meaning the module
        targets, attribute_uses = set(), []
        for use in uses:
            power, trailer = mi.attribute_of(use)
            if power is None:
                return None
            attr = trailer.children[1].value
            if attr not in move.attrs:
                return None
            module_name, name, path = move.attrs[attr]
            targets.add((module_name, name))
            attribute_uses.append((use, list(path)))
        if len(targets) > 1:
            return None
        target = targets.pop() if targets else move.default
        if target is None:
            return None
        preferred = move.preferred.get(target, target[1])
        if alias:
            binding = alias
        else:
            # Only attribute uses change, so renaming captures nothing the attribute forms do not:
            # the check is the same as for a module rename of `bound` to `preferred`.
            binding = self._binding(tree, node, bound, preferred, uses, bindings, accept,
                                    mi.import_text(target[0], target[1], preferred))
            if binding != preferred and any(not path for _, path in attribute_uses):
                return None  # `from six import BytesIO as cStringIO` would only mislead
        doctests = _doctest_attribute_uses(tree, node, bound, binding, move, target)
        if doctests is None:
            return None  # a doctest uses the module in a way the new binding cannot give
        return ItemPlan(item, mi.import_text(target[0], target[1], binding), [], attribute_uses, binding,
                        doctest_uses=doctests)

    def _binding(self, tree, node, old, new, uses, bindings, accept, text=None):
        if old != new and _kept_for_star_import(tree, node, old):
            return old
        if old == new or mi.can_rename(tree, node, old, new, uses, bindings, accept,
                                       lambda other: self._will_bind(other, new, text)):
            return new
        return old

    def _will_bind(self, other, name, text):
        """Whether `other` (an import in the same scope) is rewritten to bind `name` by `text` too."""
        if text is None or any(o is other for o in getattr(self, "_planning", None) or ()):
            return False
        self._planning = getattr(self, "_planning", None) or []
        self._planning.append(other)
        try:
            plan = self.match(other)
        finally:
            self._planning.pop()
            if not self._planning:
                self._planning = None
        if not plan:
            return False
        if plan["kind"] == "name":
            return any(p.binding == name and p.text == text for p in plan["plans"])
        if plan["kind"] == "from_attrs":
            return any(binding == name and mi.import_text(module, target, binding) == text
                       for module, entries in plan["groups"].items() for _, target, binding in entries)
        return False

    def _plan_from(self, node):
        tree = root_of(node)
        if tree.type != syms.file_input or mi.is_relative_from(node) or mi.in_working_import_fallback(node):
            return None
        module, pairs = mi.from_import_parts(node)
        if module is None:
            return None
        move = self._move(tree, module)
        if move is None:
            return None
        if isinstance(move, ModuleMove):
            return {"kind": "from_module", "module": "%s.%s" % (move.package, move.new)}
        if not pairs or any(name not in move.from_names for name, _ in pairs):
            return None
        bindings = mi.Bindings()
        groups = {}
        renames = []
        for name, alias in pairs:
            target_module, target = move.from_names[name]
            binding = alias or name
            if target != name and not alias:
                uses = mi.uses_of(tree, node, name, bindings)
                binding = self._binding(tree, node, name, target, uses, bindings, lambda other: other is node,
                                        mi.import_text(target_module, target, target))
                if binding != name:
                    renames.append((uses, binding))
            groups.setdefault(target_module, []).append((name, target, binding))
        return {"kind": "from_attrs", "groups": groups, "renames": renames}

    # ------------------------------------------------------------ rewriting

    def transform(self, node, results):
        kind = results["kind"]
        if kind == "name":
            self._rewrite_name(node, results)
        elif kind == "from_module":
            module_node = mi.from_module_node(node)
            new = mi.parse_import("from %s import x" % results["module"]).children[1]
            new.prefix = module_node.prefix
            module_node.replace(new)
        else:
            self._rewrite_from(node, results)

    def _rewrite_name(self, node, results):
        plans = results["plans"]
        for plan in plans:
            for leaf in plan.renames:
                leaf.value = plan.binding
            for leaf, path in plan.attribute_uses:
                mi.replace_attribute_use(leaf, mi.dotted_trailers(plan.binding, path))
            for leaf, old, replacement in plan.doctest_uses:
                doctest_names.rewrite_attribute_uses(leaf, old, replacement)
        moved = [plan for plan in plans if not plan.kept]
        if len(moved) < len(plans):
            self.needs_six = True
        texts = []
        for plan in moved:
            if plan.text not in texts:
                texts.append(plan.text)
        every = results["all"] and len(moved) == len(plans)
        if not texts:
            return
        if every and len(texts) == 1 and mi.duplicate_of_earlier(node, texts[0]):
            node.parent.remove()
            return
        if every:
            mi.replace_import(node, texts)
        else:
            for plan in moved:
                mi.remove_import_item(node, plan.item)
            mi.add_after(node, texts)

    def _rewrite_from(self, node, results):
        for uses, binding in results["renames"]:
            for leaf in uses:
                leaf.value = binding
        texts = []
        for module, entries in results["groups"].items():
            parts = [name if name == binding else "%s as %s" % (name, binding) for _, name, binding in entries]
            texts.append("from %s import %s" % (module, ", ".join(parts)))
        groups = list(results["groups"].items())
        if len(groups) == 1 and self._rewrite_from_in_place(node, *groups[0]):
            return
        mi.replace_import(node, texts)

    def _rewrite_from_in_place(self, node, module, entries):
        """One target module: change the module name and the names in place, keeping the layout
        (a parenthesised multi-line import keeps its lines)."""
        name_leaves = [leaf for leaf in _imported_name_leaves(node)]
        if len(name_leaves) != len(entries):
            return False
        module_node = mi.from_module_node(node)
        new_module = mi.parse_import("from %s import x" % module).children[1]
        new_module.prefix = module_node.prefix
        module_node.replace(new_module)
        for (leaf, has_alias), (_, target, binding) in zip(name_leaves, entries):
            if leaf.value == target:
                continue
            if has_alias or binding == target:
                leaf.value = target
                continue
            # `name` must stay bound: `target as name`
            from fissix import pytree
            leaf.replace(pytree.Node(syms.import_as_name, [
                Leaf(token.NAME, target, prefix=leaf.prefix), Leaf(token.NAME, "as", prefix=" "),
                Leaf(token.NAME, binding, prefix=" ")]))
        return True


def _in_module_scope(tree, node):
    return scopes.enclosing_scope(node) is tree


def _doctest_renames(tree, node, old, new):
    """The module's doctest uses of a module-level `import old` that now binds `new`."""
    if old == new or not _in_module_scope(tree, node):
        return []
    return [(leaf, old, lambda attr: new if attr is None else "%s.%s" % (new, attr))
            for leaf, _ in doctest_names.doctest_uses(tree, old)]


def _doctest_attribute_uses(tree, node, old, binding, move, target):
    """The module's doctest uses `old.attr` of a module-level `import old` whose attributes move to
    `binding` (the import of target), or None when one of them cannot follow (a bare use, another
    attribute or another target)."""
    if not _in_module_scope(tree, node):
        return []
    found = doctest_names.doctest_uses(tree, old)
    attrs = {attr for _, used in found for attr in used}
    if any(attr not in move.attrs or move.attrs[attr][:2] != target for attr in attrs):
        return None

    def replacement(attr):
        return ".".join([binding] + list(move.attrs[attr][2]))
    return [(leaf, old, replacement) for leaf, _ in found]


def _plan_kept(node, item, module, uses, move):
    """For `import M` whose name other modules star-import, when M still exists on Python 3 (urllib):
    the import stays, and every `M.attr` use here goes to its six home by full path (`six.moves.
    urllib.parse.quote`), so this module's own calls work on 3 too. None when one cannot."""
    if not uses or _PYTHON3_STDLIB is None or module not in _PYTHON3_STDLIB or mi.in_import_fallback(node):
        return None
    attribute_uses = []
    for use in uses:
        power, trailer = mi.attribute_of(use)
        if power is None or trailer.children[1].value not in move.attrs:
            return None
        module_name, name, path = move.attrs[trailer.children[1].value]
        if module_name.split(".")[0] != "six":
            return None
        attribute_uses.append((use, module_name.split(".")[1:] + [name] + list(path)))
    return ItemPlan(item, None, [], attribute_uses, "six", kept=True)


def _kept_for_star_import(tree, node, name):
    """Whether a module-level import's `name` must stay bound: another module may star-import it."""
    return scopes.enclosing_scope(node) is tree and star_exported(tree, name)


def _imported_name_leaves(node):
    """[(NAME leaf of the imported name, has `as`)] for a from-import, in order."""
    return [(leaf, alias is not None) for leaf, alias in scopes.from_import_items(node)]
