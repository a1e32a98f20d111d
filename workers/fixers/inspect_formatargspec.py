"""`inspect.formatargspec(*spec)` → `(getattr(inspect, "formatargspec", None) or _formatargspec)(*spec)`.

Python 3.11 removed inspect.formatargspec, which code paired with getargspec to print a
signature (mocker's "Specification is m(a, b=1)" messages). 2.7 and 3 up to 3.10 keep calling
inspect's own; 3.11+ calls `_formatargspec`, defined after the module's imports: 3.10's function
for its seven positional parameters (args, varargs, varkw, defaults, kwonlyargs, kwonlydefaults,
annotations), which getfullargspec's fields fill. A call passing the formatting functions
(keywords, or more than seven arguments) is left alone.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import add_after_imports
from workers.rewriting.protocols import is_call
from workers.rewriting.scopes import module_binds, root_of
from workers.rewriting.typerefs import expression, module_attribute, replace_head

SHIM = "_formatargspec"
# getattr's default would be evaluated, and fail, on 2.7: `or` reads the shim only on 3.11+.
_LOOKUP = '(getattr(inspect, "formatargspec", None) or %s)' % SHIM
_DEFINITION = '''\n\ndef _formatargspec(args, varargs=None, varkw=None, defaults=None, kwonlyargs=(), kwonlydefaults={},
                   annotations={}):
    """inspect.formatargspec as Python 3.10 had it (3.11 removed it)."""
    import inspect

    def annotated(name):
        if name in annotations:
            return name + ": " + inspect.formatannotation(annotations[name])
        return name

    specs = []
    first_default = len(args) - len(defaults or ())
    for index, arg in enumerate(args):
        spec = annotated(arg)
        if defaults and index >= first_default:
            spec += "=" + repr(defaults[index - first_default])
        specs.append(spec)
    if varargs is not None:
        specs.append("*" + annotated(varargs))
    elif kwonlyargs:
        specs.append("*")
    for name in kwonlyargs or ():
        spec = annotated(name)
        if kwonlydefaults and name in kwonlydefaults:
            spec += "=" + repr(kwonlydefaults[name])
        specs.append(spec)
    if varkw is not None:
        specs.append("**" + annotated(varkw))
    result = "(" + ", ".join(specs) + ")"
    if "return" in annotations:
        result += " -> " + inspect.formatannotation(annotations["return"])
    return result
'''


def _positional_only(trailer):
    """The call passes at most seven positional arguments, or one `*spec`, and no keywords."""
    args = argument_nodes(trailer)
    if len(args) == 1 and args[0].type in (syms.argument, syms.star_expr) and args[0].children[0].type == token.STAR:
        return True
    return len(args) <= 7 and not any(arg.type in (syms.argument, syms.star_expr) for arg in args)


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        attr = module_attribute(node, "inspect")
        if attr is None or attr.value != "formatargspec" or len(node.children) < 3 or not is_call(node.children[2]):
            return False
        return _positional_only(node.children[2]) and not module_binds(root_of(node), SHIM)

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_shim = False

    def transform(self, node, results):
        replace_head(node, [expression(_LOOKUP)])
        self.needs_shim = True

    def after_fix(self, tree):
        super().after_fix(tree)
        if self.needs_shim:
            add_after_imports(tree, _DEFINITION)


class InspectFormatargspec(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 79
    trigger = r"\bformatargspec\b"
    summary = "Format argument specs with a copy of inspect.formatargspec on Python 3.11+"
    explanation = (
        "`inspect.formatargspec` is gone from Python 3.11. `inspect.formatargspec(...)` becomes "
        "`(getattr(inspect, \"formatargspec\", None) or _formatargspec)(...)`: inspect's own function on "
        "2.7 (and up to 3.10), and on 3.11+ `_formatargspec`, defined after the module's imports as "
        "3.10's function for the seven fields getfullargspec gives."
    )
    review_hint = "Nothing on 2.7; on 3.11+ the text comes from the copied function."
    risk = NEEDS_REVIEW


FIXER = InspectFormatargspec()
