"""`try: from cStringIO import StringIO` / `except ImportError: from StringIO import StringIO` → one 2+3 import.

`stdlib_renames`, `urllib_modules` and `stringio` leave imports inside a try/except ImportError alone,
because such a fallback usually already works on Python 3 (`cPickle` → `pickle`, `urlparse` →
`urllib.parse`). When EVERY branch imports a module Python 3 does not have (cStringIO then
StringIO, urllib2 then urllib's old names…), the whole statement raises ImportError on 3. This
fixer replaces such a try statement by its first branch, rewritten by those very fixers (their
planning code decides the 2+3 form: six.StringIO or six.BytesIO, six.moves names, renamed uses).

Decisions:
- Only a `try:` whose body and handlers (`except ImportError:` or bare `except:`, no `as`, no
  else/finally) hold nothing but import statements, whose branches all bind the same names and
  each import at least one module known to be gone on 3. A branch importing anything that may work
  on 3 (pickle, urllib.parse, a third-party module) keeps the statement as it is.
- The first branch gives the meaning: it is what 2.7 runs. Every Python-2-only import in it must be
  rewritten by one of the three fixers, otherwise nothing changes.
- `import cStringIO as StringIO` binds a module: its uses `StringIO.StringIO(x)` become
  `StringIO(x)` with `from six import StringIO` (the `stringio` fixer's attribute move); a module
  using anything else of it (`StringIO.InputType`) is left alone.
- The statement shrinks to the import's own lines: later line numbers shift up (a padded block of
  blank lines would be worse to read). Comments of the kept branch are kept; comments inside the
  dropped handlers are dropped; comments after the statement stay where they were.
"""
from fissix.fixer_util import find_indentation
from fissix.patcomp import compile_pattern
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import analysis, text_lines
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.fixers import stdlib_renames, stringio, urllib_modules
from workers.rewriting import module_imports as mi
from workers.rewriting.scopes import root_of

# Modules Python 3 does not have: everything the three fixers move, and a few with no 2+3 home
# (these only ever make a later branch count as failing; a first branch needs a move).
GONE = (set(stdlib_renames.MOVES) | set(stringio.MOVES["StringIO"]) | set(urllib_modules.MOVES)) - {"urllib"}
GONE |= {"sets", "md5", "sha", "new", "rfc822", "mimetools", "htmllib", "sgmllib", "exceptions", "popen2",
         "dircache", "mhlib", "multifile", "statvfs", "compiler", "user", "imputil", "fpformat", "bsddb"}
URLLIB3_NAMES = {"parse", "request", "error", "response", "robotparser"}

_TREE_ATTRIBUTES = ("future_features", "module_context", "mentions_global", "parsed_without_print_statement")


def _fails_on_3(node):
    """Whether this import statement (import_name/import_from) raises ImportError on Python 3."""
    if node.type == syms.import_name:
        return any(module in GONE or module.split(".")[0] in GONE for _, module, _ in mi.import_items(node))
    module, pairs = mi.from_import_parts(node)
    if module is None:
        return False
    if module in GONE or module.split(".")[0] in GONE:
        return True
    return module == "urllib" and pairs is not None and any(name not in URLLIB3_NAMES for name, _ in pairs)


def _bound(node):
    """Names an import statement binds, or None when it cannot be told (star, relative)."""
    if node.type == syms.import_name:
        return {alias or module.split(".")[0] for _, module, alias in mi.import_items(node)}
    if mi.is_relative_from(node):
        return None
    module, pairs = mi.from_import_parts(node)
    if module is None or pairs is None:
        return None
    return {alias or name for name, alias in pairs}


def _statements(branch):
    """The statements of a try/except branch (a suite or a one-line simple_stmt)."""
    if branch.type == syms.suite:
        return [child for child in branch.children if child.type not in (token.NEWLINE, token.INDENT, token.DEDENT)]
    return [branch]


