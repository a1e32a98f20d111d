"""print statements → print() calls, with `from __future__ import print_function`."""
import re

from fissix.fixer_util import LParen, RParen
from fissix.fixes.fix_print import FixPrint
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms
from fissix.pytree import Node

from workers.rewriting import parsing
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_future_import

# `>>> print x` in a docstring: once the module imports print_function, Python 2.7's doctest
# compiles its examples with that flag too, so they must be rewritten with the code.
_DOCTEST_PRINT = re.compile(r"^(?P<prompt>[ \t]*(?:>>>|\.\.\.) [ \t]*)(?P<statement>print(?:[ \t].*)?)$", re.MULTILINE)
# A doctest example: its `>>>` line and the `...` lines after it, as doctest reads them.
_DOCTEST_EXAMPLE = re.compile(r"^[ \t]*>>>(?:[ \t].*)?(?:\n[ \t]*\.\.\.(?:[ \t].*)?)*$", re.MULTILINE)
_PROMPT = re.compile(r"[ \t]*(?:>>>[ \t]*|\.\.\.[ \t]?)")


def _parenthesised(args):
    """The inner nodes of `print (...)`, or None when the statement is not a single parenthesised atom."""
    if len(args) == 1 and args[0].type == syms.atom and args[0].children[0].type == token.LPAR:
        return args[0].children[1:-1]
    return None


def _is_tuple_display(inner):
    return bool(inner) and inner[0].type == syms.testlist_gexp and any(
        child.type == token.COMMA for child in inner[0].children
    )


class _Impl(TreeFixer, FixPrint):
    # fissix's pattern: every print statement is a site, `print("x")` included: its text stays
    # the same but the module gains the future import, so it keeps meaning the same thing.
    def _transform_statement(self, node, results):
        inner = None if results.get("bare") else _parenthesised(node.children[1:])
        if inner == []:
            # Python 2 printed the empty tuple: "()". print(()) still does, on both versions.
            atom = node.children[1]
            atom.insert_child(1, Node(syms.atom, [LParen(), RParen()]))
            return None
        if inner is not None and not _is_tuple_display(inner):
            return None  # print (x) already reads as a call with one argument
        return super().transform(node, results)

    whole_module = True  # False when rewriting a single doctest example

    def match(self, node):
        if node.type == token.STRING:
            # A string whose doctests print: a site even in a module with no print statement,
            # since Python 3 cannot compile those examples.
            return self.whole_module and _rewritten_doctests(node.value) != node.value
        return super().match(node)

    def transform(self, node, results):
        if node.type == token.STRING:
            node.value = _rewritten_doctests(node.value)
            node.changed()
            return None
        return self._transform_statement(node, results)

    def after_fix(self, tree):
        if self.whole_module:
            add_future_import(tree, "print_function")


def _rewritten_doctests(text):
    if ">>>" not in text or "print" not in text:
        return text
    return _DOCTEST_EXAMPLE.sub(_rewrite_doctest_example, text)


def _rewrite_doctest_example(match):
    """The whole example rewritten (a print after `for …:` or across `...` lines), keeping each
    line's prompt; line by line when the example does not parse as a whole."""
    lines = match.group(0).split("\n")
    prompts = [_PROMPT.match(line).group(0) for line in lines]
    code = "\n".join(line[len(prompt):] for line, prompt in zip(lines, prompts)) + "\n"
    if "print" not in code:
        return match.group(0)
    try:
        tree = parsing.parse(code)
    except parsing.ParseError:
        return _DOCTEST_PRINT.sub(_rewrite_doctest_line, match.group(0))
    lone_trailing_comma = _lone_print_with_trailing_comma(tree)
    _ONE_STATEMENT.fix(tree)
    new_text = str(tree)[:-1]
    if lone_trailing_comma and new_text.endswith(_SOFTSPACE_END):
        new_text = new_text[:-len(_SOFTSPACE_END)] + "end='')"
    new_lines = new_text.split("\n")
    if len(new_lines) != len(lines):
        return _DOCTEST_PRINT.sub(_rewrite_doctest_line, match.group(0))
    return "\n".join(prompt + line for prompt, line in zip(prompts, new_lines))


# An example that is one `print x,` printed x and nothing after it on 2.7 (softspace only spaced a
# later print; doctest ends the output's line itself): `end=' '` would add a space the expected
# output lacks.
_SOFTSPACE_END = "end=' ')"


def _lone_print_with_trailing_comma(tree):
    statements = [child for child in tree.children if child.type != token.ENDMARKER]
    if len(statements) != 1 or statements[0].type != syms.simple_stmt or len(statements[0].children) != 2:
        return False
    statement = statements[0].children[0]
    return statement.type == syms.print_stmt and statement.children[-1].type == token.COMMA


def _rewrite_doctest_line(match):
    try:
        tree = parsing.parse(match.group("statement") + "\n")
    except parsing.ParseError:
        return match.group(0)  # a multi-line example or not code: left as written
    _ONE_STATEMENT.fix(tree)
    return match.group("prompt") + str(tree).rstrip("\n")


class PrintFunction(FissixFixer):
    tree_fixer = _Impl
    order = 10
    summary = "Turn print statements into print() calls"
    explanation = (
        "Rewrites every `print` statement (and those in the module's doctests, which Python 2.7 then "
        "compiles as functions too) as a call to the print function and adds "
        "`from __future__ import print_function` after the module docstring and any existing "
        "`__future__` imports. `print >>f, x` becomes `print(x, file=f)`, a trailing comma becomes "
        "`end=' '`, a bare `print` becomes `print()`, and a parenthesised tuple such as "
        "`print(a, b)` becomes `print((a, b))` so that Python 2.7 still prints the tuple it printed "
        "before (and `print()`, which printed `()` on Python 2, becomes `print(())`). With the future import, Python 2.7 and Python 3 both use the same print function, "
        "so the output is the same on both."
    )
    review_hint = (
        "`print x,` (trailing comma) relied on Python 2's softspace: the output is the same except "
        "for a trailing space at the end of a line. Check any code that parses its own printed output. "
        "The added import moves the module's lines down by one: tests that assert traceback line "
        "numbers need updating."
    )
    risk = SAFE

    extra_head_types = frozenset({token.STRING})  # doctests

    def applies_to(self, tree):
        # A module parsed without print statements (it imports print_function, or is already
        # written for print()) has nothing for this fixer.
        return not getattr(tree, "parsed_without_print_statement", False)


FIXER = PrintFunction()
_ONE_STATEMENT = PrintFunction()
_ONE_STATEMENT.impl.whole_module = False
