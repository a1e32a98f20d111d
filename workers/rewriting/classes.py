"""Looking into class bodies, and rewriting a class as text.

The fixers for `__unicode__`, `__cmp__` and `__eq__` without `__hash__` add and remove whole
methods and decorators. fissix keeps the text between statements (comments, blank lines, the
next statement's indentation) in odd places (INDENT and DEDENT leaves), so instead of splicing
nodes those fixers edit the class's own lines and parse them again: `rewrite_lines(node, edit)`.
Everything outside the class (its leading comments, the text after its last line) stays where it
was, and the new nodes keep line numbers close to the original ones.

Line numbers handed to `edit` come from the class's current text, never from the leaves' `lineno`:
a fixer that ran earlier over the same tree may have added or removed lines in the class (an alias
like `next = __next__`, a method split over lines) without renumbering anything, and the line
numbers fissix recorded at parse time then point at the wrong lines. `first_line`, `last_line` and
`position` count through the text as it is now, from the same starting line `rewrite_lines` uses.
"""
from fissix import pygram, pytree
from fissix.pgen2 import driver, token
from fissix.pygram import python_symbols as syms

from workers.rewriting import text_lines
from workers.rewriting.imports import has_future_feature
from workers.rewriting.scopes import bound_names, is_bound_around, root_of

_DRIVERS = {}


def suite_statements(classdef):
    """The statements directly in a class body ([] for a one-line body)."""
    suite = classdef.children[-1]
    if suite.type != syms.suite:
        return []
    return [child for child in suite.children if child.type not in (token.NEWLINE, token.INDENT, token.DEDENT)]


def methods(classdef):
    """{name: funcdef} of the `def`s directly in the class body (decorated ones included)."""
    found = {}
    for stmt in suite_statements(classdef):
        func = stmt.children[-1] if stmt.type == syms.decorated else stmt
        if func.type == syms.funcdef:
            found.setdefault(func.children[1].value, func)
    return found


def is_decorated(funcdef):
    return funcdef.parent is not None and funcdef.parent.type == syms.decorated


def binds(classdef, name):
    """Whether the class body binds `name` at all (def, assignment, import, in an `if` …)."""
    return name in bound_names(classdef)


def definitions_of(classdef, name):
    """How many statements directly in the body bind `name` (0 when it is bound only in nested blocks)."""
    count = 0
    for stmt in suite_statements(classdef):
        func = stmt.children[-1] if stmt.type == syms.decorated else stmt
        if func.type in (syms.funcdef, syms.classdef) and func.children[1].value == name:
            count += 1
        elif stmt.type == syms.simple_stmt and any(
                name in _assigned(small) for small in stmt.children if small.type == syms.expr_stmt):
            count += 1
    return count


def _assigned(expr_stmt):
    children = expr_stmt.children
    return {
        child.value for index, child in enumerate(children[:-1])
        if child.type == token.NAME and children[index + 1].type == token.EQUAL
    }


def bases(classdef):
    """The base-class expressions: [] for `class A:` and `class A():`; None when the list is not
    a plain one (keywords, `*args`)."""
    children = classdef.children
    if children[2].type != token.LPAR:
        return []
    inner = children[3]
    if inner.type == token.RPAR:
        return []
    items = [c for c in inner.children if c.type != token.COMMA] if inner.type == syms.arglist else [inner]
    if any(item.type == syms.argument or item.type in (token.STAR, token.DOUBLESTAR) for item in items):
        return None
    return items


def new_style_object_only(classdef):
    """`class A(object):` with the builtin object: hashable by identity on 2.7 whatever it compares."""
    items = bases(classdef)
    return bool(items) and len(items) == 1 and items[0].type == token.NAME and items[0].value == "object" and (
        not is_bound_around(classdef, "object"))


def old_style(classdef):
    return bases(classdef) == []


