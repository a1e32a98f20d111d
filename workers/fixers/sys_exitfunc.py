"""`sys.exitfunc = f` → `atexit.register(f)` (+ `import atexit`)."""
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.typerefs import expression, free_or_module, refers_to_module


class _Impl(TreeFixer):
    PATTERN = "expr_stmt< power< module='sys' trailer< '.' 'exitfunc' > > '=' value=any >"

    def match(self, node):
        results = super().match(node)
        if not results or not refers_to_module(results["module"], "sys"):
            return False
        return results if free_or_module(node, "atexit", "atexit") else False

    def transform(self, node, results):
        value = results["value"].clone()
        value.prefix = ""
        new = expression("atexit.register(x)", prefix=node.prefix)
        new.children[-1].children[1].replace(value)
        return new

    def after_fix(self, tree):
        add_import(tree, "atexit")


class SysExitfunc(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\bexitfunc\b"
    summary = "Replace sys.exitfunc = f with atexit.register(f)"
    explanation = (
        "`sys.exitfunc` is not called on Python 3. `atexit.register(f)` runs `f` at interpreter exit on "
        "2.7 and 3 alike (on 2.7 the atexit module is what calls `sys.exitfunc` in the first place); "
        "`import atexit` is added. Only a plain `sys.exitfunc = f` statement is rewritten."
    )
    review_hint = (
        "Assigning `sys.exitfunc` on 2.7 replaced whatever was registered before; `atexit.register` "
        "adds `f` to the others (run last-in, first-out). Code that chains a saved `sys.exitfunc` "
        "by hand may now call it twice."
    )
    risk = SAFE


FIXER = SysExitfunc()
