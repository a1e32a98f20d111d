"""`class C(B): __metaclass__ = M` → `@six.add_metaclass(M)` above `class C(B):`."""
from fissix import pytree
from fissix.fixer_util import Name, find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import text_lines
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.protocols import class_binds


def _statements(body):
    if body.type != syms.suite:
        return [body]
    return [child for child in body.children if child.type not in (token.NEWLINE, token.INDENT, token.DEDENT)]


def _metaclass_assignment(small):
    return small.type == syms.expr_stmt and len(small.children) == 3 and small.children[1].type == token.EQUAL and (
        small.children[0].type == token.NAME and small.children[0].value == "__metaclass__")


def _own_leaves(node):
    """Leaves of a class body, not those of classes nested in it (they are converted on their own)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, pytree.Leaf):
            yield current
        elif current.type != syms.classdef or current is node:
            stack.extend(reversed(current.children))


def _find_assignment(classdef):
    """(simple_stmt, expr_stmt) of the class's one `__metaclass__ = M`, or None."""
    body = classdef.children[-1]
    if sum(1 for leaf in _own_leaves(body) if leaf.type == token.NAME and leaf.value == "__metaclass__") != 1:
        return None  # none, several, or read somewhere in the class: leave the class alone
    for stmt in _statements(body):
        if stmt.type != syms.simple_stmt:
            continue
        for small in stmt.children:
            if _metaclass_assignment(small):
                return stmt, small
    return None


def _class_of_statement(stmt):
    """The classdef whose body directly holds this simple_stmt, else None."""
    if stmt is None or stmt.type != syms.simple_stmt:
        return None
    parent = stmt.parent
    if parent is not None and parent.type == syms.suite:
        parent = parent.parent
    return parent if parent is not None and parent.type == syms.classdef else None


def _free_names(expr):
    """Names the expression reads (not attribute names after a dot)."""
    for leaf in expr.leaves():
        if leaf.type == token.NAME:
            previous = leaf.prev_sibling
            if previous is None or previous.type != token.DOT:
                yield leaf.value


def _bases(classdef):
    """The base-list node (or None) and whether the class has no bases at all."""
    if classdef.children[2].type != token.LPAR:
        return None
    inner = classdef.children[3]
    return None if inner.type == token.RPAR else inner


def _is_docstring_stmt(stmt):
    return stmt.type == syms.simple_stmt and stmt.children[0].type == token.STRING


def _trailing_dedents(node):
    found = []
    for leaf in reversed(list(node.leaves())):
        if leaf.type != token.DEDENT:
            break
        found.append(leaf)
    return found


def _pass_statement(prefix):
    return Name("pass", prefix=prefix)


def _remove_statement(stmt):
    """Delete a whole statement line from a class suite, keeping comments and indentation right."""
    previous, following = stmt.prev_sibling, stmt.next_sibling
    if previous.type == token.INDENT:
        # First statement: the INDENT leaf gives the next statement its indentation; the comments
        # and blank lines above it move before the INDENT.
        lines = text_lines.lines(following.prefix[: following.prefix.rfind("\n") + 1], keepends=True)
        while lines and not lines[0].strip():
            lines.pop(0)  # no blank line right below `class C:`
        previous.prefix += stmt.prefix + "".join(lines)
        following.prefix = ""
    else:
        dedents = _trailing_dedents(previous)
        combined = "".join(leaf.prefix for leaf in reversed(dedents)) + stmt.prefix
        for leaf in dedents:
            leaf.prefix = ""
        following.prefix = combined[: combined.rfind("\n") + 1] + following.prefix
    stmt.remove()


def _remove_small(stmt, small):
    """Remove `small` from `a; small; b` (a simple_stmt with several small statements)."""
    children = stmt.children
    index = children.index(small)
    if index > 0:
        children[index - 1].remove()  # the ';' before it
        small.remove()
    else:
        semi = children[index + 1]
        after = children[index + 2]
        after.prefix = small.prefix
        semi.remove()
        small.remove()


def _decorator(metaclass):
    value = metaclass.clone()
    value.prefix = ""
    return pytree.Node(syms.decorator, [
        pytree.Leaf(token.AT, "@"),
        pytree.Node(syms.dotted_name, [Name("six"), pytree.Leaf(token.DOT, "."), Name("add_metaclass")]),
        pytree.Leaf(token.LPAR, "("), value, pytree.Leaf(token.RPAR, ")"),
        pytree.Leaf(token.NEWLINE, "\n"),
    ])


