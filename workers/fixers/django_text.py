"""Django 1.x: `smart_unicode` → `smart_text`, `force_unicode` → `force_text` (imports and uses)."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import scopes
from workers.rewriting.scopes import PARAMETER, binding_statements, from_module, from_import_items, imported_from, \
    imported_module
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.star_exports import star_exported


class DjangoRenames(TreeFixer):
    """Renames names of one Django module wherever they mean that module's name: in
    `from <module> import name`, in uses of a name imported that way, and in `<module>.name`."""

    _accept_type = token.NAME
    module = None
    renames = {}

    @property
    def _accept_values(self):
        return frozenset(self.renames)

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.pending = []

    def match(self, leaf):
        if leaf.value not in self.renames:
            return False
        return self._is_import_name(leaf) or self._is_use(leaf) or self._is_attribute(leaf)

    def transform(self, leaf, results):
        if self._is_import_name(leaf):
            # renamed last: until then, uses still find the import that gives them their meaning
            self.pending.append(leaf)
        else:
            leaf.value = self.renames[leaf.value]
            leaf.changed()

    def after_fix(self, tree):
        for leaf in self.pending:
            leaf.value = self.renames[leaf.value]
            leaf.changed()

    def _is_import_name(self, leaf):
        stmt = leaf.parent
        while stmt is not None and stmt.type in (syms.import_as_name, syms.import_as_names):
            stmt = stmt.parent
        if stmt is None or stmt.type != syms.import_from or from_module(stmt) != self.module:
            return False
        return any(name is leaf for name, _ in from_import_items(stmt)) and not _kept(stmt, leaf.value)

    def _is_use(self, leaf):
        if self._is_import_name(leaf) or not scopes.is_probably_builtin(leaf) or scopes.is_keyword_argument(leaf):
            return False
        bound = binding_statements(leaf, leaf.value)
        if not bound:
            return False
        for stmt in bound:
            if stmt is PARAMETER or stmt.type != syms.import_from or from_module(stmt) != self.module:
                return False
            if not any(name.value == leaf.value and alias is None for name, alias in from_import_items(stmt)):
                return False
            if _kept(stmt, leaf.value):
                return False
        return True

    def _is_attribute(self, leaf):
        """`encoding.smart_unicode` / `django.utils.encoding.smart_unicode` with the module imported."""
        trailer = leaf.parent
        if trailer.type != syms.trailer or trailer.children[0].type != token.DOT or trailer.parent.type != syms.power:
            return False
        power = trailer.parent
        index = power.children.index(trailer)
        base = power.children[0]
        if base.type != token.NAME or index == 0:
            return False
        chain = []
        for middle in power.children[1:index]:
            if middle.type != syms.trailer or middle.children[0].type != token.DOT:
                return False
            chain.append(middle.children[1].value)
        bound = binding_statements(base, base.value)
        if not bound or len(bound) != 1 or bound[0] is PARAMETER:
            return False
        stmt = bound[0]
        module = imported_module(stmt, base.value)
        if module is None:
            origin = imported_from(stmt, base.value)
            if origin is None:
                return False
            module = "%s.%s" % origin
        if module == base.value and stmt.type == syms.import_name:
            module = base.value  # `import django.utils.encoding` binds `django`, the top package
        return ".".join([module] + chain) == self.module


def _kept(import_stmt, name):
    """Whether a module-level import's `name` must stay: another module may star-import this one."""
    return scopes.enclosing_scope(import_stmt).type == syms.file_input and star_exported(
        scopes.root_of(import_stmt), name)


class _Impl(DjangoRenames):
    module = "django.utils.encoding"
    renames = {"smart_unicode": "smart_text", "force_unicode": "force_text"}


class DjangoText(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 40
    trigger = r"\b(smart_unicode|force_unicode)\b"
    summary = "Use Django's smart_text/force_text instead of smart_unicode/force_unicode"
    explanation = (
        "`django.utils.encoding.smart_unicode` and `force_unicode` do not exist when Django runs on "
        "Python 3. Since Django 1.4.2, `smart_text` and `force_text` are the same functions under "
        "names that exist on both (on 2.7 they are the very functions `smart_unicode` and "
        "`force_unicode` name), so imports, uses and `encoding.smart_unicode` attributes are renamed. "
        "A name imported under an alias keeps the alias; a local of the same name is left alone."
    )
    review_hint = "Needs Django 1.4.2 or later; `smart_text` was removed in Django 4.0 (use `smart_str` once on 3 only)."
    risk = SAFE


FIXER = DjangoText()