def _imports(stmt):
    """The import nodes of a simple statement, or None if it holds anything else."""
    if stmt.type != syms.simple_stmt:
        return None
    parts = [child for child in stmt.children if child.type not in (token.SEMI, token.NEWLINE)]
    if not parts or any(part.type not in (syms.import_name, syms.import_from) for part in parts):
        return None
    return parts


# try / except ImportError (or a bare except), as many handlers as it takes; no else, no finally
FALLBACK = "try_stmt< 'try' ':' body=any handlers=((except_clause< 'except' 'ImportError' > | 'except') ':' any)+ >"
_FALLBACK = compile_pattern(FALLBACK)


def _branches(node):
    """[body, handler bodies…] when the try statement has the shape of an import fallback, else None."""
    results = {}
    if not _FALLBACK.match(node, results):
        return None
    return [results["body"]] + results["handlers"][2::3]


def _is_dead_fallback(node):
    """The structural test: imports only, same names bound, every branch fails on Python 3."""
    branches = _branches(node)
    if branches is None:
        return False
    names = None
    for branch in branches:
        imports = []
        for stmt in _statements(branch):
            parts = _imports(stmt)
            if parts is None:
                return False
            imports.extend(parts)
        bound = set()
        for part in imports:
            found = _bound(part)
            if found is None:
                return False
            bound |= found
        if names is None:
            names = bound
        elif bound != names:
            return False
        if not any(_fails_on_3(part) for part in imports):
            return False
    return True


def _path(node):
    path = []
    while node.parent is not None:
        path.append(node.parent.children.index(node))
        node = node.parent
    return path[::-1]


def _follow(tree, path):
    node = tree
    for index in path:
        node = node.children[index]
    return node


def _next_leaf(node):
    while node is not None and node.next_sibling is None:
        node = node.parent
    if node is None:
        return None
    node = node.next_sibling
    while node.children:
        node = node.children[0]
    return node


def _reindent(prefix, old, new):
    """Lines of a statement's prefix (which starts at the beginning of a line) indented by `old`
    are indented by `new` instead."""
    lines = prefix.split("\n")
    for index, line in enumerate(lines):
        if line.startswith(old):
            lines[index] = new + line[len(old):]
    return "\n".join(lines)


def _closing_prefix(branch):
    """The prefix of a block's closing DEDENT: the comments and blank lines after its last
    statement, up to the indentation of the next statement."""
    if branch.type != syms.suite or branch.children[-1].type != token.DEDENT:
        return ""
    return branch.children[-1].prefix


def _after_last_inner_comment(prefix, inner):
    """What follows the last comment line indented like the block (`inner`): fissix keeps the
    blank lines and outer comments after a block, and the next line's indentation, in its DEDENT."""
    lines = text_lines.lines(prefix, keepends=True)
    last = -1
    for index, line in enumerate(lines):
        if line.startswith(inner) and line.strip().startswith("#"):
            last = index
    return "".join(lines[last + 1:])


def _flatten(node):
    """Replace the try statement by the statements of its first branch, dedented to its place.
    Returns (parent, first index, statement after) for the new statements."""
    branches = _branches(node)
    body = branches[0]
    parent = node.parent
    after = node.next_sibling
    indent = find_indentation(node)
    last = branches[-1]
    tail = _after_last_inner_comment(_closing_prefix(last), last.children[1].value) \
        if last.type == syms.suite else ""
    stmts = _statements(body)
    if body.type == syms.suite:
        inner = body.children[1].value
        comments = [line.strip() for line in text_lines.lines(body.children[1].prefix) if line.strip()]
        for stmt in stmts[1:]:
            stmt.prefix = _reindent(stmt.prefix, inner, indent)
        lead = "".join(comment + "\n" + indent for comment in comments)
        kept = [line.strip() for line in text_lines.lines(_closing_prefix(body)) if line.strip().startswith("#")
                and line.startswith(inner)]
        tail = "".join(indent + comment + "\n" for comment in kept) + tail
    else:
        lead = ""
    for stmt in stmts:
        stmt.remove()
    stmts[0].prefix = node.prefix + lead
    position = parent.children.index(node)
    node.remove()
    for offset, stmt in enumerate(stmts):
        parent.insert_child(position + offset, stmt)
    if tail:
        following = _next_leaf(stmts[-1])
        if following is not None:
            following.prefix = tail + following.prefix
    return parent, position, after


