"""Indentation that mixes tabs and spaces inconsistently (TabError on Python 3) → the same columns
in spaces, each tab expanded to the next multiple of 8 as Python 2 reads it.

Only the whitespace before the first token of a logical line changes, and only in a file Python 3
would refuse with TabError: continuation lines, comments, strings and files whose tabs Python 3
accepts stay byte for byte.
"""
import io

from fissix.pgen2 import token, tokenize

from workers.rewriting import analysis, parsing, text_lines, traversal
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import root_of

_SKIP = (tokenize.NL, tokenize.COMMENT, token.INDENT, token.DEDENT, token.NEWLINE, token.ENDMARKER)


def _logical_line_starts(text):
    """[(row, column)] of the first token of every logical line (column: a character index)."""
    starts, at_start = [], True
    try:
        for kind, _, start, _, _ in tokenize.generate_tokens(io.StringIO(text).readline):
            if kind == token.NEWLINE:
                at_start = True
            elif at_start and kind not in _SKIP:
                starts.append(start)
                at_start = False
    except (tokenize.TokenError, IndentationError):
        return []
    return starts


def _columns(indent, tabsize):
    column = 0
    for char in indent:
        if char == "\t":
            column = (column // tabsize + 1) * tabsize
        elif char == "\f":
            column = 0
        else:
            column += 1
    return column


def _python3_tab_error(indents):
    """Whether Python 3's tokenizer raises TabError on these logical-line indentations: it measures
    each with tabs of 8 and of 1 columns and refuses a line where the two disagree on the nesting."""
    stack, alt_stack = [0], [0]
    for indent in indents:
        col, alt = _columns(indent, 8), _columns(indent, 1)
        if col == stack[-1]:
            if alt != alt_stack[-1]:
                return True
        elif col > stack[-1]:
            if alt <= alt_stack[-1]:
                return True
            stack.append(col)
            alt_stack.append(alt)
        else:
            while len(stack) > 1 and col < stack[-1]:
                stack.pop()
                alt_stack.pop()
            if col == stack[-1] and alt != alt_stack[-1]:
                return True
    return False


def _expanded(indent):
    """Python 2's reading of the indentation, written in spaces (a form feed stays where it is)."""
    head, feed, tail = indent.rpartition("\f")
    return head + feed + " " * _columns(tail, 8)


def tab_lines(text):
    """{row: (old indentation, new indentation)} for the logical lines to rewrite; empty unless
    Python 3 raises TabError on the text."""
    lines = text_lines.lines(text, keepends=True)
    indents = {}
    for row, column in _logical_line_starts(text):
        indents[row] = lines[row - 1][:column]
    if not any("\t" in indent for indent in indents.values()) or not _python3_tab_error(
            indents[row] for row in sorted(indents)):
        return {}
    return {row: (indent, _expanded(indent)) for row, indent in indents.items()
            if "\t" in indent and _expanded(indent) != indent}


def _tab_lines_of(tree):
    return analysis.cached(tree, "tab_indentation.lines", lambda: tab_lines(traversal.module_text(tree)))


class _Impl(TreeFixer):
    # the first token of a logical line is one of these
    _accept_type = {token.NAME, token.NUMBER, token.STRING, token.LPAR, token.LSQB, token.LBRACE,
                    token.BACKQUOTE, token.MINUS, token.PLUS, token.TILDE, token.AT, token.STAR}

    def match(self, node):
        tree = root_of(node)
        found = _tab_lines_of(tree)
        if node.lineno not in found:
            return False
        old, _ = found[node.lineno]
        return node.column == len(old)

    def transform(self, node, results):
        return None  # the whole module is rewritten once, in after_fix

    def after_fix(self, tree):
        found = _tab_lines_of(tree)  # transform() changed nothing: the generation's answer stands
        lines = text_lines.lines(traversal.module_text(tree), keepends=True)
        for row, (old, new) in found.items():
            assert lines[row - 1].startswith(old)
            lines[row - 1] = new + lines[row - 1][len(old):]
        fresh = parsing.parse("".join(lines), getattr(tree, "module_context", None))
        for child in list(tree.children):
            child.remove()
        for child in list(fresh.children):
            child.remove()
            tree.append_child(child)


class TabIndentation(FissixFixer):
    tree_fixer = _Impl
    order = 1
    summary = "Indent with spaces where tabs and spaces are mixed inconsistently"
    explanation = (
        "Python 2 reads a tab in indentation as a move to the next multiple of 8 columns; Python 3 "
        "refuses indentation whose meaning depends on that (TabError: inconsistent use of tabs and "
        "spaces). In files Python 3 refuses for that reason, the indentation of each statement is "
        "rewritten with the spaces Python 2 counted, so every block stays exactly where 2.7 put it. "
        "Nothing else changes: tabs inside lines, in comments, in strings and on continuation lines stay."
    )
    risk = SAFE
    # a line whose indentation holds a tab: a tab elsewhere (in a string, after code) never makes
    # a TabError, and each file let through is tokenized whole
    trigger = r"(?m)^[ \f]*\t"


FIXER = TabIndentation()
