"""Function and class bodies, and runs of statements, that the python3-only codemods have nothing
to do in, set aside before libcst reads the module, and put back after.

libcst's parse, scope analysis, transformer walk and code generation all cost in proportion to the
module, while most of a converted module holds nothing for the stage. Such a body is replaced by
one line at its indentation naming what the body reads from outside it (CPython's symtable), so
that scopes and the follow-ups' unused-import verdicts see the same uses:

    def area(self):
        "py3bridge: set aside 3", math, pi

In the blocks that stay, a run of three or more rows of statements with nothing for the codemods
is replaced the same way, its line naming what the run reads and binding what it binds, so that
the scope holding it keeps the same names (its symbol table as the body of a function):

        "py3bridge: set aside 4", items, len, total; count = item = total = None

A body stays when:
- the `body_trigger` of a codemod running on the module (its trigger, unless it says otherwise)
  matches its text;
- it mentions a name that a statement elsewhere binds, where a running codemod's `names_trigger`
  (its trigger, unless it says otherwise) matches that statement (`from six import u`, then
  `u("x")`) or a part of its compound statement (a shim's `try: unicode` / `except NameError:
  unicode = str`);
- it says `global` or `nonlocal` (it binds outside itself), or has a doctest naming an import (a
  doctest's names count as the import's uses);
- a names trigger matches one of its rows (an import there may bind a name that is followed).
A statement stays out of a run for the same reasons, or when any codemod's trigger matches one of
its rows, holds an import (codemods read what kind of statement binds a name: an import of `io`),
names `__all__`, is a docstring, or shares a row with the statements around it; and a definition,
or a statement holding one, in a class with a statement a trigger matches (py3bridge_shims reads
which methods a class with `__nonzero__ = __bool__` defines). Whether a body or a statement stays
is read from the rows where each kind of match is, found once per module.
When a codemod moved a set-aside line (a branch unwrapped around a definition), `restored` says
None and the caller does the module again in full.
"""
import ast
import bisect
import re
import symtable

from workers.rewriting import text_lines
from workers.rewriting.fast_regex import compile_fast

MARKER = "py3bridge: set aside"
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# The words that keep a body or a statement whatever the codemods, by kind. One pattern per word:
# the engine skips ahead to a word's first letter, where an alternation of words is tried at every
# letter any of them starts with (0.47 against 0.05 s over the ten packages' text).
_MARKS = {kind: [compile_fast(pattern) for pattern in patterns] for kind, patterns in (
    ("binds_outside", (r"\bglobal\b", r"\bnonlocal\b")), ("doctest", (">>>",)),
    ("not_in_a_run", (r"\bimport\b", r"\b__all__\b")), ("defines", (r"\bdef\b", r"\bclass\b")))}
_LONE_CR = re.compile(r"\r(?!\n)")  # a line end for ast, not for text_lines: rows would disagree
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_DEFINITIONS = _FUNCTIONS + (ast.ClassDef,)
_BINDING = (ast.Import, ast.ImportFrom, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)
_BLOCK_FIELDS = frozenset({"body", "orelse", "finalbody", "handlers", "cases"})
_NAME_FIELDS = frozenset({"id", "attr", "name", "asname", "arg", "rest", "module"})  # "module": of a from-import
_MIN_LINES = 3  # a shorter body saves less than its placeholder costs
_LONG_MATCH = 3  # of a match over more lines (`io … open`), only its first and last lines count