def body_indent(classdef):
    """Indentation of the class body's statements, and one level of indentation inside a method."""
    suite = classdef.children[-1]
    outer = suite.children[1].value if len(suite.children) > 1 and suite.children[1].type == token.INDENT else "    "
    unit = "    "
    for func in methods(classdef).values():
        body = func.children[-1]
        if body.type == syms.suite and body.children[1].type == token.INDENT:
            inner = body.children[1].value
            if inner.startswith(outer) and len(inner) > len(outer):
                unit = inner[len(outer):]
                break
    else:
        if "\t" in outer:
            unit = "\t"
    return outer, unit


def first_line(node):
    """First line of a statement in a class body, its decorators included (in `rewrite_lines`'s numbering)."""
    top = node.parent if node.parent is not None and node.parent.type == syms.decorated else node
    return position(_first_leaf(top))[0]


def last_line(node):
    """Last line of a statement's own text, in `rewrite_lines`'s numbering: its last token, and the
    comment lines right below it that are indented deeper than the statement (they belong to its
    block), but not the blank lines and comments after those that fissix also keeps in its
    trailing DEDENT."""
    leaves = [leaf for leaf in node.leaves() if leaf.type != token.DEDENT and not (
        leaf.type == token.NEWLINE and leaf.value == "")]
    last = leaves[-1]
    line = position(last)[0] + last.value.count("\n") - (1 if last.value.endswith("\n") else 0)
    indent = position(_first_leaf(node))[1]
    for text in text_lines.lines("".join(leaf.prefix for leaf in _trailing_dedents(node)), keepends=True):
        code = text.lstrip(" \t")
        if not text.endswith("\n") or not code.startswith("#") or len(text) - len(code) <= indent:
            break
        line += 1
    return line


def position(leaf):
    """(line, column) where `leaf`'s token starts, counted through the current text of the class
    statement around it (its nearest enclosing class, decorators included), whose first line is
    numbered as `rewrite_lines` numbers it. The column counts from the start of the line in the file."""
    top = _class_statement(leaf)
    chunks = []
    for each in top.leaves():
        chunks.append(each.prefix)
        if each is leaf:
            break
        chunks.append(each.value)
    else:
        raise ValueError("leaf is not inside the class statement")
    before = "".join(chunks)[len(top.prefix):]
    line = _base_line(top) + before.count("\n")
    if "\n" in before:
        return line, len(before) - before.rindex("\n") - 1
    return line, len(_indentation_before(top)) + len(before)


def _class_statement(node):
    """The statement (the decorated node, or the classdef) of the class around node (node's own if a classdef)."""
    while node is not None and node.type != syms.classdef:
        node = node.parent
    if node is None:
        raise ValueError("not inside a class")
    return _statement(node)


def _statement(classdef):
    parent = classdef.parent
    return parent if parent is not None and parent.type == syms.decorated else classdef


def _base_line(top):
    """The line number given to the first line of a class statement's text: the one fissix recorded
    (its first token is never moved by the fixers), else its line in the module's current text."""
    line = _first_leaf(top).lineno
    if line:
        return line
    before = []
    for leaf in root_of(top).leaves():
        if leaf is _first_leaf(top):
            break
        before += [leaf.prefix, leaf.value]
    return "".join(before).count("\n") + top.prefix.count("\n") + 1


def _first_leaf(node):
    while isinstance(node, pytree.Node) and node.children:
        node = node.children[0]
    return node


