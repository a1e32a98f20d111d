"""`sys.exitfunc = f` → `atexit.register(f)` (+ `import atexit`)."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.typerefs import expression, free_or_module, module_attribute


class _Impl(TreeFixer):
    _accept_type = syms.expr_stmt

    def match(self, node):
        children = node.children
        if len(children) != 3 or children[1].type != token.EQUAL:
            return False
        target = children[0]
        if len(target.children if target.type == syms.power else ()) != 2:
            return False
        attr = module_attribute(target, "sys")
        if attr is None or attr.value != "exitfunc":
            return False
        return free_or_module(node, "atexit", "atexit")

    def transform(self, node, results):
        value = node.children[2].clone()
        value.prefix = ""
        new = expression("atexit.register(x)", prefix=node.prefix)
        new.children[-1].children[1].replace(value)
        node.replace(new)

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
