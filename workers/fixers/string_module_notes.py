"""Report uses of `string` module names Python 3 removed that no fixer rewrites (maketrans, translate …),
and `from string import` of those names (an ImportError on 3)."""
from fissix.pygram import python_symbols as syms

from workers.rewriting import module_imports as mi
from workers.rewriting.scopes import in_try_statement
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.fixers.string_constants import constant_plan
from workers.fixers.string_maketrans import maketrans_plan
from workers.fixers.string_module import CONSTANTS, JOINS, METHODS, NUMBERS, REMOVED, rewrite_plan, string_attribute

_NOTES = {
    "maketrans": "string.maketrans() is gone on Python 3; string_maketrans rewrites it only for ASCII literal "
                 "arguments and a table that is translate()'s one argument (directly or through a local or "
                 "_private name). Here: bind `try: maketrans = bytes.maketrans` / `except AttributeError: "
                 "from string import maketrans` and pass bytes (b'...'; a computed full table: "
                 "bytes(bytearray(range(256)))); on 3 that table translates bytes and str alike, but indexing "
                 "it gives ints, and str.translate takes no deletions argument ({ord(c): None for c in chars})",
    "translate": "string.translate() is gone on Python 3: use s.translate(table) (deletions: bytes only "
                 "on 3 take a second argument, str needs a table mapping to None)",
    "zfill": "string.zfill(x, n) is gone on Python 3 and applied repr() to non-strings: "
             "write str(x).zfill(n) or repr(x).zfill(n) as the value needs",
}




def _from_import_note(name):
    if name in CONSTANTS:
        return "string.%s is gone on Python 3: import string.%s (the ASCII letters; 2.7's followed the " \
               "locale)" % (name, CONSTANTS[name])
    if name in METHODS or name in JOINS:
        return "string.%s is gone on Python 3: call the str method (s.%s(...)%s)" % (
            name, METHODS.get(name, "join"), ", sep.join(words)" if name in JOINS else "")
    if name in NUMBERS:
        return "string.%s is gone on Python 3: call %s()" % (name, NUMBERS[name][0])
    return _NOTES.get(name, "string.%s does not exist on Python 3" % name)


def _removed_from_imports(node):
    """The removed names a module-level or local `from string import …` imports."""
    tree = node
    while tree.parent is not None:
        tree = tree.parent
    module, pairs = mi.from_import_parts(node)
    if module != "string" or not pairs or mi.is_sibling_module(tree, "string") or in_try_statement(node):
        return []
    return [name for name, _ in pairs if name in REMOVED]


class _Impl(TreeFixer):
    _accept_type = {syms.power, syms.import_from}

    def match(self, node):
        if node.type == syms.import_from:
            return bool(_removed_from_imports(node))
        name = string_attribute(node)
        return name in REMOVED and rewrite_plan(node) is None and constant_plan(node) is None and (
            maketrans_plan(node) is None)

    def note(self, node):
        if node.type == syms.import_from:
            names = _removed_from_imports(node)
            return "from string import %s fails on Python 3: %s" % (
                ", ".join(names), "; ".join(_from_import_note(name) for name in names))
        name = string_attribute(node)
        return _NOTES.get(name, "string.%s does not exist on Python 3; this use (keyword or * arguments, "
                                "or not a call) was not rewritten" % name)


class StringModuleNotes(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 56
    reports_only = True
    trigger = r"\bstring\s*\.\s*(%s)\b|\bfrom\s+string\s+import\b" % "|".join(sorted(REMOVED))
    summary = "Report string-module names Python 3 removed that were not rewritten"
    explanation = (
        "`string.maketrans` with computed arguments or a table used other than by translate(), "
        "`string.translate`, `string.zfill`, the `*_error` aliases, calls with keyword or `*` "
        "arguments, and `from string import` of any removed name (an ImportError on 3) have no "
        "mechanical 2+3 form; each use is listed with what to write instead."
    )
    review_hint = "maketrans tables must match the type of the strings they translate (bytes vs text) on 3."
    risk = NEEDS_REVIEW


FIXER = StringModuleNotes()