class SetAside:
    """A module's text with some bodies replaced (`text`), and how to put them back."""

    def __init__(self, text, placeholders):
        self.text = text
        self._placeholders = placeholders  # [(placeholder line, the body it stands for, its line count)]

    def restored(self, reduced):
        """The full text of `reduced` (this text, as the codemods left it), or None when a
        placeholder line is no longer as written."""
        found = self._found(reduced)
        if found is None:
            return None
        pieces, at = [], 0
        for start, placeholder, body, _ in found:
            pieces += [reduced[at:start], body]
            at = start + len(placeholder)
        pieces.append(reduced[at:])
        return "".join(pieces)

    def full_sites(self, reduced, sites):
        """{name: [Site]} with the rows of `reduced` turned into rows of its full text."""
        found = self._found(reduced) or []
        shifts = [(reduced.count("\n", 0, start) + 1, count - 1) for start, _, _, count in found]
        rows = [row for row, _ in shifts]
        totals = [0]
        for _, extra in shifts:
            totals.append(totals[-1] + extra)

        def full(row, last):
            return row + totals[(bisect.bisect_right if last else bisect.bisect_left)(rows, row)]

        return {name: [type(site)(full(site.line, False), full(site.end_line, True), site.note) for site in found_here]
                for name, found_here in sites.items()}

    def _found(self, reduced):
        """[(offset, placeholder, body, line count)] in text order, for the placeholders still in
        `reduced`; None when one was changed or copied."""
        found = []
        for placeholder, body, count in self._placeholders:
            key = placeholder.lstrip(" \t").split(",", 1)[0]
            at = reduced.find(key)
            if at < 0:
                continue  # a codemod removed the definition (a Python 2 branch), and its body with it
            start = reduced.rfind("\n", 0, at) + 1
            if reduced.find(key, at + 1) >= 0 or not reduced.startswith(placeholder, start) \
                    or not _line_ends_at(reduced, start + len(placeholder)):
                return None
            found.append((start, placeholder, body, count))
        return sorted(found)


def _line_ends_at(text, offset):
    return offset == len(text) or text.startswith("\n", offset) or text.startswith("\r\n", offset)


def set_aside(text, triggers, names_triggers, body_triggers):
    """A SetAside of `text` for the codemods running on it, given their compiled triggers, names
    triggers (the statements whose names they follow) and body triggers (the bodies they may act
    in), or None when no body can be set aside."""
    if MARKER in text or _LONE_CR.search(text):
        return None
    try:
        module = ast.parse(text)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None  # Python 3 syntax newer than this interpreter's: libcst reads it all
    lines = text_lines.lines(text, keepends=True)
    rows = _TriggerRows(text)
    matched = rows.matched(names_triggers)
    keep = _Keep(rows, lines, triggers, body_triggers, _vocabulary(module, lines, matched), _imported(module),
                 matched[0])
    said = _placeholder_names(text, lines, _settable(module.body, lines, keep))
    return _replaced(lines, said) if said else None


class _TriggerRows:
    """The rows of one text that triggers match, each trigger searched once (a codemod's trigger
    is most often its names trigger and its body trigger too), and the rows of the marked words."""

    def __init__(self, text):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]  # where each row starts
        self._found = {}

    def matched(self, triggers):
        """(sorted rows where one of the triggers matches, those of them with a match over more
        than a few rows: `io … open` from the first `io` to the last `open`, which say nothing of
        the rows between)."""
        rows, spread = set(), []
        for trigger in triggers:
            trigger_rows, spreads = self._of(trigger)
            rows |= trigger_rows
            if spreads and trigger not in spread:
                spread.append(trigger)
        return sorted(rows), spread

    def _of(self, trigger):
        """(the rows of the trigger's short matches, whether it has a long one)."""
        found = self._found.get(trigger)
        if found is None:
            rows, spreads = set(), False
            for match in trigger.finditer(self.text):
                first = bisect.bisect_right(self.starts, match.start())
                last = bisect.bisect_right(self.starts, max(match.start(), match.end() - 1))
                if last - first < _LONG_MATCH:
                    rows.update(range(first, last + 1))
                else:
                    spreads = True
            found = self._found[trigger] = (rows, spreads)
        return found

    def marked(self):
        """{kind: sorted rows} of the words that keep a body or a statement whatever the codemods."""
        return {kind: sorted({bisect.bisect_right(self.starts, match.start()) for pattern in patterns
                              for match in pattern.finditer(self.text)}) for kind, patterns in _MARKS.items()}


def _vocabulary(module, lines, matched):
    """The names in the statements a trigger matches that can give a name's uses elsewhere to a
    codemod. Outside functions: imports and assignments, and the headers, clauses and simple
    statements of a compound statement any of which it matches (a shim's `try: unicode` /
    `except NameError: unicode = str`). Inside a function, only what its imports bind: a codemod
    rewrites the uses of `from six.moves import cStringIO` in the statements after it, and in
    the functions nested in it."""
    rows, spread = matched
    names = set()

    def hit(first, last):
        if _any_row_in(rows, first, last):
            return True
        return bool(spread) and any(t.search("".join(lines[first - 1:last])) for t in spread)

    for statement, function in _statements(module.body):
        if function is not None:
            if isinstance(statement, (ast.Import, ast.ImportFrom)) and hit(statement.lineno, statement.end_lineno):
                names |= _bound_names(statement)
        elif not _has_blocks(statement):
            if isinstance(statement, _BINDING) and hit(statement.lineno, statement.end_lineno):
                names |= _own_names(statement)
        elif isinstance(statement, _DEFINITIONS):
            continue  # a def or class binds one name, whose uses no codemod rewrites
        elif any(hit(first, last) for first, last in _parts(statement)):
            for part in [statement] + _clauses(statement) + _direct_simple_statements(statement):
                names |= _own_names(part)
    return names


