"""`types.StringTypes` → `six.string_types`, `types.IntType` → `int`, … (and `from types import …`)."""
from fissix import pytree
from fissix.fixer_util import Name, does_tree_import
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.scopes import from_import_children, root_of
from workers.rewriting.star_exports import star_exported
from workers.rewriting.typerefs import (expression, from_import_origin, integer_tuple,
                                     integer_tuple_replacement, is_plain_use, module_attribute,
                                     replace_head)

# Each is the very same object on 2.7, or (six.*) an alias of it there.
_MAPPING = {
    "BooleanType": "bool",
    "ComplexType": "complex",
    "DictType": "dict",
    "DictionaryType": "dict",
    "EllipsisType": "type(Ellipsis)",
    "FloatType": "float",
    "IntType": "int",
    "ListType": "list",
    "NoneType": "type(None)",
    "NotImplementedType": "type(NotImplemented)",
    "ObjectType": "object",
    "SliceType": "slice",
    "StringType": "str",
    "StringTypes": "(str, six.text_type)",
    "TupleType": "tuple",
    "TypeType": "type",
    "UnicodeType": "six.text_type",
    "XRangeType": "six.moves.range",
}
# The same object on 2.7 too, but spelled through the module: only `types.X` is rewritten.
_ATTRIBUTE_ONLY = {"UnboundMethodType": "types.MethodType"}
# Not rewritten: LongType alone (no 2+3 name is `long` on 2.7 and something sensible on 3; inside
# a tuple with IntType/int it becomes six.integer_types), ClassType/InstanceType (old_style_types
# looks them up with a Python 3 default), FileType, BufferType,
# DictProxyType; names that still exist on 3 (FunctionType, ModuleType, …) need nothing.


def _in_integer_tuple(node):
    """node is a member of a tuple that becomes six.integer_types as a whole."""
    if node.parent is None or node.parent.type != syms.testlist_gexp:
        return False
    atom = node.parent.parent
    return atom is not None and integer_tuple(atom) is not None


def _is_isinstance_class_arg(node):
    """node is the second argument of isinstance()/issubclass()."""
    arglist = node.parent
    if arglist is None or arglist.type != syms.arglist or arglist.children.index(node) != 2:
        return False
    trailer = arglist.parent
    call = trailer.prev_sibling if trailer is not None else None
    return (trailer is not None and trailer.type == syms.trailer and call is not None and call.type == token.NAME
            and call.value in ("isinstance", "issubclass") and len(arglist.children) == 3)


def _new_text(name, node):
    if name == "StringTypes" and _is_isinstance_class_arg(node):
        return "six.string_types"  # (basestring,) on 2.7: isinstance accepts exactly str and unicode
    return _ATTRIBUTE_ONLY.get(name) or _MAPPING[name]


def _head(node):
    return [c.clone() for c in node.children] if node.type == syms.power else [node]


def _has_types_member(members, kinds):
    return any(kind and (m.type != token.NAME or m.value not in ("int", "long")) for m, kind in zip(members, kinds))


