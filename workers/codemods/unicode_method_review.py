"""Report classes that still define `__unicode__`: Python 3 never calls it. The 2+3 stage renamed
the ones it could prove safe (unicode_dunder); what is left changes behaviour whichever way it goes."""
import libcst as cst
import libcst.matchers as m

from workers.rewriting.codemod import Codemod, SiteRecorder

NOTE = "Python 3 never calls __unicode__: str() of this class uses %s"
BYTES_STR = "its __str__, which returns encoded bytes (str() raises TypeError, or recurses if it calls str(self))"
NO_STR = "the default <... object at ...> text"
INHERITED_STR = "its base classes' __str__"
# `return <anything>.encode(...)`: a __str__ that gave Python 2 bytes
RETURNS_ENCODED = m.Return(value=m.Call(func=m.Attribute(attr=m.Name("encode"))))


class FindUnicodeMethods(SiteRecorder):
    def visit_ClassDef(self, node):
        methods = {s.name.value: s for s in node.body.body if isinstance(s, cst.FunctionDef)}
        unicode_method = methods.get("__unicode__")
        if unicode_method is None:
            return
        str_method = methods.get("__str__")
        if str_method is not None and m.findall(str_method.body, RETURNS_ENCODED):
            uses = BYTES_STR
        elif str_method is not None:
            return  # a text __str__ of its own: __unicode__ is merely unused on Python 3
        else:
            uses = INHERITED_STR if _has_bases(node) else NO_STR
        self.record(unicode_method, NOTE % uses)


def _has_bases(classdef):
    return any(not m.matches(arg, m.Arg(value=m.Name("object"), keyword=None)) for arg in classdef.bases)


class UnicodeMethodReview(Codemod):
    transformer = FindUnicodeMethods
    reports_only = True
    trigger = r"\bdef\s+__unicode__\b"
    summary = "List classes whose __unicode__ Python 3 never calls"
    explanation = (
        "On Python 3 `str(obj)` calls `__str__` only. The 2+3 stage renamed `__unicode__` to "
        "`__str__` under `python_2_unicode_compatible` wherever that kept Python 2's behaviour; the "
        "classes left have no `__str__` (str() gives the default text, or a base's), or a `__str__` that "
        "returns `unicode(self).encode(...)`, bytes, which Python 3's str() refuses. Renaming "
        "`__unicode__` changes what they print, so each is listed for a person to decide."
    )
    review_hint = "Usually: rename `__unicode__` to `__str__` and delete the bytes `__str__`."


FIXER = UnicodeMethodReview()