def _bound_names(statement):
    """The names an import binds."""
    return {(alias.asname or alias.name).split(".")[0] for alias in statement.names}


def _own_names(node):
    """The names a statement, clause or header mentions, leaving out the statements it holds."""
    names, pending = set(), [node]
    while pending:
        node = pending.pop()
        for field, value in ast.iter_fields(node):
            if field in _BLOCK_FIELDS:
                continue
            if isinstance(value, str) and field in _NAME_FIELDS:
                names.update(value.split("."))
            elif isinstance(value, list):
                pending.extend(item for item in value if isinstance(item, ast.AST))
                if field == "names":  # global and nonlocal
                    names.update(item for item in value if isinstance(item, str))
            elif isinstance(value, ast.AST):
                pending.append(value)
    return names


def _start(statement):
    """The first row of a statement, its decorators included."""
    return min([statement.lineno] + [d.lineno for d in getattr(statement, "decorator_list", ())])


def _parts(statement):
    """(first row, last row) of a compound statement's header, clauses and direct simple statements."""
    blocks = list(_blocks(statement))
    parts = [(statement.lineno, max(statement.lineno, _start(blocks[0][0]) - 1))]
    for clause in _clauses(statement):
        row = clause.lineno if isinstance(clause, ast.ExceptHandler) else clause.pattern.lineno
        parts.append((row, max(row, _start(clause.body[0]) - 1)))
    parts += [(s.lineno, s.end_lineno) for s in _direct_simple_statements(statement)]
    return parts


def _direct_simple_statements(statement):
    """The statements without blocks of their own directly in a compound statement's blocks."""
    return [s for block in _blocks(statement) for s in block if not _has_blocks(s)]


def _has_blocks(statement):
    return any(True for _ in _blocks(statement))


def _statements(body):
    """(statement, the innermost function holding it or None) for every statement of `body`, at
    any depth."""
    pending = [(statement, None) for statement in body]
    while pending:
        statement, function = pending.pop()
        yield statement, function
        inner = statement if isinstance(statement, _FUNCTIONS) else function
        for block in _blocks(statement):
            pending.extend((child, inner) for child in block)


def _blocks(statement):
    """The statement lists directly inside a statement."""
    for name in ("body", "orelse", "finalbody"):
        block = getattr(statement, name, None)
        if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
            yield block
    for holder in _clauses(statement):
        yield holder.body


def _clauses(statement):
    """The except handlers or match cases of a statement."""
    return list(getattr(statement, "handlers", ())) + list(getattr(statement, "cases", ()))


def _imported(module):
    """The names the module's imports bind, outside functions."""
    names, pending = set(), list(module.body)
    while pending:
        statement = pending.pop()
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            names |= _bound_names(statement)
        elif not isinstance(statement, _FUNCTIONS):
            for block in _blocks(statement):
                pending.extend(block)
    return names


