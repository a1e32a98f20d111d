"""`from tokenize import tokenprog` → a fallback compiling `tokenize.Token` where 3 lacks the object.

Python 2's tokenize module exported its compiled token pattern as `tokenprog`; Python 3 keeps only
the pattern string `Token`, whose groups number the same way (group 3 is the token, which Ka-Ping
Yee's Itpl string interpolation, copied into web.py's db module and others, reads). The import
becomes `try: from tokenize import tokenprog` / `except ImportError:` compiling it, which only 3 runs.
"""
from fissix.fixer_util import find_indentation
from fissix.pygram import python_symbols as syms

from workers.rewriting import module_imports as mi
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.parsing import compound_statement

# the compiled pattern 2.7 exports → the pattern string Python 3 keeps
PATTERNS = {"tokenprog": "Token"}
FALLBACK = ("try:\n    {statement}except ImportError:  # Python 3 keeps tokenize's patterns only as strings\n"
            "    import re as _re, tokenize as _tokenize\n{assignments}")


def _names(node):
    """The names of `from tokenize import a, b` on a line of its own, all compiled patterns, unaliased."""
    stmt = node.parent
    if stmt is None or stmt.type != syms.simple_stmt or len(stmt.children) != 2:
        return None
    if stmt.parent is None or stmt.parent.type not in (syms.file_input, syms.suite) or mi.in_import_fallback(node):
        return None
    module, pairs = mi.from_import_parts(node)
    if module != "tokenize" or not pairs or any(alias or name not in PATTERNS for name, alias in pairs):
        return None
    return [name for name, _ in pairs]


class _Impl(TreeFixer):
    _accept_type = syms.import_from

    def match(self, node):
        return _names(node) is not None

    def transform(self, node, results):
        stmt = node.parent
        assignments = "".join("    %s = _re.compile(_tokenize.%s)\n" % (name, PATTERNS[name]) for name in _names(node))
        text = FALLBACK.format(statement=str(stmt)[len(stmt.prefix):], assignments=assignments)
        indent = find_indentation(stmt)
        new = compound_statement(text, indent, stmt.prefix)
        _indent_later_statements(new, indent + "    ")
        stmt.replace(new)


def _indent_later_statements(compound, indent):
    """compound_statement indents each block's first line; the except block has more."""
    for suite in (child for child in compound.children if child.type == syms.suite):
        for line in suite.children[3:-1]:
            line.prefix = indent


class TokenizeCompiledPatterns(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 21
    trigger = r"\btokenprog\b"
    summary = "Compile tokenize.Token on Python 3, where tokenize no longer exports tokenprog"
    explanation = (
        "Python 2's tokenize exported `tokenprog`, its compiled token pattern; Python 3 keeps only the "
        "string `tokenize.Token`, with the same groups. `from tokenize import tokenprog` becomes a "
        "try statement whose `except ImportError` (run on 3 only) compiles `tokenize.Token`."
    )
    review_hint = "Python 3's pattern also knows 3-only tokens (f-strings' prefixes, `->`, `...`, `@=`)."
    risk = SAFE


FIXER = TokenizeCompiledPatterns()
