"""`def f(a, (b, c)):` → `def f(a, b_c): (b, c) = b_c`; `lambda (x, y): x` → `lambda x_y: x_y[0]`."""
from fissix.fixes.fix_tuple_params import FixTupleParams, find_params, tuple_name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.engine.fixer import SAFE, FissixFixer, TreeFixer


def _tuple_args(args):
    if args.type == syms.tfpdef:
        return [args]
    if args.type == syms.typedargslist:
        return [arg for arg in args.children if arg.type == syms.tfpdef]
    return []


def _readable_name(tfpdef):
    names = [leaf.value for leaf in tfpdef.leaves() if leaf.type == token.NAME]
    return "_".join(names)


class _Impl(TreeFixer, FixTupleParams):
    def match(self, node):
        results = super().match(node)
        if results and "lambda" not in results and not _tuple_args(results["args"]):
            return False
        return results

    def transform(self, node, results):
        if "lambda" not in results:
            # fissix asks new_name() once per tuple parameter, left to right.
            self._hints = [_readable_name(arg) for arg in _tuple_args(results["args"])]
        return super().transform(node, results)

    def new_name(self, template=None):
        if template is None:
            template = self._hints.pop(0) if getattr(self, "_hints", None) else "args"
        return super().new_name(template)


class TupleParams(FissixFixer):
    tree_fixer = _Impl
    order = 35
    summary = "Unpack tuple parameters inside the function body"
    explanation = (
        "Python 3 removed tuple parameters (PEP 3113). `def f(a, (b, c)):` becomes `def f(a, b_c):` "
        "with `(b, c) = b_c` as the first statement of the body (after the docstring), and "
        "`lambda (x, y): x + y` becomes `lambda x_y: x_y[0] + x_y[1]`. Callers pass the same "
        "arguments in the same positions, and the unpacking happens at the same moment, so the "
        "function behaves the same on Python 2.7 and 3."
    )
    review_hint = (
        "The new parameter names (`b_c`) are visible to introspection (inspect.getargspec, "
        "documentation generators); Python 2 called them `.1`, so no caller could pass them by keyword."
    )
    risk = SAFE


FIXER = TupleParams()
