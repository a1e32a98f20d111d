"""A class whose `__str__` encodes its `__unicode__` gets `__str__ = __unicode__` on Python 3.

`def __str__(self): return unicode(self).encode(self.encoding)` is 2.7's bytes form of the text
`__unicode__` makes. On 3, `unicode(self)` is `str(self)`, so that `__str__` calls itself until
the recursion limit (polib's entries and files). Where unicode_dunder cannot rename `__unicode__`
(an encoding other than UTF-8 or ASCII, or a `__unicode__` other code calls by name: polib's takes
a wrap width), the class keeps both methods and, on Python 3 only, binds `__str__` to `__unicode__`:
2.7 runs exactly what it ran before.
"""
from fissix.pygram import python_symbols as syms

from workers.fixers.unicode_dunder import _TEXT_OF_SELF, _compact, _first_parameter, _returned_expression
from workers.rewriting import classes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.scopes import PARAMETER, binding_statements, imported_module

ALIAS = "__str__ = __unicode__"


def encodes_own_text(str_def):
    """`return <text of self>.encode(...)`, whatever the encoding, with self as the first parameter."""
    self_name = _first_parameter(str_def)
    value = _returned_expression(str_def)
    if self_name is None or value is None or value.type != syms.power or len(value.children) < 3:
        return False
    encode, call = value.children[-2:]
    if _compact(encode) != ".encode" or call.type != syms.trailer or not _compact(call).startswith("("):
        return False
    receiver = "".join(_compact(c) for c in value.children[:-2])
    return receiver in {form.replace("S", self_name) for form in _TEXT_OF_SELF}


def _six_usable(classdef):
    bound = binding_statements(classdef, "six")
    if bound is None:
        return True
    return all(stmt is not PARAMETER and imported_module(stmt, "six") == "six" for stmt in bound)


def _analyse(classdef):
    found = classes.methods(classdef)
    unicode_def, str_def = found.get("__unicode__"), found.get("__str__")
    if unicode_def is None or str_def is None or classes.is_decorated(str_def):
        return None
    if classes.definitions_of(classdef, "__unicode__") != 1 or classes.definitions_of(classdef, "__str__") != 1:
        return None
    if not encodes_own_text(str_def) or not _six_usable(classdef) or _has_alias(classdef):
        return None
    return str_def


def _has_alias(classdef):
    return any(node.type == syms.expr_stmt and _compact(node) == _compact(ALIAS) for node in classdef.pre_order())


class _Impl(TreeFixer):
    _accept_type = syms.classdef

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_import = False

    def match(self, node):
        return _analyse(node) is not None

    def transform(self, node, results):
        str_def = _analyse(node)
        outer, unit = classes.body_indent(node)
        after = classes.last_line(str_def)
        new_lines = ["\n", "%sif not six.PY2:  # str() is text on 3: __unicode__'s\n" % outer,
                     "%s%s%s\n" % (outer, unit, ALIAS)]
        classes.rewrite_lines(node, lambda lines, first, indent: classes.insert_after(lines, first, after, new_lines))
        self.needs_import = self.needs_import or binding_statements(node, "six") is None

    def after_fix(self, tree):
        if self.needs_import:
            add_import(tree, "six")


class UnicodeStrAlias(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 61
    trigger = r"\bdef\s+__unicode__\b"
    summary = "Bind __str__ to __unicode__ on Python 3 where __str__ encodes it"
    explanation = (
        "A `__str__` returning `unicode(self).encode(...)` calls itself forever on Python 3, where "
        "unicode(self) is str(self). Where `__unicode__` cannot simply become `__str__` (another "
        "encoding, or code calling `__unicode__` by name), the class gets `__str__ = __unicode__` "
        "under `if not six.PY2:`; 2.7 keeps its bytes `__str__`."
    )
    review_hint = "On 3, str() of an instance is now the text __unicode__ returns, not bytes."
    risk = NEEDS_REVIEW


FIXER = UnicodeStrAlias()
