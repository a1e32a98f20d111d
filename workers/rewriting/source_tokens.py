"""fissix's tokens of a whole module at once, each with the text before it as its prefix.

fissix's tokenizer reads a line at a time, matches one token per regex call and yields it with its
physical line; the parser's driver then rebuilds each prefix (spaces, comments, blank lines, line
continuations) from the gaps between positions: about 40% of a parse. Here one `findall` cuts the
whole text into pieces with fissix's own patterns (tokens, runs of spaces, comments, newlines),
and one loop turns them into what the parser takes: (grammar token type, value, prefix, (line,
column)), with NEWLINE, INDENT and DEDENT where fissix puts them.

Text that this loop might read differently gives None, and the caller uses fissix's tokenizer,
which also raises the errors: a carriage return, `async` or `await` anywhere (fissix's tokens for
them depend on the lines around), a piece no pattern matches (an unterminated string, `$`), a
bracket closed twice, a dedent to no level, or the end of the text inside brackets or after `\\`.
tests/rewriting/test_source_tokens.py compares the two token for token.
"""
import re

from fissix.pgen2 import grammar as pgen_grammar
from fissix.pgen2 import token
from fissix.pgen2 import tokenize as fissix_tokenize

TABSIZE = 8  # fissix's


def _non_capturing(pattern):
    """`pattern` with its groups made non-capturing, so that findall returns the whole matches."""
    out, i, in_class, class_start = [], 0, False, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = class_start or char != "]"  # a "]" right after "[" is a member
            class_start = False
        elif char == "[":
            in_class, class_start = True, True
            if pattern[i + 1:i + 2] == "^":
                out.append("[^")
                i += 2
                continue
        elif char == "(" and pattern[i + 1:i + 2] != "?":
            char = "(?:"
        out.append(char)
        i += 1
    return "".join(out)


def _string_patterns(tokenize):
    """Whole string literals. fissix matches a string's first line, then each further line from
    its start; with `\\` escaping any character, a newline included, one match covers them all."""
    escape_any = r"\\(?s:.)"
    prefix = tokenize._litprefix
    triple = [prefix + quotes + tail.replace(r"\\.", escape_any)
              for quotes, tail in (("'''", tokenize.Single3), ('"""', tokenize.Double3))]
    # one line, or more whose ends are escaped
    single = [prefix + r"%s(?:[^\n%s\\]|%s)*%s" % (quote, quote, escape_any, quote) for quote in "'\""]
    return triple, single


def _piece_pattern(tokenize=fissix_tokenize):
    triple, single = _string_patterns(tokenize)
    # fissix's order of alternatives (PseudoToken), with spaces and newlines as pieces of their own;
    # and first, for speed, the commonest piece: a name, unless it is a string's prefix. fissix
    # tries names last, but no earlier alternative matches where one starts, save those strings.
    name_first = r"(?!%s['\"])[^\W\d]\w*" % tokenize._litprefix[:-1]  # the prefix, not optional
    alternatives = [r"[ \f\t]+", name_first, r"\n", r"\\\n", tokenize.Comment] + triple + [
        tokenize.Number, tokenize.Funny] + single + [tokenize.Name]
    return re.compile("|".join(_non_capturing(alternative) for alternative in alternatives))


_PIECE = _piece_pattern()

# what a piece is, from its first character
_SPACE, _NEWLINE, _COMMENT, _CONTINUATION, _NUMBER, _STRING, _NAME, _OPERATOR = range(8)
_KINDS = {" ": _SPACE, "\t": _SPACE, "\f": _SPACE, "\n": _NEWLINE, "#": _COMMENT, "\\": _CONTINUATION,
          "'": _STRING, '"': _STRING, "_": _NAME}
