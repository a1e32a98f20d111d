"""The shape shared by the fixers that replace an attribute of an imported module
(`os.getcwdu` → `six.moves.getcwd`, `sys.maxint` → `sys.maxsize`, `sys.exc_type` → `sys.exc_info()[0]`).

A subclass sets `module` and `replacements` {attribute: replacement text}; the rest of the
expression (`(...)`, `.attr`, `[i]`) is kept. A replacement that is another attribute of the same
module renames the attribute in place, spacing and comments kept. A replacement starting with
`six.` has `import six` added once. `keep(node)` may leave a matching site alone.
"""
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import TreeFixer
from workers.rewriting.typerefs import expression, module_attribute, replace_head


class ModuleAttributeFixer(TreeFixer):
    _accept_type = syms.power
    module = None
    replacements = {}

    def keep(self, node):
        """True to leave this `module.attr…` as it is."""
        return False

    def match(self, node):
        attr = module_attribute(node, self.module)
        return attr is not None and attr.value in self.replacements and not self.keep(node)

    def transform(self, node, results):
        attr = node.children[1].children[1]
        replacement = self.replacements[attr.value]
        module, _, rest = replacement.partition(".")
        if module == self.module and rest.isidentifier():
            attr.value = rest
            attr.changed()
            return
        replace_head(node, [child.clone() for child in expression(replacement).children])
        if module == "six":
            self.needs_six = True
