"""`itertools.imap/ifilter/izip/izip_longest/ifilterfalse` → their `six.moves` names."""
from fissix import pytree
from fissix.fixer_util import Name, Newline
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import analysis, scopes as names_module
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_from_import
from workers.rewriting.patterns import any_of
from workers.rewriting.scopes import in_import, is_bound_around, root_of
from workers.rewriting.star_exports import star_exported

MOVES = {
    "imap": "map", "ifilter": "filter", "izip": "zip", "izip_longest": "zip_longest",
    "ifilterfalse": "filterfalse",
}


def _is_itertools_from(node):
    return node.type == syms.import_from and names_module.from_module(node) == "itertools"


def _imported(import_from):
    """[(name, alias or None)] of a `from … import` ([] for a star import)."""
    return [(name.value, alias and alias.value) for name, alias in names_module.from_import_items(import_from)]


def analyse(tree):
    """{'itertools module aliases': set, 'rename': {old: new}} for a module.

    `from itertools import izip` becomes `from six.moves import zip` and every `izip` becomes `zip`
    only when nothing else in the module binds `izip`, and the module never mentions `zip` itself
    (a builtin `zip` there would turn lazy on 2.7 under the new import: PyCQA/modernize#240).
    Otherwise the import becomes `from six.moves import zip as izip` and the code is left alone.
    """
    modules = set()
    imported = {}
    other_bindings = set()
    name_uses = set()
    six_moves = set()
    for node in tree.pre_order():
        if node.type == token.NAME:
            name_uses.add(node.value)
        if node.type == syms.import_name:
            for module, bound, _ in names_module.import_name_items(node):
                if module == "itertools":
                    modules.add(bound)
        if node.type == syms.import_from and _is_itertools_from(node):
            for name, alias in _imported(node):
                if name in MOVES and alias is None:
                    imported[name] = True
                else:
                    other_bindings.add(alias or name)
            continue
        if node.type in (syms.funcdef, syms.lambdef):
            other_bindings.update(names_module.parameters(node))
        if node.type == syms.import_from and names_module.from_module(node) == "six.moves":
            six_moves.update(name for name, alias in _imported(node) if alias is None)
            continue
        other_bindings.update(names_module.bound_by(node))
    # names used outside imports of itertools / six.moves
    used_elsewhere = set()
    for node in tree.pre_order():
        if node.type == token.NAME and not in_import(node):
            used_elsewhere.add(node.value)
        elif node.type == token.NAME and in_import(node) and not _is_six_moves_or_itertools_import(node):
            used_elsewhere.add(node.value)
    rename = {}
    for old in imported:
        new = MOVES[old]
        if old in other_bindings or new in other_bindings or (new in used_elsewhere and new not in six_moves):
            continue
        if star_exported(tree, old):
            continue  # another module may read `izip` from this one through `import *`
        rename[old] = new
    return {"modules": modules, "rename": rename}


def _is_six_moves_or_itertools_import(leaf):
    node = leaf.parent
    while node is not None and node.type != syms.import_from:
        node = node.parent
    return node is not None and names_module.from_module(node) in ("six.moves", "itertools")


def _analysis(node):
    root = root_of(node)
    return analysis.cached(root, "itertools_functions.analysis", lambda: analyse(root))


def _is_target(power):
    parent = power.parent
    if parent is not None and parent.type == syms.expr_stmt:
        index = parent.children.index(power)
        following = parent.children[index + 1] if index + 1 < len(parent.children) else None
        return isinstance(following, pytree.Leaf) and following.value.endswith("=")
    return parent is not None and parent.type == syms.del_stmt