class _Impl(TreeFixer):
    PATTERN = FALLBACK

    def __init__(self):
        super().__init__()
        self.movers = [stringio.FIXER.tree_fixer(), stdlib_renames.FIXER.tree_fixer(),
                       urllib_modules.FIXER.tree_fixer()]

    def match(self, node):
        tree = root_of(node)
        if tree.type != syms.file_input or not _is_dead_fallback(node):
            return None
        # The fixers' plans depend on the whole module (uses, other bindings): try the rewrite on a
        # copy, so that match() changes nothing and says yes only where transform() succeeds.
        copy = tree.clone()
        for attribute in _TREE_ATTRIBUTES:
            if hasattr(tree, attribute):
                setattr(copy, attribute, getattr(tree, attribute))
        return self._rewrite(_follow(copy, _path(node)))

    def transform(self, node, results):
        self._rewrite(node)

    def _rewrite(self, node):
        tree = root_of(node)
        parent, position, after = _flatten(node)
        analysis.tree_changed(tree)
        end = parent.children.index(after) if after is not None else len(parent.children)
        for stmt in parent.children[position:end]:
            for part in _imports(stmt) or ():
                if not _fails_on_3(part):
                    continue
                for mover in self.movers:
                    results = mover.match(part)
                    if results:
                        new = mover.transform(part, results)
                        if new is not None and new is not part:
                            part.replace(new)
                        analysis.tree_changed(tree)
                        break
        end = parent.children.index(after) if after is not None else len(parent.children)
        for stmt in parent.children[position:end]:
            if any(_fails_on_3(part) for part in _imports(stmt) or ()):
                return False
        return True


class ImportFallbacks(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 56
    # each alternative starts with a letter, never an optional one: the regex engine then skips
    # ahead to where one may start (`c?StringIO` made it try every position, 3x slower)
    trigger = r"\b(?:cStringIO|StringIO|urllib2|urllib|urlparse|%s)\b" % "|".join(
        sorted(set(stdlib_renames.RENAMED) | {"UserDict", "UserList", "UserString", "commands", "MIME[A-Za-z]+"}))
    summary = "Replace try/except ImportError fallbacks that fail on Python 3 with one six import"
    explanation = (
        "Code like `try: from cStringIO import StringIO` / `except ImportError: from StringIO import "
        "StringIO` imports only modules that Python 3 no longer has, so on 3 the whole statement "
        "raises ImportError. Where every branch of such a fallback imports a module gone on 3 and all "
        "of them bind the same names, the statement is replaced by its first branch (the one 2.7 "
        "runs) written the 2+3 way, exactly as the `stringio`, `stdlib_renames` and `urllib_modules` "
        "fixers write a plain import: `from six import StringIO` (or `BytesIO` where the module "
        "handles binary data), `from six.moves import configparser`, `from six.moves.urllib.parse "
        "import urljoin`. On 2.7 these are the same Python 2 modules and classes (six.StringIO is "
        "StringIO.StringIO, which accepts everything cStringIO accepted), so behaviour is unchanged; "
        "on 3 the import now works. `import cStringIO as StringIO` with uses `StringIO.StringIO(x)` "
        "becomes `from six import StringIO` with uses `StringIO(x)`. Fallbacks where some branch "
        "already works on 3 (`cPickle` then `pickle`, `urlparse` then `urllib.parse`) are left alone."
    )
    review_hint = (
        "The StringIO/BytesIO choice is a guess from the module's content: check what each buffer "
        "holds. The try statement becomes one line, so later line numbers move up."
    )
    risk = NEEDS_REVIEW
    requires = ("six",)


FIXER = ImportFallbacks()
