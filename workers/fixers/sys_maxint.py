"""`sys.maxint` → `sys.maxsize`."""
from workers.rewriting.attribute_fixer import ModuleAttributeFixer
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer


class _Impl(ModuleAttributeFixer):
    module = "sys"
    replacements = {"maxint": "sys.maxsize"}


class SysMaxint(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 65
    trigger = r"\bmaxint\b"
    summary = "Replace sys.maxint with sys.maxsize"
    explanation = (
        "`sys.maxint` does not exist on Python 3. `sys.maxsize` exists on 2.6+ and 3 and is the "
        "largest list/string size (Py_ssize_t). On 2.7 on Linux, macOS and 32-bit Windows it equals "
        "`sys.maxint`; code using it as \"a very large number\" or a default limit behaves the same."
    )
    review_hint = (
        "On 64-bit Windows Python 2.7 `sys.maxint` is 2**31-1 but `sys.maxsize` is 2**63-1: check "
        "sites that treat the value as the largest C long (struct packing, overflow checks, ctypes)."
    )
    risk = NEEDS_REVIEW


FIXER = SysMaxint()