class _Impl(TreeFixer):
    PATTERN = """
              power< module=NAME trailer< '.' %s > rest=any* >
              |
              import_from< 'from' 'itertools' 'import' any* >
              |
              %s
              """ % (any_of("moved", MOVES), any_of("use", MOVES))

    def match(self, node):
        results = super().match(node)
        if not results:
            return False
        if "moved" in results:
            return results if self._module_attribute(node, results["module"]) else False
        if "use" in results:
            return results if self._renamed_use(node) else False
        return results if any(name in MOVES for name, _ in _imported(node)) else False

    def _module_attribute(self, node, module):
        if module.value not in _analysis(node)["modules"] or not is_bound_around(node, module.value):
            return False
        return not (len(node.children) == 2 and _is_target(node))

    def _renamed_use(self, leaf):
        if in_import(leaf) or leaf.value not in _analysis(leaf)["rename"]:
            return False
        previous = leaf.prev_sibling
        if previous is not None and previous.type == token.DOT:
            return False
        return not names_module.is_keyword_argument(leaf)

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        _analysis(tree)
        self.pending = []

    def transform(self, node, results):
        if "moved" in results:
            self.needs_six = True
            head = [Name("six", prefix=results["module"].prefix), _dot("moves"), _dot(MOVES[results["moved"].value])]
            return pytree.Node(syms.power, head + [c.clone() for c in results["rest"]])
        if "use" in results:
            return Name(_analysis(node)["rename"][node.value], prefix=node.prefix)
        return self._transform_import(node)

    def _transform_import(self, node):
        rename = _analysis(node)["rename"]
        kept, moved = [], []
        for name, alias in _imported(node):
            if name not in MOVES:
                kept.append((name, alias))
            elif alias is not None:
                moved.append((MOVES[name], alias))
            elif name in rename:
                moved.append((rename[name], None))
            else:
                moved.append((MOVES[name], name))  # from six.moves import zip as izip
        if not kept:
            # In place: the statement (and any block it is in) stays where it is (mitsuhiko/python-modernize#36).
            new = _from_import("six.moves", moved)
            new.prefix = node.prefix
            return new
        new = _from_import("itertools", kept)
        new.prefix = node.prefix
        stmt = node.parent
        if stmt.parent is not None and stmt.parent.type == syms.file_input and all(a is None for _, a in moved):
            self.pending.extend(name for name, _ in moved)
        else:
            self._insert_after(stmt, _from_import("six.moves", moved))
        return new

    def _insert_after(self, stmt, import_node):
        indent = ""
        if "\n" in stmt.prefix:
            indent = stmt.prefix.rsplit("\n", 1)[1]
        elif stmt.prev_sibling is not None and stmt.prev_sibling.type == token.INDENT:
            indent = stmt.prev_sibling.value
        elif stmt.parent is not None and stmt.parent.type != syms.file_input:
            indent = stmt.prefix
        new_stmt = pytree.Node(syms.simple_stmt, [import_node, Newline()])
        new_stmt.prefix = indent
        parent = stmt.parent
        parent.insert_child(parent.children.index(stmt) + 1, new_stmt)

    def after_fix(self, tree):
        for name in self.pending:
            add_from_import(tree, "six.moves", name)
        super().after_fix(tree)


def _dot(name):
    return pytree.Node(syms.trailer, [pytree.Leaf(token.DOT, "."), Name(name)])


def _from_import(module, items):
    leaves = []
    for name, alias in items:
        if leaves:
            leaves.append(pytree.Leaf(token.COMMA, ","))
        if alias is None or alias == name:
            leaves.append(Name(name, prefix=" "))
        else:
            leaves.append(pytree.Node(syms.import_as_name, [
                Name(name, prefix=" "), Name("as", prefix=" "), Name(alias, prefix=" ")]))
    names = leaves[0] if len(leaves) == 1 else pytree.Node(syms.import_as_names, leaves)
    return pytree.Node(syms.import_from, [
        Name("from"), Name(module, prefix=" "), Name("import", prefix=" "), names])


class ItertoolsFunctions(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 18
    trigger = r"\b(?:imap|ifilter|izip|izip_longest|ifilterfalse)\b"
    summary = "Replace itertools.imap/ifilter/izip/izip_longest/ifilterfalse with their six.moves names"
    explanation = (
        "`itertools.imap`, `ifilter`, `izip`, `izip_longest` and `ifilterfalse` do not exist on "
        "Python 3. `six.moves.map`, `filter`, `zip`, `zip_longest` and `filterfalse` are these very "
        "itertools functions on 2.7 and the builtins (or their itertools equivalents) on 3, so the "
        "code stays lazy on both and nothing else changes. Never `itertools.zip_longest` or "
        "`itertools.filterfalse`, which the peer tools write and which do not exist on 2.7. "
        "`from itertools import izip, chain` keeps `chain` from itertools and takes `zip` from "
        "six.moves; uses of `izip` are renamed to `zip` unless that could change what an existing "
        "`zip` means, in which case the import reads `from six.moves import zip as izip`. An import "
        "is always rewritten where it stands, so no block is ever left empty."
    )
    review_hint = "Nothing behaves differently; check the import lines read well."
    risk = SAFE
    requires = ("six",)


FIXER = ItertoolsFunctions()
