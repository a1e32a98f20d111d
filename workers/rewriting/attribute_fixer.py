"""The shape shared by the fixers that replace an attribute of an imported module
(`os.getcwdu` → `six.moves.getcwd`, `sys.maxint` → `sys.maxsize`, `sys.exc_type` → `sys.exc_info()[0]`).

A subclass sets `module` and `replacements` {attribute: replacement text}; the rest of the
expression (`(...)`, `.attr`, `[i]`) is kept. A replacement that is another attribute of the same
module renames the attribute in place, spacing and comments kept. A replacement starting with
`six.` has `import six` added once. `keep(node)` may leave a matching site alone.
"""
from workers.rewriting.fixer import TreeFixer
from workers.rewriting.patterns import any_of
from workers.rewriting.typerefs import expression, refers_to_module, replace_head


class ModuleAttributeFixer(TreeFixer):
    module = None
    replacements = {}

    def __init_subclass__(cls, **kwargs):
        """The PATTERN follows from the declarations: `module.attr…` for each attribute replaced."""
        super().__init_subclass__(**kwargs)
        cls.PATTERN = "power< module=%r trailer< '.' %s > any* >" % (cls.module, any_of("attr", cls.replacements))

    def keep(self, node):
        """True to leave this `module.attr…` as it is."""
        return False

    def match(self, node):
        results = super().match(node)
        if not results or not refers_to_module(results["module"], self.module) or self.keep(node):
            return False
        return results

    def transform(self, node, results):
        attr = results["attr"]
        replacement = self.replacements[attr.value]
        module, _, rest = replacement.partition(".")
        if module == self.module and rest.isidentifier():
            attr.value = rest
            attr.changed()
            return
        replace_head(node, [child.clone() for child in expression(replacement).children])
        if module == "six":
            self.needs_six = True
