"""`operator.isCallable(x)` → `callable(x)`, `operator.repeat` → `operator.mul`, … in forms that
import on 2.7 and 3."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import, drop_from_import_name
from workers.rewriting.patterns import any_of
from workers.rewriting.scopes import in_import, is_bound_around, root_of
from workers.rewriting.star_exports import star_exported
from workers.rewriting.typerefs import (expression, free_or_module, from_import_origin, refers_to_module,
                                        replace_head)

_RENAMES = {"sequenceIncludes": "contains", "repeat": "mul", "irepeat": "imul"}
# name: (template for the call, module to import, names that must mean the builtin here)
_CALLS = {
    "isCallable": ("callable(%s)", None, ("callable",)),
    "isSequenceType": ("isinstance(%s, six.moves.collections_abc.Sequence)", "six", ("isinstance",)),
    "isMappingType": ("isinstance(%s, six.moves.collections_abc.Mapping)", "six", ("isinstance",)),
    "isNumberType": ("isinstance(%s, numbers.Number)", "numbers", ("isinstance",)),
}


class _Impl(TreeFixer):
    PATTERN = """
              power< module='operator' trailer< '.' %s > any* >
              |
              power< module='operator' trailer< '.' %s >
                     trailer< '(' (not(arglist | argument | star_expr) arg=any) ')' > any* >
              |
              power< %s trailer< '(' (not(arglist | argument | star_expr) arg=any) ')' > any* >
              """ % (any_of("renamed", _RENAMES), any_of("replaced", _CALLS), any_of("imported", _CALLS))

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.imports = set()
        self.from_imported = set()

    def match(self, node):
        results = super().match(node)
        if results and "imported" in results:
            return self._from_import_call(node, results)
        if not results or not refers_to_module(results["module"], "operator"):
            return False
        if "renamed" in results:
            return results
        return self._call(node, results, results["replaced"].value)

    def _from_import_call(self, node, results):
        """`isMappingType(x)` with `from operator import isMappingType` at module level."""
        name = results["imported"].value
        if from_import_origin(results["imported"], "operator") != name or star_exported(root_of(node), name):
            return False
        return self._call(node, dict(results, replaced=results["imported"]), name)

    def _call(self, node, results, name):
        _, module, builtins = _CALLS[name]
        if any(is_bound_around(node, builtin) for builtin in builtins):
            return False
        if module is not None and not free_or_module(node, module, module):
            return False
        return results

    def transform(self, node, results):
        if "renamed" in results:
            attr = results["renamed"]
            attr.value = _RENAMES[attr.value]
            attr.changed()
            return None
        template, module, _ = _CALLS[results["replaced"].value]
        arg = results["arg"].clone()
        arg.prefix = ""
        new = expression(template % "_arg_")
        for leaf in new.leaves():
            if leaf.type == token.NAME and leaf.value == "_arg_":
                leaf.replace(arg)
                break
        replace_head(node, [c.clone() for c in new.children], count=2 if "imported" in results else 3)
        if module is not None:
            self.imports.add(module)
        if "imported" in results:
            self.from_imported.add(results["imported"].value)
        return None

    def after_fix(self, tree):
        for module in sorted(self.imports):
            add_import(tree, module)
        for name in sorted(self.from_imported - _still_used(tree)):
            for stmt in list(tree.pre_order()):
                if stmt.type == syms.import_from and str(stmt.children[1]).strip() == "operator":
                    drop_from_import_name(stmt, name)


def _still_used(tree):
    return {leaf.value for leaf in tree.leaves() if leaf.type == token.NAME and not in_import(leaf)}


class OperatorModule(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 70
    trigger = r"\b(?:isCallable|sequenceIncludes|isSequenceType|isMappingType|isNumberType|i?repeat)\b"
    summary = "Replace operator functions removed in Python 3 (isCallable, sequenceIncludes, repeat, …)"
    explanation = (
        "These `operator` functions are gone on Python 3; each is replaced by a form that imports and "
        "runs on 2.7 and 3: `operator.isCallable(x)` → `callable(x)`, `sequenceIncludes` → "
        "`operator.contains`, `repeat`/`irepeat` → `operator.mul`/`imul` (the same operation on "
        "sequences), `isNumberType(x)` → `isinstance(x, numbers.Number)`, and "
        "`isSequenceType`/`isMappingType(x)` → `isinstance(x, six.moves.collections_abc.Sequence/Mapping)`; "
        "the same for calls of a name `from operator import` binds, which then leaves the import. "
        "Never `collections.abc`, which does not exist on 2.7 (what 2to3, modernize and futurize "
        "produce since bpo-30143)."
    )
    review_hint = (
        "`isSequenceType`/`isMappingType`/`isNumberType` on 2.7 looked at the C slots (any object "
        "with `__getitem__` was a sequence); the ABCs accept only registered or derived classes: "
        "check classes of your own that rely on duck typing."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = OperatorModule()
