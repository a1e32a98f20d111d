"""`types.ClassType` → `getattr(types, "ClassType", type)`, `types.InstanceType` → `getattr(types, "InstanceType", ())`."""
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.typerefs import expression, module_attribute, replace_head

# What each old-style-class name stands for on Python 3, where every class is new-style: a class
# is an instance of `type` (six.class_types); nothing is an old-style instance, and `()` is the
# class-info isinstance() and `except` match nothing with.
PYTHON3_MEANING = {"ClassType": "type", "InstanceType": "()"}


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        attr = module_attribute(node, "types")
        return attr is not None and attr.value in PYTHON3_MEANING and {"name": attr.value}

    def transform(self, node, results):
        name = results["name"]
        text = 'getattr(types, "%s", %s)' % (name, PYTHON3_MEANING[name])
        replace_head(node, [child.clone() for child in expression(text).children])


class OldStyleTypes(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 57
    trigger = r"\btypes\s*\.\s*(?:ClassType|InstanceType)\b"
    summary = "Look up types.ClassType and types.InstanceType with a Python 3 default"
    explanation = (
        "`types.ClassType` and `types.InstanceType` (old-style classes and their instances) are gone "
        "from Python 3, where every class is new-style. `types.ClassType` becomes "
        "`getattr(types, \"ClassType\", type)` and `types.InstanceType` becomes "
        "`getattr(types, \"InstanceType\", ())`: on 2.7 the very same objects; on 3 `type`, which "
        "every class is an instance of (as in six.class_types), and the empty tuple, which "
        "isinstance() and `except` match with nothing, as no object is an old-style instance there."
    )
    review_hint = (
        "On 3 a check for old-style classes now sees new-style ones (ClassType) and a check for "
        "old-style instances never matches (InstanceType): make sure that is what the code wants."
    )
    risk = NEEDS_REVIEW


FIXER = OldStyleTypes()
