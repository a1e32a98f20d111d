"""`execfile(fn[, g[, l]])` → `six.exec_(compile(open(fn, "rb").read(), fn, "exec")[, g[, l]])`."""
from fissix import pytree
from fissix.fixer_util import ArgList, Call, Comma, Dot, LParen, Name, RParen, String
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.builtin_calls import call_arguments, call_trailer, is_whole_call
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.scopes import is_bound_around, refers_to_builtin


def _arguments(leaf):
    if leaf.value != "execfile" or not is_whole_call(leaf) or not refers_to_builtin(leaf):
        return None
    if is_bound_around(leaf, "open") or is_bound_around(leaf, "compile"):
        return None
    arguments = call_arguments(call_trailer(leaf))
    if arguments is None:
        return None
    positional, keywords = arguments
    if keywords or not 1 <= len(positional) <= 3:
        return None
    return positional


def _trailer(*children):
    return pytree.Node(syms.trailer, list(children))


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        return _arguments(node) is not None

    def transform(self, node, results):
        filename, *namespaces = _arguments(node)
        power = node.parent
        for arg in [filename] + namespaces:
            arg.remove()
        second = filename.clone()
        second.prefix = " "
        read = Call(Name("open"), [filename, Comma(), String('"rb"', " ")])
        read.append_child(_trailer(Dot(), Name("read")))
        read.append_child(_trailer(LParen(), RParen()))
        args = [Call(Name("compile"), [read, Comma(), second, Comma(), String('"exec"', " ")])]
        for namespace in namespaces:
            args += [Comma(), namespace]
        new = pytree.Node(syms.power, [Name("six", prefix=node.prefix), _trailer(Dot(), Name("exec_")), ArgList(args)])
        power.replace(new)

    def after_fix(self, tree):
        add_import(tree, "six")


class ExecfileBuiltin(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 60
    trigger = r"\bexecfile\b"
    summary = "Replace execfile() with six.exec_(compile(open(fn).read(), fn, 'exec'))"
    explanation = (
        "`execfile` is gone in Python 3. The file is read as bytes (so its coding cookie is honoured), "
        "compiled under its own name (tracebacks still point into it) and run with `six.exec_`, "
        "which runs in the given globals/locals, or, like execfile, in the caller's when none are "
        "given. `six.exec_` is a function call on 2.7 too, so unlike the `exec(...)` statement that "
        "2to3/modernize emit it cannot raise 'unqualified exec is not allowed in function … it "
        "contains a nested function with free variables' (python-future#37), and it does not turn the "
        "surrounding function's locals into a dictionary lookup. A module or function that defines or "
        "imports its own `execfile`, `open` or `compile` is left alone."
    )
    review_hint = (
        "The filename expression is now evaluated twice (check that it has no side effects), and the "
        "file is closed by garbage collection rather than explicitly (Python 3 may warn with "
        "ResourceWarning in development mode). Code that relied on execfile changing a function's "
        "local variables never worked reliably and still does not."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = ExecfileBuiltin()
