"""`from types import ClassType` → `try: from types import ClassType` / `except ImportError: ClassType = type`.

kid 0.9.6's template_util did `from types import ModuleType, ClassType, GeneratorType`, and the
import failed on 3, so nothing that imports kid ran there. The other names stay in a plain import
before the try; on 2.7 the try imports the same objects as before, on 3 the names get what
old_style_types gives `types.ClassType` and `types.InstanceType` there.
"""
from fissix.fixer_util import find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.fixers.old_style_types import PYTHON3_MEANING
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.parsing import compound_statement, parse
from workers.rewriting.scopes import from_import_children

GUARDED = "try:\n    from types import {imports}\nexcept ImportError:  # Python 3: every class is new-style\n    {targets} = {values}\n"


def _original(item):
    return item.value if item.type == token.NAME else item.children[0].value


def _bound(item):
    return item.value if item.type == token.NAME else item.children[-1].value


def _in_try_body(stmt):
    """An import already in a try body: its module chose its own fallback (or this fixer did)."""
    suite = stmt.parent
    owner = suite.parent if suite is not None and suite.type == syms.suite else None
    return owner is not None and owner.type == syms.try_stmt and owner.children[2] is suite


def _statement(import_from):
    """The simple_stmt holding only this import, on its own line of a block, else None."""
    stmt = import_from.parent
    if stmt is None or stmt.type != syms.simple_stmt or len(stmt.children) != 2:
        return None
    if stmt.parent is None or stmt.parent.type not in (syms.suite, syms.file_input) or _in_try_body(stmt):
        return None
    return stmt


def _old_style(import_from):
    """The imported items naming old-style class types, when this is `from types import …`."""
    if import_from.children[1].type != token.NAME or import_from.children[1].value != "types":
        return []
    return [item for item in from_import_children(import_from) if _original(item) in PYTHON3_MEANING]


def _guarded(old, indent, prefix):
    text = GUARDED.format(imports=", ".join(str(item).strip() for item in old),
                          targets=", ".join(_bound(item) for item in old),
                          values=", ".join(PYTHON3_MEANING[_original(item)] for item in old))
    return compound_statement(text, indent, prefix)


def _plain_import(kept, prefix):
    """`from types import <kept>` as a simple_stmt."""
    new = parse("from types import %s\n" % ", ".join(str(item).strip() for item in kept)).children[0]
    new.remove()
    new.prefix = prefix
    return new


class _Impl(TreeFixer):
    _accept_type = syms.import_from

    def match(self, node):
        return bool(_old_style(node)) and _statement(node) is not None

    def transform(self, node, results):
        stmt = _statement(node)
        old = _old_style(node)
        kept = [item for item in from_import_children(node) if item not in old]
        indent = find_indentation(stmt)
        new = ([_plain_import(kept, stmt.prefix)] if kept else []) + [_guarded(old, indent, indent if kept else stmt.prefix)]
        parent, index = stmt.parent, stmt.remove()
        for offset, statement in enumerate(new):
            parent.insert_child(index + offset, statement)


class OldStyleTypeImports(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 57
    trigger = r"\bfrom\s+types\s+import\b"
    summary = "Import types.ClassType and types.InstanceType with a Python 3 fallback"
    explanation = (
        "`from types import ClassType` (or InstanceType) raises ImportError on Python 3, which has "
        "no old-style classes. The names are imported in `try:`, and `except ImportError:` binds "
        "them to `type` (every class is an instance of it on 3) and `()` (isinstance() and `except` "
        "match nothing with it, as no object is an old-style instance there); any other names stay "
        "in a plain import before it. On 2.7 the same objects are imported as before."
    )
    review_hint = (
        "On 3 a check for old-style classes now sees new-style ones (ClassType) and a check for "
        "old-style instances never matches (InstanceType): make sure that is what the code wants."
    )
    risk = NEEDS_REVIEW


FIXER = OldStyleTypeImports()