def rewrite_lines(classdef, edit):
    """Rewrite a class through its text: `edit(lines, first, indent)` gets the class's lines (decorators
    included; each ending in "\\n"; `first` is the file line number of lines[0]) and returns the
    new lines (`indent`: the class's indentation, which lines[0] lacks). The result is parsed again and put in the class's place."""
    top = _statement(classdef)
    leaves = list(top.leaves())
    prefix = top.prefix
    trailing = []
    for leaf in reversed(leaves):
        if leaf.type != token.DEDENT:
            break
        trailing.append(leaf)
    trailing.reverse()
    trailing_text = "".join(leaf.prefix for leaf in trailing)
    text = str(top)
    core = text[len(prefix): len(text) - len(trailing_text)]
    first = _base_line(top)
    indent = _indentation_before(top)
    lines = edit(text_lines.lines(core, keepends=True), first, indent)
    new_core = "".join(lines)
    new = _parse_statement(indent + new_core if not indent else "if 1:\n" + indent + new_core, bool(indent), top)
    shift = first - (2 if indent else 1)
    for leaf in new.leaves():
        leaf.lineno += shift
    # the text after the class's last line goes back where it was: after the new last line
    tail = _trailing_dedents(new)
    if tail:
        tail[0].prefix = trailing_text + tail[0].prefix
    elif trailing_text:  # pragma: no cover - a block statement always ends in a DEDENT
        raise ValueError("cannot place trailing text")
    new.prefix = prefix
    top.replace(new)
    return new


def _trailing_dedents(node):
    tail = []
    for leaf in reversed(list(node.leaves())):
        if leaf.type != token.DEDENT:
            break
        tail.append(leaf)
    tail.reverse()
    return tail


def _indentation_before(node):
    text = node.prefix
    previous = _previous_leaf(node)
    while "\n" not in text and previous is not None and previous.type == token.DEDENT:
        text = previous.prefix + text
        previous = _previous_leaf(previous)
    if "\n" in text:
        return text.rsplit("\n", 1)[1]
    if previous is not None and previous.type == token.INDENT:
        return previous.value + text
    return text


def _previous_leaf(node):
    while node.prev_sibling is None:
        node = node.parent
        if node is None:
            return None
    previous = node.prev_sibling
    while isinstance(previous, pytree.Node):
        if not previous.children:
            return None
        previous = previous.children[-1]
    return previous


def _without_print_statement(root):
    # print_function, run earlier over the same tree, may have added the future import and written
    # print(x, file=f), which the print-statement grammar the module was parsed with cannot read
    return getattr(root, "parsed_without_print_statement", False) or has_future_feature(root, "print_function")


def _parse_statement(text, wrapped, like):
    grammar = (pygram.python_grammar_no_print_statement if _without_print_statement(root_of(like))
               else pygram.python_grammar)
    key = id(grammar)
    if key not in _DRIVERS:
        _DRIVERS[key] = driver.Driver(grammar, convert=pytree.convert)
    tree = _DRIVERS[key].parse_string(text)
    stmt = tree.children[0]
    if wrapped:
        suite = stmt.children[-1]
        stmt = [c for c in suite.children if c.type not in (token.NEWLINE, token.INDENT, token.DEDENT)][0]
        # the wrapper's own DEDENT follows; the statement keeps its own ones
    stmt.remove()
    return stmt


def remove_lines(lines, first, start, end):
    """Drop file lines start..end (inclusive) from `lines` (which begin at file line `first`), with
    the comment lines directly above them and one of two blank lines left meeting."""
    lo, hi = start - first, end - first + 1
    while lo > 0 and lines[lo - 1].strip().startswith("#"):
        lo -= 1
    before_blank = lo > 0 and not lines[lo - 1].strip()
    after_blank = hi < len(lines) and not lines[hi].strip()
    if before_blank and (after_blank or hi >= len(lines)):
        lo -= 1
    elif after_blank and lo > 0 and lines[lo - 1].rstrip().endswith(":"):
        hi += 1  # they were the class's first lines: no blank line right under its header
    return lines[:lo] + lines[hi:]


def insert_decorator(lines, first, class_line, indent, text):
    """Put `@text` right above the `class` line (below any decorators it has: applied first)."""
    index = class_line - first
    if index == 0:
        return ["@%s\n" % text, indent + lines[0]] + lines[1:]
    return lines[:index] + ["%s@%s\n" % (indent, text)] + lines[index:]


def insert_after(lines, first, line, new_lines):
    """Insert `new_lines` after file line `line`."""
    index = line - first + 1
    return lines[:index] + new_lines + lines[index:]
