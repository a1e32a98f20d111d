"""`sys.exc_type` / `exc_value` / `exc_traceback` → `sys.exc_info()[0/1/2]`."""
from fissix.pygram import python_symbols as syms

from workers.rewriting.attribute_fixer import ModuleAttributeFixer
from workers.rewriting.fixer import SAFE, FissixFixer


def _is_target(node):
    """`sys.exc_type = …`, `sys.exc_type += …`, `del sys.exc_type`: left alone."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type == syms.del_stmt:
        return True
    following = node.next_sibling
    if parent.type != syms.expr_stmt or following is None:
        return False
    return following.type == syms.annassign or (following.type != syms.annassign and not following.children
                                                 and following.value.endswith("="))


class _Impl(ModuleAttributeFixer):
    module = "sys"
    replacements = {"exc_type": "sys.exc_info()[0]", "exc_value": "sys.exc_info()[1]",
                    "exc_traceback": "sys.exc_info()[2]"}

    def keep(self, node):
        return len(node.children) == 2 and _is_target(node)


class SysExc(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 15
    trigger = r"\bexc_(?:type|value|traceback)\b"
    summary = "Replace sys.exc_type/exc_value/exc_traceback with sys.exc_info()"
    explanation = (
        "`sys.exc_type`, `sys.exc_value` and `sys.exc_traceback` were deprecated in 1.5 and are gone "
        "on Python 3. `sys.exc_info()` returns the same three values on 2.7 and 3, for the "
        "exception being handled (and is thread-safe, unlike the old module attributes)."
    )
    review_hint = "Assignments to these attributes are left as they are."
    risk = SAFE


FIXER = SysExc()