class _Keep:
    """What keeps a body or a statement, as the rows of the module where it stands, found once per
    module: those a trigger matches (`any_trigger_rows`), those a names trigger matches (`rows`:
    an import there may bind a followed name), a body trigger, a word of the vocabulary, `global`
    or `nonlocal`, a doctest (whose names count as the module's imports' uses), and for runs an
    import, `__all__`, or a definition."""

    def __init__(self, trigger_rows, lines, triggers, body_triggers, vocabulary, imported, rows):
        self.lines, self.imported, self.rows = lines, imported, rows
        self.any_trigger_rows = trigger_rows.matched(triggers)[0]
        self.body_rows, self.body_spread = trigger_rows.matched(body_triggers)
        self.vocabulary_rows = trigger_rows.matched([_words(vocabulary)] if vocabulary else [])[0]
        marked = trigger_rows.marked()
        self.binds_outside_rows, self.doctest_rows = marked["binds_outside"], marked["doctest"]
        self.not_in_a_run_rows, self.defines_rows = marked["not_in_a_run"], marked["defines"]

    def block(self, statement):
        """Whether a trigger matches a part of an if, try, with, loop or match statement: a codemod
        may unwrap it (a version branch, an import fallback), moving what it holds to another
        indentation, where a body set aside could not be put back as it was."""
        return any(_any_row_in(self.any_trigger_rows, first, last) for first, last in _parts(statement))

    def body(self, first, last):
        """Whether the body on these rows has to stay."""
        if any(_any_row_in(rows, first, last) for rows in (self.rows, self.body_rows, self.vocabulary_rows,
                                                             self.binds_outside_rows)):
            return True
        if self.body_spread or _any_row_in(self.doctest_rows, first, last):
            text = "".join(self.lines[first - 1:last])
            if any(trigger.search(text) for trigger in self.body_spread):
                return True
            return ">>>" in text and not self.imported.isdisjoint(_WORD.findall(text))
        return False

    def statement(self, first, last, definitions_too):
        """Whether the statement on these rows has to stay out of a run."""
        return _any_row_in(self.any_trigger_rows, first, last) or _any_row_in(self.not_in_a_run_rows, first, last) \
            or not definitions_too and _any_row_in(self.defines_rows, first, last) or self.body(first, last)


def _words(names):
    """A pattern matching the names where `_WORD` would read them as words (and a few more)."""
    return re.compile(r"(?<![A-Za-z_])(?:%s)(?![A-Za-z0-9_])" % "|".join(map(re.escape, sorted(names))))


def _any_row_in(rows, first, last):
    """Whether the sorted `rows` hold one from `first` to `last`."""
    at = bisect.bisect_left(rows, first)
    return at < len(rows) and rows[at] <= last


def _indent(line):
    return line[:len(line) - len(line.lstrip(" \t"))]


def _settable(body, lines, keep):
    """What can be set aside, in text order: function and class bodies (`_Body`), outermost first,
    and runs of statements in the blocks kept (`_Run`)."""
    found = []
    _choose(body, lines, keep, found)
    return sorted(found, key=lambda aside: aside.first)


def _choose(block, lines, keep, found, owner=None, definitions_too=True):
    """Add to `found` what can be set aside in a block of statements (`owner`: the statement
    holding it, None for the module). `definitions_too`: whether definitions may join a run."""
    run = []
    for index, statement in enumerate(block):
        if _joins_a_run(block, index, owner, lines, keep, definitions_too):
            run.append(statement)
            continue
        _add_run(run, found)
        run = []
        if isinstance(statement, _DEFINITIONS) and _body_settable(statement, lines, keep):
            found.append(_Body(statement))
        elif isinstance(statement, _DEFINITIONS) or (_has_blocks(statement) and not keep.block(statement)):
            inner_too = definitions_too if not isinstance(statement, ast.ClassDef) else _methods_unread(statement, keep)
            for inner in _blocks(statement):
                _choose(inner, lines, keep, found, statement, inner_too)
    _add_run(run, found)


def _methods_unread(classdef, keep):
    """Whether no codemod reads which methods the class defines: one does for an alias among its
    statements (`__nonzero__ = __bool__`, py3bridge_shims), where a trigger matches."""
    return not any(_any_row_in(keep.any_trigger_rows, _start(statement), statement.end_lineno)
                   for statement in classdef.body if not isinstance(statement, _DEFINITIONS))


def _add_run(run, found):
    if run and run[-1].end_lineno - _start(run[0]) + 1 >= _MIN_LINES:
        found.append(_Run(run))


def _joins_a_run(block, index, owner, lines, keep, definitions_too):
    """Whether a statement can be set aside with its neighbours: alone on its rows, not a
    docstring, with nothing for the codemods, no import (the kind of a binding) and no `__all__`;
    a definition, or holding one, only when `definitions_too`."""
    statement = block[index]
    if index == 0 and _is_docstring_position(statement, owner):
        return False
    first, last = _start(statement), statement.end_lineno
    if index and block[index - 1].end_lineno >= first or index + 1 < len(block) and _start(block[index + 1]) <= last:
        return False  # shares a row with a neighbour: `a = 1; b = 2`
    if len(_indent(lines[first - 1]).encode("utf-8")) != statement.col_offset:
        return False  # on its block's header row
    return not keep.statement(first, last, definitions_too)


def _is_docstring_position(statement, owner):
    return (owner is None or isinstance(owner, _DEFINITIONS)) and isinstance(statement, ast.Expr) \
        and isinstance(statement.value, ast.Constant) and isinstance(statement.value.value, str)


