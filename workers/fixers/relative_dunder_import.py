"""`__import__(name, globals(), …)` inside a package: Python 2's implicit relative lookup kept on 3.

Given the module's globals, 2.7's `__import__` (level -1) looks for `name` in the caller's package
first and only then among top-level modules; 3 (level 0) only among top-level modules, so
docutils' `__import__(writer_name, globals(), locals())` finds no `html4css1` there. A literal
name that is one of the package's modules gets `level=1` (relative only, as on 2.7 where the
sibling always wins). Any other name, alone on its statement (`x = …`, `return …`, an expression
statement), becomes a try of `level=1` falling back on ImportError to `level=0`: the same two
lookups, in the same order, on 2.7 and 3. A literal naming no sibling is left: it is absolute on both.
"""
from fissix.fixer_util import find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.absolute_import import is_script
from workers.rewriting import traversal
from workers.rewriting.builtin_calls import argument_nodes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.parsing import compound_statement, parse
from workers.rewriting.scopes import refers_to_builtin, root_of

FALLBACK = ("try:\n    {relative}\n"
            "except ImportError:  # none in this package: a top-level module, Python 2's next lookup\n"
            "    {absolute}\n")


def _in_package(tree):
    context = getattr(tree, "module_context", None)
    return context is not None and bool(context.package_modules) and not context.loaded_by_path and (
        not is_script(traversal.module_text(tree), context.path))


def _is_globals_call(node):
    return node.type == syms.power and len(node.children) == 2 and node.children[0].type == token.NAME and (
        node.children[0].value == "globals" and str(node.children[1]).strip() == "()"
        and refers_to_builtin(node.children[0]))


def _import_arguments(power):
    """The positional arguments of `__import__(name, globals(), [locals, [fromlist]])` (the builtin,
    no level, no keywords), or None."""
    head = power.children[0]
    if head.type != token.NAME or head.value != "__import__" or len(power.children) < 2:
        return None
    trailer = power.children[1]
    if trailer.type != syms.trailer or trailer.children[0].type != token.LPAR:
        return None
    args = argument_nodes(trailer)
    if not args or not 2 <= len(args) <= 4 or any(arg.type in (syms.argument, syms.star_expr) for arg in args):
        return None
    if not _is_globals_call(args[1]) or not refers_to_builtin(head):
        return None
    return args


def _literal_name(node):
    """The module name of a plain string literal, or None."""
    if node.type != token.STRING or node.value[:1] not in "'\"":
        return None
    return node.value.strip("'\"")


def _alone_statement(power):
    """The simple_stmt whose only small statement is `NAME = <power>`, `return <power>` or `<power>`."""
    small = power.parent
    if small.type == syms.expr_stmt:
        if len(small.children) != 3 or small.children[1].type != token.EQUAL or small.children[0].type != token.NAME:
            return None
    elif small.type == syms.return_stmt:
        pass
    elif small.type != syms.simple_stmt:
        return None
    stmt = small if small.type == syms.simple_stmt else small.parent
    if stmt.type != syms.simple_stmt or len(stmt.children) != 2 or stmt.children[0] is not (
            power if small.type == syms.simple_stmt else small):
        return None
    if stmt.parent is None or stmt.parent.type not in (syms.suite, syms.file_input):
        return None  # `if x: m = __import__(…)` cannot take a try statement on its line
    return stmt


def _with_level(trailer, level):
    """The text of the call trailer with `, level=N` added after the last argument."""
    text = str(trailer)
    close = text.rstrip().rfind(")")
    inner = text[1:close].rstrip()
    return "(" + inner.rstrip(",") + ", level=%d" % level + text[1 + len(inner):]


def _level_trailer(trailer, level):
    """A new call trailer: `trailer`'s arguments and `level=N`."""
    call = parse("__import__" + _with_level(trailer, level).strip() + "\n").children[0].children[0]
    new = call.children[1]
    new.remove()
    return new


def _add_level(power, level):
    power.children[1].replace(_level_trailer(power.children[1], level))


def _statement_with_level(stmt, power, level):
    """The text of `stmt` (no prefix, no newline) with the call given `level=N`."""
    trailer = power.children[1]
    new = _level_trailer(trailer, level)
    trailer.replace(new)
    text = str(stmt)[len(stmt.prefix):].rstrip()
    new.replace(trailer)
    return text


def _fallback(stmt, power):
    """Replace `stmt` with a try: the relative lookup first, then the top-level module."""
    text = FALLBACK.format(relative=_statement_with_level(stmt, power, 1),
                           absolute=_statement_with_level(stmt, power, 0))
    stmt.replace(compound_statement(text, find_indentation(stmt), stmt.prefix))


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        args = _import_arguments(node)
        if args is None or not _in_package(root_of(node)):
            return False
        name = _literal_name(args[0])
        if name is not None:
            siblings = root_of(node).module_context.package_modules
            return {"literal": True} if name.split(".")[0] in siblings else False
        stmt = _alone_statement(node)
        return {"stmt": stmt} if stmt is not None else False

    def transform(self, node, results):
        if "literal" in results:
            _add_level(node, 1)
            return
        _fallback(results["stmt"], node)


class RelativeDunderImport(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 16
    trigger = r"(?s)\b__import__\s*\(.*?\bglobals\s*\(\s*\)"  # the name argument may hold parentheses
    summary = "Keep __import__'s package-first lookup on Python 3"
    explanation = (
        "Inside a package, Python 2's `__import__(name, globals(), locals())` finds the package's own "
        "module `name` before any top-level one; Python 3 looks only at top-level modules, so a plugin "
        "loader such as `__import__(writer_name, globals(), locals())` raises ImportError. A literal "
        "name of one of the package's modules gets `level=1`; any other name, when the call is alone "
        "on its statement, becomes `try:` the call with `level=1`, `except ImportError:` the call "
        "with `level=0`: the package first, then top-level modules, on 2.7 and 3."
    )
    review_hint = (
        "A module of the package that itself raises ImportError now falls through to the top-level "
        "lookup, so the error names the top-level module instead."
    )
    risk = SAFE


FIXER = RelativeDunderImport()
