"""Report-only: Python 2 type names with no 2+3 replacement that keeps 2.7's meaning."""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.typerefs import (from_import_origin, integer_tuple, is_builtin_use, is_plain_use,
                                     module_attribute)

# types names that types_module leaves alone on purpose.
_TYPES_LEFT = {
    "LongType": "`types.LongType` alone: `long` on 2.7, nothing on 3; `six.integer_types` would also "
                "accept int on 2.7 — decide what the check is for",
    "ClassType": "`types.ClassType` (old-style classes) does not exist on 3; `six.class_types` also "
                 "accepts new-style classes on 2.7",
    "InstanceType": "`types.InstanceType` (instances of old-style classes) does not exist on 3",
    "FileType": "`types.FileType` does not exist on 3: `io.IOBase` is the 3 counterpart, but 2.7 files "
                "are not IOBase instances",
    "BufferType": "`types.BufferType` does not exist on 3 (buffer is not memoryview on 2.7)",
    "UnboundMethodType": "`types.UnboundMethodType` does not exist on 3 (methods looked up on a class are "
                         "plain functions there)",
    "DictProxyType": "`types.DictProxyType` does not exist on 3 (`types.MappingProxyType` is 3.3+ only)",
}


def _in_integer_tuple(node):
    parent = node.parent
    return parent is not None and parent.type == syms.testlist_gexp and parent.parent is not None and \
        integer_tuple(parent.parent) is not None


def _is_call_head(leaf):
    following = leaf.next_sibling
    return following is not None and following.type == syms.trailer and following.children[0].type == token.LPAR


class _Impl(TreeFixer):
    _accept_type = (token.NAME, syms.power)

    def match(self, node):
        if node.type == token.NAME:
            if node.value == "long":
                if not is_builtin_use(node) or _is_call_head(node) or _in_integer_tuple(node):
                    return False
                return {"note": "`long` used as a type: on 2.7 `int` misses longs and `six.integer_types` "
                                "also accepts ints — choose by what the check is for"}
            if not is_plain_use(node):
                return False
            origin = from_import_origin(node, "types")
            if origin in _TYPES_LEFT and not (origin == "LongType" and _in_integer_tuple(node)):
                return {"note": _TYPES_LEFT[origin]}
            return False
        if node.type == syms.power:
            attr = module_attribute(node, "types")
            if attr is None or attr.value not in _TYPES_LEFT:
                return False
            if attr.value == "LongType" and len(node.children) == 2 and _in_integer_tuple(node):
                return False
            return {"note": _TYPES_LEFT[attr.value]}
        return False

    def note(self, node):
        found = self.match(node)
        return found["note"] if found else ""


class Py2TypeChecks(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 95
    reports_only = True
    trigger = r"\blong\b|\btypes\b"
    summary = "Report Python 2 type checks that have no same-meaning 2+3 form (long, types.ClassType, …)"
    explanation = (
        "What the long_type and types_module fixers leave on purpose, because every replacement "
        "changes what 2.7 accepts: `long` used as a type (`isinstance(x, long)`, `type(x) is long`), "
        "`types.LongType` alone, `types.ClassType`/`InstanceType`/`FileType`/`BufferType`/"
        "`UnboundMethodType`/`DictProxyType`. Each site still fails on Python 3 and needs a decision."
    )
    review_hint = "Decide per site what the check is for; nothing is changed."
    risk = NEEDS_REVIEW


FIXER = Py2TypeChecks()