_KINDS.update((digit, _NUMBER) for digit in "0123456789")
_KINDS.update((letter, _NAME) for letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_KINDS.update((char, _OPERATOR) for char in "()[]{}+-*/%&@|^=<>~!:;.,`")
_OPENING, _CLOSING = frozenset("([{"), frozenset(")]}")
_OPERATORS = pgen_grammar.opmap


def significant_tokens(text):
    """[(grammar token type, value, prefix, (line, column))], ENDMARKER last, as fissix's
    tokenizer and driver would give them to the parser; None when fissix's must read the text."""
    if not text.endswith("\n") or "\r" in text or "async" in text or "await" in text:
        return None
    tokens = []
    append = tokens.append
    kinds, opening, closing, operators = _KINDS, _OPENING, _CLOSING, _OPERATORS
    NAME, NUMBER, STRING, NEWLINE, INDENT, DEDENT = (
        token.NAME, token.NUMBER, token.STRING, token.NEWLINE, token.INDENT, token.DEDENT)
    offset = prefix_from = 0  # where the piece starts; where the next token's prefix starts
    lnum, line_start = 1, 0
    parenlev, indents = 0, [0]
    new_line, indentation = True, ""  # at the start of a statement's first line; its spaces so far
    for piece in _PIECE.findall(text):
        kind = kinds.get(piece[0])
        if new_line:
            if kind == _SPACE:
                indentation = piece
                offset += len(piece)
                continue
            if kind != _COMMENT and kind != _NEWLINE:  # the statement starts: indent or dedent to it
                column = _column(indentation)
                if column > indents[-1]:
                    indents.append(column)
                    append((INDENT, indentation, text[prefix_from:line_start], (lnum, 0)))
                    prefix_from = offset
                while column < indents[-1]:
                    if column not in indents:
                        return None  # fissix raises IndentationError
                    indents.pop()
                    append((DEDENT, "", text[prefix_from:offset], (lnum, offset - line_start)))
                    prefix_from = offset
                new_line = False
        if kind == _NAME:
            if piece[-1] == "'" or piece[-1] == '"':
                kind = _STRING  # a prefixed literal: r'', u"", b''...
            else:
                append((NAME, piece, text[prefix_from:offset], (lnum, offset - line_start)))
                offset = prefix_from = offset + len(piece)
                continue
        if kind == _OPERATOR:
            if piece[0] == "." and piece != ".":
                kind = _NUMBER  # .5
            else:
                if piece in opening:
                    parenlev += 1
                elif piece in closing:
                    parenlev -= 1
                    if parenlev < 0:
                        return None  # fissix reads the lines after as continued, to an error
                number = operators.get(piece)
                if number is None:
                    return None  # fissix's parser raises on an operator with no number
                append((number, piece, text[prefix_from:offset], (lnum, offset - line_start)))
                offset = prefix_from = offset + len(piece)
                continue
        if kind == _NUMBER or kind == _STRING:
            append((STRING if kind == _STRING else NUMBER, piece, text[prefix_from:offset],
                    (lnum, offset - line_start)))
            offset = prefix_from = offset + len(piece)
            if kind == _STRING and "\n" in piece:
                lnum += piece.count("\n")
                line_start = offset - (len(piece) - piece.rindex("\n") - 1)
            continue
        if kind == _NEWLINE:
            if not new_line and not parenlev:  # the statement ends; else a blank line, or one inside brackets
                append((NEWLINE, piece, text[prefix_from:offset], (lnum, offset - line_start)))
                prefix_from = offset + 1
                new_line = True
            if new_line:
                indentation = ""
            lnum += 1
            offset = line_start = offset + 1
            continue
        if kind == _CONTINUATION:
            lnum += 1
            offset = line_start = offset + 2
            continue
        if kind is None:
            return None  # fissix would make it an ERRORTOKEN, or an operator it has no number for
        offset += len(piece)  # spaces or a comment, the prefix of what follows
    if offset != len(text) or parenlev or not new_line:
        return None  # a piece no pattern matched; or the text ends inside brackets or after `\`
    end = (lnum, 0)
    prefix = text[prefix_from:]
    for _ in indents[1:]:
        append((DEDENT, "", prefix, end))
        prefix = ""
    append((token.ENDMARKER, "", prefix, end))
    return tokens


def _column(indentation):
    """fissix's column for a line's leading spaces: tabs to the next multiple of 8, \\f back to 0."""
    if indentation.strip(" ") == "":
        return len(indentation)
    column = 0
    for char in indentation:
        if char == " ":
            column += 1
        elif char == "\t":
            column = (column // TABSIZE + 1) * TABSIZE
        else:
            column = 0
    return column