class _Impl(TreeFixer):
    _accept_type = token.NAME

    def match(self, node):
        # Matched at the `__metaclass__` name, so the site is the line that goes away.
        if node.value != "__metaclass__" or not _metaclass_assignment(node.parent):
            return False
        classdef = _class_of_statement(node.parent.parent)
        if classdef is None:
            return False
        found = _find_assignment(classdef)
        if found is None or found[1] is not node.parent:
            return False
        stmt, small = found
        metaclass = small.children[2]
        if any(class_binds(classdef, name) for name in _free_names(metaclass) if name != "__metaclass__"):
            return False  # a metaclass defined in the class body itself cannot move above the class
        return {"classdef": classdef, "stmt": stmt, "small": small, "metaclass": metaclass}

    def transform(self, node, results):
        node = results["classdef"]
        stmt, small, metaclass = results["stmt"], results["small"], results["metaclass"]
        self._remove_assignment(node, stmt, small)
        if _is_type(metaclass) and _bases(node) is None:
            self._new_style(node)
        else:
            self._decorate(node, metaclass)
            self.needs_six = True
        return None

    def _remove_assignment(self, classdef, stmt, small):
        if len(stmt.children) > 2:  # `a; __metaclass__ = M; b`
            _remove_small(stmt, small)
            return
        body = classdef.children[-1]
        statements = _statements(body)
        if statements == [stmt]:
            small.replace(_pass_statement(small.prefix))  # the body would be empty
            return
        position = statements.index(stmt)
        if position == 0 and _is_docstring_stmt(statements[1]):
            # The string after it was not the docstring on Python 2 (doctest would start running it).
            small.replace(_pass_statement(small.prefix))
            return
        _remove_statement(stmt)

    def _new_style(self, classdef):
        """`class C:` / `class C():` with `__metaclass__ = type` is `class C(object):`."""
        children = classdef.children
        if children[2].type == token.LPAR:
            classdef.insert_child(3, Name("object"))
        else:
            colon = children[2]
            classdef.insert_child(2, pytree.Leaf(token.RPAR, ")"))
            classdef.insert_child(2, Name("object"))
            classdef.insert_child(2, pytree.Leaf(token.LPAR, "(", prefix=colon.prefix))
            colon.prefix = ""

    def _decorate(self, classdef, metaclass):
        decorator = _decorator(metaclass)
        parent = classdef.parent
        indent = find_indentation(classdef)
        if parent.type == syms.decorated:
            # Innermost: Python 2 created the class with M before the other decorators ran.
            decorator.prefix = classdef.prefix
            classdef.prefix = indent
            decorators = parent.children[0]
            if decorators.type == syms.decorators:
                decorators.append_child(decorator)
            else:
                group = pytree.Node(syms.decorators, [decorators.clone(), decorator])
                decorators.replace(group)
            return
        decorator.prefix = classdef.prefix
        decorated = pytree.Node(syms.decorated, [decorator])
        classdef.replace(decorated)
        classdef.prefix = indent if decorator.prefix or indent else ""
        decorated.append_child(classdef)


def _is_type(node):
    return node.type == token.NAME and node.value == "type"


class Metaclass(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 60
    trigger = r"\b__metaclass__\b"
    summary = "Replace __metaclass__ in class bodies with @six.add_metaclass"
    explanation = (
        "Python 3 ignores a `__metaclass__` attribute in the class body, so the class silently loses "
        "its metaclass. `@six.add_metaclass(M)` on the class recreates it with M on both 2.7 and 3 "
        "(unlike `class C(B, metaclass=M)`, which is a SyntaxError on 2.7, and unlike "
        "`six.with_metaclass`, which puts an extra class in the MRO). The attribute line is removed; "
        "an emptied body gets `pass`, and the docstring stays the docstring. It is the innermost "
        "decorator, because Python 2 created the class with M before other decorators ran. "
        "`class C:` with `__metaclass__ = type` simply becomes `class C(object):`. A module-level "
        "`__metaclass__ = type` is left as it is: it keeps bare classes new-style on 2.7 and 3 "
        "ignores it, where every class is new-style already."
    )
    review_hint = (
        "add_metaclass first builds the class with the bases' own metaclass and then rebuilds it "
        "with M: a base metaclass with side effects (registries) sees the class twice. Code reading "
        "`C.__metaclass__` no longer finds it; use `type(C)`. A metaclass defined inside the class "
        "body, a conditional `__metaclass__`, and a module-level `__metaclass__ = M` other than type "
        "are left for you."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = Metaclass()