class _Impl(TreeFixer):
    _accept_type = (syms.power, token.NAME, syms.atom, syms.import_from)

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_six = False

    def match(self, node):
        if node.type == syms.atom:
            found = integer_tuple(node)
            return found if found and _has_types_member(*found) else False
        if node.type == syms.import_from:
            return self._removable_names(node) or False
        if node.type == syms.power:
            attr = module_attribute(node, "types")
            if attr is None:
                return False
            target = node if len(node.children) == 2 else None
            return {"name": attr.value} if attr.value in _ATTRIBUTE_ONLY else self._mapped(attr.value, target)
        if not is_plain_use(node):
            return False
        origin = from_import_origin(node, "types")
        return self._mapped(origin, node) if origin else False

    def _mapped(self, name, node):
        if name in ("IntType", "LongType") and node is not None and _in_integer_tuple(node):
            return False  # the tuple is rewritten as a whole
        return {"name": name} if name in _MAPPING else False

    def _removable_names(self, import_from):
        """Names of `from types import …` that no longer exist on 3 and whose every use is rewritten."""
        if str(import_from.children[1]).strip() != "types":
            return []
        removable = []
        for item in from_import_children(import_from):
            original, local = (item.value, item.value) if item.type == token.NAME else (
                item.children[0].value, item.children[-1].value)
            if star_exported(root_of(import_from), local):
                continue  # another module may read it from this one through `import *`
            if original in _MAPPING or original == "LongType" and self._all_in_tuples(import_from, local):
                removable.append(item)
        return removable

    def _all_in_tuples(self, import_from, local):
        root = import_from
        while root.parent is not None:
            root = root.parent
        for leaf in root.leaves():
            if leaf.type == token.NAME and leaf.value == local and is_plain_use(leaf):
                if from_import_origin(leaf, "types") and not _in_integer_tuple(leaf):
                    return False
        return True

    def transform(self, node, results):
        if node.type == syms.atom:
            members, kinds = results
            node.replace(integer_tuple_replacement(node, members, kinds))
            self.needs_six = True
            return None
        if node.type == syms.import_from:
            self._remove_names(node, results)
            return None
        name = results["name"]
        text = _new_text(name, node)
        self.needs_six = self.needs_six or text.startswith("six.") or "six." in text
        if node.type == syms.power:
            replace_head(node, _head(expression(text)))
        else:
            node.replace(expression(text, prefix=node.prefix))
        return None

    def _remove_names(self, import_from, removable):
        originals = {(item.value if item.type == token.NAME else item.children[0].value) for item in removable}
        self.needs_six = self.needs_six or bool(originals & {"StringTypes", "UnicodeType", "XRangeType", "LongType"})
        items = from_import_children(import_from)
        if len(removable) < len(items):
            lost = 0  # line breaks removed with the names: given back before `)` so no line moves
            for item in removable:
                previous, following = item.prev_sibling, item.next_sibling
                if previous is not None and previous.type == token.COMMA:
                    lost += previous.prefix.count("\n") + item.prefix.count("\n")
                    previous.remove()
                elif following is not None and following.type == token.COMMA:
                    after = following.next_sibling
                    lost += following.prefix.count("\n")
                    if after is not None and "\n" not in after.prefix:
                        after.prefix = item.prefix
                    else:
                        lost += item.prefix.count("\n")
                    following.remove()
                else:
                    lost += item.prefix.count("\n")
                item.remove()
            closing = import_from.children[-1]
            if lost and closing.type == token.RPAR:
                closing.prefix = "\n" * lost + closing.prefix
            names = from_import_children(import_from)
            parent = names[0].parent
            if parent.type == syms.import_as_names and parent.children[-1].type == token.COMMA and \
                    import_from.children[3].type != token.LPAR:
                parent.children[-1].remove()  # `from types import A, B,` is not valid without ( )
            return
        root = import_from
        while root.parent is not None:
            root = root.parent
        stmt = import_from.parent
        if self.needs_six and not does_tree_import(None, "six", root):
            new = pytree.Node(syms.import_name, [Name("import"), Name("six", prefix=" ")])
            new.prefix = import_from.prefix
            import_from.replace(new)  # same line: later line numbers stay as they were
        elif stmt.type == syms.simple_stmt and len(stmt.children) == 2 and stmt.parent.type == syms.file_input:
            following = stmt.next_sibling
            if following is not None:
                following.prefix = stmt.prefix + following.prefix
            stmt.remove()
        else:
            import_from.replace(Name("pass", prefix=import_from.prefix))

    def after_fix(self, tree):
        if self.needs_six:
            add_import(tree, "six")


class TypesModule(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 35
    trigger = r"\btypes\b"  # a bare StringTypes etc. needs `from types import` in the same file
    summary = "Replace the Python-2-only names of the types module (types.StringTypes, types.IntType, …)"
    explanation = (
        "Python 3's `types` module no longer has the aliases of builtin types. Each is replaced by the "
        "object it names on 2.7, or by the six alias of it: `types.IntType` → `int`, `DictType` → "
        "`dict`, `NoneType` → `type(None)`, `UnicodeType` → `six.text_type` (not `str`, which is bytes "
        "on 2.7), `StringType` → `str` (the same object on 2.7; on 3 the type of a `'literal'`, which is "
        "what such checks are about), `XRangeType` → `six.moves.range`, `types.UnboundMethodType` → `types.MethodType` (2.7's "
        "alias of it). `StringTypes` becomes "
        "`six.string_types` as isinstance()'s second argument and `(str, six.text_type)` elsewhere, "
        "so `type(x) in types.StringTypes` still finds `str` on 2.7 (PyCQA/modernize#179: never "
        "`(str,)`). `(types.IntType, types.LongType)` becomes `six.integer_types` as a whole "
        "(python-future#264). `from types import StringTypes` loses the names that are rewritten; "
        "`import types` is kept (later line numbers do not move, and it is harmless)."
    )
    review_hint = (
        "Not rewritten, on purpose: `types.LongType` alone, `ClassType`/`InstanceType` (old-style "
        "classes: old_style_types handles them), `FileType`, `BufferType`, "
        "`DictProxyType` — these still fail on Python 3 and need a person."
    )
    risk = SAFE
    requires = ("six",)


FIXER = TypesModule()
