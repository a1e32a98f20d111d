"""`from urllib import splittype, quote, ftpwrapper` (names six.moves.urllib lacks) → a fallback:

    try:
        from urllib import splittype, quote, ftpwrapper
    except ImportError:  # Python 3
        from urllib.parse import splittype, quote
        from urllib.request import ftpwrapper

`urllib_modules` moves a from-import only when six.moves.urllib has every name; the helpers it
lacks (the split functions, `ftpwrapper`, `localhost`, urllib2's `AbstractHTTPHandler`…) still
live in Python 3's urllib.parse / request / response / error. On 2.7 the statement runs as
written. Only a module-level statement of its own whose every name has a Python 3 home changes.
"""
from fissix.pygram import python_symbols as syms

from workers.fixers import urllib_modules
from workers.rewriting import module_imports as mi
from workers.rewriting import parsing, text_lines
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.scopes import root_of

_MORE_URLLIB = dict(
    {name: "parse" for name in "splittype splithost splitport splitnport splitpasswd splitattr unwrap".split()},
    **{name: "request" for name in "localhost thishost ftperrors noheaders ftpwrapper".split()})
# urllib2's own names six.moves.urllib lacks, and the urllib names it re-exports on 2.7
_MORE_URLLIB2 = dict(
    {name: "request" for name in "AbstractHTTPHandler request_host".split()},
    **{name: home for name, home in _MORE_URLLIB.items() if name != "thishost" and name != "ftperrors"
       and name != "noheaders" and name != "splitnport"})
# Python 2 module -> {name: the urllib submodule holding it on Python 3}
PYTHON3_HOMES = {
    "urllib": dict(urllib_modules.HOMES["urllib"], **_MORE_URLLIB),
    "urllib2": dict(urllib_modules.HOMES["urllib2"], **_MORE_URLLIB2),
}
_SUBMODULES = ("parse", "request", "response", "error")


def _fallback_names(node):
    """(module, [(name, alias)]) for a module-level `from urllib(2) import …` line that six.moves
    cannot take and Python 3's urllib can, else None."""
    stmt = node.parent
    if stmt.type != syms.simple_stmt or len(stmt.children) != 2 or stmt.parent is None \
            or stmt.parent.type != syms.file_input or mi.is_relative_from(node) or mi.in_import_fallback(node):
        return None
    module, pairs = mi.from_import_parts(node)
    homes = PYTHON3_HOMES.get(module)
    if homes is None or not pairs or mi.is_sibling_module(root_of(node), module):
        return None
    names = [name for name, _ in pairs]
    if not all(name in homes for name in names) or all(name in urllib_modules.HOMES[module] for name in names):
        return None
    return module, pairs


def _fallback_text(stmt_text, comment, homes, pairs):
    lines = text_lines.lines(stmt_text)
    body = "\n".join("    " + line if line.strip() else line for line in lines) + comment
    imports = []
    for submodule in _SUBMODULES:
        parts = [name if not alias else "%s as %s" % (name, alias) for name, alias in pairs if homes[name] == submodule]
        if parts:
            imports.append("    from urllib.%s import %s\n" % (submodule, ", ".join(parts)))
    return "try:\n%s\nexcept ImportError:  # Python 3\n%s" % (body, "".join(imports))


class _Impl(TreeFixer):
    _accept_type = syms.import_from

    def match(self, node):
        found = _fallback_names(node)
        return {"module": found[0], "pairs": found[1]} if found else False

    def transform(self, node, results):
        stmt = node.parent
        text = _fallback_text(str(node)[len(node.prefix):].strip(), stmt.children[-1].prefix.rstrip(),
                              PYTHON3_HOMES[results["module"]], results["pairs"])
        new = parsing.parse(text).children[0]
        new.remove()
        new.prefix = stmt.prefix
        stmt.replace(new)


class UrllibFromFallback(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\bfrom[ \t]+urllib2?[ \t]+import\b"
    summary = "Import urllib's helpers six.moves lacks from Python 3's urllib on 3"
    explanation = (
        "`from urllib import …` and `from urllib2 import …` naming helpers that six.moves.urllib does "
        "not have (`splittype`, `splithost`, `unwrap`, `ftpwrapper`, `localhost`, `AbstractHTTPHandler`…) "
        "cannot move to six.moves. Python 3 still has each of them in urllib.parse, urllib.request, "
        "urllib.response or urllib.error: the statement becomes a `try` running it as written (2.7) "
        "with an `except ImportError` importing the same names from those modules (3)."
    )
    review_hint = "Python 3 deprecates the split helpers (3.8+); urllib.parse.urlsplit is the lasting form."
    risk = SAFE


FIXER = UrllibFromFallback()