class _Body:
    """A function's or class's body, set aside below its header."""

    def __init__(self, definition):
        self.definition = definition
        self.first, self.last = _start(definition.body[0]), definition.end_lineno


class _Run:
    """Statements of one block set aside together."""

    def __init__(self, statements):
        self.statements = statements
        self.first, self.last = _start(statements[0]), statements[-1].end_lineno


def _body_settable(definition, lines, keep):
    first, last = _start(definition.body[0]), definition.end_lineno
    if last - first + 1 < _MIN_LINES:
        return False
    indent = _indent(lines[first - 1])
    if len(indent.encode("utf-8")) != definition.body[0].col_offset:
        return False  # the body starts on the header's line
    return not keep.body(first, last)


def _placeholder_names(text, lines, chosen):
    """[(what is set aside, what its placeholder says after the marker)], leaving out the runs
    CPython cannot read alone; None when a body's symbol table cannot be found."""
    bodies = [aside.definition for aside in chosen if isinstance(aside, _Body)]
    outer = _outer_names(text, bodies) if bodies else {}
    if outer is None:
        return None
    said = []
    for aside in chosen:
        if isinstance(aside, _Body):
            said.append((aside, "".join(", " + name for name in outer[aside.definition])))
            continue
        names = _run_names(lines[aside.first - 1:aside.last])
        if names is not None:
            read, bound = names
            # a tuple, never a lone string: a docstring to libcst
            said.append((aside, ("".join(", " + name for name in read) or ",")
                         + ("; " + " = ".join(bound) + " = None" if bound else "")))
    return said


def _run_names(rows):
    """(the names a run of statements reads, the names it binds), in the scope holding it, from
    CPython's symbol table of the run alone in a function; None when CPython cannot read it so."""
    indented = rows if _indent(rows[0]) else [" " + row for row in rows]
    try:
        table = symtable.symtable("def _():\n" + "".join(indented), "<run>", "exec").get_children()[0]
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    symbols = table.get_symbols()
    read = {s.get_name() for s in symbols if s.is_referenced()}
    pending = list(table.get_children())
    while pending:
        child = pending.pop()
        read.update(s.get_name() for s in child.get_symbols() if (s.is_global() or s.is_free()) and s.is_referenced())
        pending.extend(child.get_children())
    read.discard("__class__")
    return sorted(read), sorted(s.get_name() for s in symbols if s.is_local())


def _outer_names(text, definitions):
    """{definition: sorted names its body reads from outside it}, from CPython's symbol tables,
    or None when they cannot be matched to the definitions."""
    try:
        tables = _definition_tables(symtable.symtable(text, "<module>", "exec"))
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    names = {}
    for definition in definitions:
        table = tables.get((definition.name, definition.lineno))
        if table is None:
            return None
        names[definition] = sorted(_read_from_outside(table))
    return names


def _definition_tables(table):
    """{(name, line): table} of the functions and classes in a module's symbol table (None for a
    clash)."""
    found, pending = {}, list(table.get_children())
    while pending:
        child = pending.pop()
        if child.get_type() in ("function", "class"):
            key = (child.get_name(), child.get_lineno())
            found[key] = None if key in found else child
        pending.extend(child.get_children())
    return found


def _read_from_outside(table):
    names = {s.get_name() for s in table.get_symbols() if s.is_free() or (s.is_global() and s.is_referenced())}
    pending = list(table.get_children())
    while pending:
        child = pending.pop()
        names.update(s.get_name() for s in child.get_symbols() if s.is_global() and s.is_referenced())
        pending.extend(child.get_children())
    names.discard("__class__")  # the cell super() reads, not a name of the module
    return names


def _replaced(lines, said):
    pieces, placeholders, at = [], [], 0
    for number, (aside, says) in enumerate(said, 1):
        region = "".join(lines[aside.first - 1:aside.last])
        ending = "\r\n" if region.endswith("\r\n") else "\n" if region.endswith("\n") else ""
        placeholder = _indent(lines[aside.first - 1]) + '"%s %d"' % (MARKER, number) + says
        pieces += lines[at:aside.first - 1] + [placeholder + ending]
        placeholders.append((placeholder, region[:len(region) - len(ending)], aside.last - aside.first + 1))
        at = aside.last
    pieces += lines[at:]
    return SetAside("".join(pieces), placeholders)
