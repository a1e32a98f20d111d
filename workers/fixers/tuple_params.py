"""`def f(a, (b, c)):` → `def f(a, b_c): (b, c) = b_c`; `lambda (x, y): x` → `lambda x_y: x_y[0]`."""
from fissix import pytree
from fissix.fixer_util import Name
from fissix.fixes.fix_tuple_params import FixTupleParams, find_params, map_to_index, simplify_args, tuple_name
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer


def _tuple_args(args):
    if args.type == syms.tfpdef:
        return [args]
    if args.type == syms.typedargslist:
        return [arg for arg in args.children if arg.type == syms.tfpdef]
    return []


def _readable_name(tfpdef):
    names = [leaf.value for leaf in tfpdef.leaves() if leaf.type == token.NAME]
    return "_".join(names)


def _lambda_tuple_params(lambdef):
    args = lambdef.children[1]
    if args.type == syms.vfpdef:
        return [args]
    if args.type == syms.varargslist:
        return [arg for arg in args.children if arg.type == syms.vfpdef]
    return []


def _is_reference(leaf):
    """A NAME leaf that reads a variable (not `obj.name`, not `f(name=...)`)."""
    previous, following = leaf.prev_sibling, leaf.next_sibling
    if previous is not None and previous.type == token.DOT:
        return False
    return not (leaf.parent.type == syms.argument and following is not None and following.type == token.EQUAL)


def _separated(param):
    """The prefix for a name replacing `param`: `lambda(x):` had no space, `lambda x:` needs one."""
    previous = param.prev_sibling or (param.parent.prev_sibling if param.parent.type == syms.varargslist else None)
    if not param.prefix and previous is not None and previous.type == token.NAME and previous.value == "lambda":
        return " "
    return param.prefix


def _as_parsed(trailer):
    """A clone of fissix's `[i]` trailer with the bracket token types the parser gives them (its
    Subscript helper says LBRACE/RBRACE): a fixer after this one, or the next run, reads the same tree."""
    clone = trailer.clone()
    opening, closing = clone.children[0], clone.children[-1]
    if opening.value == "[" and closing.value == "]":
        opening.type, closing.type = token.LSQB, token.RSQB
    return clone


class _Impl(TreeFixer, FixTupleParams):
    # fissix handles `def` fully, but only lambdas whose single parameter is a tuple.
    PATTERN = """
              funcdef< 'def' any parameters< '(' args=any ')' > ['->' any] ':' suite=any+ >
              |
              lambda=lambdef< 'lambda' any ':' any >
              """

    def match(self, node):
        results = super().match(node)
        if not results:
            return False
        if "lambda" in results:
            return results if _lambda_tuple_params(node) else False
        return results if _tuple_args(results["args"]) else False

    def transform(self, node, results):
        if "lambda" in results:
            return self._transform_lambda(node)
        # fissix asks new_name() once per tuple parameter, left to right.
        self._hints = [_readable_name(arg) for arg in _tuple_args(results["args"])]
        return super().transform(node, results)

    def _transform_lambda(self, node):
        body = node.children[-1]
        for param in _lambda_tuple_params(node):
            inner = simplify_args(param)
            if inner.type == token.NAME:  # lambda (x): x
                new = inner.clone()
                new.prefix = _separated(param)
                param.replace(new)
                continue
            names = find_params(param)
            to_index = map_to_index(names)
            new_name = Name(self.new_name(tuple_name(names)), prefix=_separated(param))
            param.replace(new_name)
            for leaf in [n for n in body.pre_order() if n.type == token.NAME and n.value in to_index]:
                if _is_reference(leaf):
                    indexed = pytree.Node(syms.power, [Name(new_name.value)] + [_as_parsed(c) for c in to_index[leaf.value]])
                    indexed.prefix = leaf.prefix
                    leaf.replace(indexed)

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
