"""The Python-3-only stage's fixers: libcst codemods over code that already parses as Python 3.

Once a repository drops Python 2, the scaffolding of the 2+3 stages (six, `__future__` lines,
`super(Cls, self)`, compatibility shims) can go. That code parses as Python 3, which is what libcst
reads: lossless trees, matchers, and scope and qualified-name metadata instead of hand-written
scope walks. A codemod is one module in workers/codemods/ defining `FIXER = SomeCodemod()`; the
registry in workers/fixers/ lists it with the other fixers, in the last stage.

The Fixer contract holds: `find(tree)` and `fix(tree)` run the same transformer, so a site found
is a site fixed. The transformer calls `self.record(original_node)` for every node it changes
(or, for a report-only codemod, every finding, with a note).

Scope and qualified-name metadata is most of what a codemod costs, so the codemods of one file
share it. `apply` runs them together (CstTree.fix_together): one walk of the module by all the
codemods whose trigger matches its text (workers/rewriting/cst_walk.py), over one computed
metadata, then one addition and one removal of imports. A codemod that meets a node another one
rewrites first (import_fallbacks_py3, at a fallback to six.moves) asks for a second walk. A CstTree keeps its MetadataWrapper until the module
changes, so a plan's finds, one codemod at a time, share it too.

Before libcst reads a module for `apply` (`fix_text`), the function and class bodies none of the
running codemods has anything to do in are set aside (cst_set_aside.py): libcst's parse, scopes,
walk and code generation then cost in proportion to what is left, and the bodies are put back after.
"""
import functools
import re
from contextlib import ExitStack

import libcst as cst
from libcst.codemod import CodemodCommand, CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.metadata import MetadataWrapper

from workers.rewriting.cst_lines import LinesProvider
from workers.rewriting.cst_metadata_on_demand import MetadataOnDemand
from workers.rewriting.cst_parents import ParentProvider
from workers.rewriting.cst_set_aside import set_aside
from workers.rewriting.cst_walk import WalkTogether
from workers.rewriting.fast_regex import compile_fast
from workers.rewriting.fixer import PYTHON3_ONLY, Fixer, FixerCrashed, Site, is_codemod  # noqa: F401  (is_codemod: re-exported)
from workers.rewriting.parsing import ParseError
from workers.rewriting.cst_code import code_of
from workers.rewriting.cst_imports import add_needed_imports, remove_unused_imports


MODULE_TEXT = "py3bridge: module text"  # a walk's context.scratch key: the text of the module walked, or None


class CstTree:
    """A libcst module that each codemod replaces in turn (libcst trees are immutable), with the
    metadata and text of the module as it is now."""

    def __init__(self, module, text=None, context=None):
        self.module = module
        self.context = context  # the file's ModuleContext (workers/engine/context.py), when known
        self._distinct = module  # no node stands in two places: straight from the parser, or a copy
        self._wrapper = None
        self._text = None if text is None else (module, text)  # libcst gives back the text it parsed
        self.aside = None  # the bodies set aside from the text parsed (cst_set_aside.py)

    def __str__(self):
        if self._text is None or self._text[0] is not self.module:
            self._text = (self.module, code_of(self.module))
        return self._text[1]

    def metadata(self):
        """A MetadataWrapper of the current module, computed once for every codemod that leaves
        it unchanged. A transformed module is copied once (a rewrite may reuse a node in two
        places, which metadata keyed by node cannot tell apart)."""
        if self._wrapper is None or self._wrapper.module is not self.module:
            self._wrapper = MetadataWrapper(self.module, unsafe_skip_copy=self.module is self._distinct)
            self.module = self._distinct = self._wrapper.module
        return self._wrapper

    def fix_together(self, codemods):
        """Apply `codemods` (in order) in as few walks as they allow: {codemod name: sites}."""
        return fix_together(self, codemods)

    def known_text(self):
        """The module's text when known without writing the module out (as parsed), else None."""
        return self._text[1] if self._text is not None and self._text[0] is self.module else None

    def full_text(self):
        """The module's text with any bodies set aside back in place (what the triggers read)."""
        text = str(self)
        return text if self.aside is None else self.aside.restored(text) or text

    def full_sites(self, sites):
        """{codemod name: sites} found in this module, by rows of its full text."""
        return sites if self.aside is None else self.aside.full_sites(str(self), sites)


def parse(text, context=None):
    """A CstTree for Python 3 source text; raises ParseError with a one-line reason."""
    try:
        return CstTree(cst.parse_module(text), text, context)
    except cst.ParserSyntaxError as err:
        raise ParseError("%s at line %d, column %d" % (err.message, err.raw_line, err.raw_column)) from None


def fix_text(text, codemods, context=None):
    """(new text, {codemod name: sites}) of `codemods` applied together to Python 3 source text,
    over a libcst tree of the text with the bodies they have nothing to do in set aside
    (cst_set_aside.py); over the whole text when none can be, or a codemod moved one of them. The
    blank and comment rows after the last row of code stay out of libcst (`_split_last_rows`)."""
    head, last_rows = _split_last_rows(text)
    try:
        fixed, sites = _fixed_in_full_or_set_aside(head, codemods, context)
    except ParseError:
        if not last_rows:
            raise
        return _fixed_in_full_or_set_aside(text, codemods, context)  # a last "comment" row in a string
    return fixed + last_rows, sites


def _fixed_in_full_or_set_aside(text, codemods, context):
    # the triggers are searched here once: set-aside and the first walk then ask only these
    codemods = [codemod for codemod in codemods if not codemod.reports_only and codemod.might_apply(text)]
    fixed = _fixed_with_bodies_set_aside(text, codemods, context)
    if fixed is not None:
        return fixed
    tree = parse(text, context)
    sites = tree.fix_together(codemods)
    return str(tree), sites


_CODE_ROW = re.compile(r"^[ \t\f]*[^\s#]", re.MULTILINE)


def _split_last_rows(text):
    """(the text up to its last row of code, the blank and comment rows after it), or (text, "")
    when those rows start the module (a coding cookie). libcst 1.x drops some of them when it
    writes a module back (`x = 1`, `  # c`, `   `: the comment is lost), and no codemod has
    anything to do in them."""
    last_code = None
    for last_code in _CODE_ROW.finditer(text, max(0, len(text) - 4000)):
        pass
    end = -1 if last_code is None else text.find("\n", last_code.end())
    if end < 0 or text.count("\n", 0, end) < 1:
        return text, ""
    return text[:end + 1], text[end + 1:]


def _fixed_with_bodies_set_aside(text, codemods, context):
    aside = set_aside_for(text, codemods)
    if aside is None:
        return None
    try:
        tree = parse(aside.text, context)
    except ParseError:
        return None
    tree.aside = aside
    sites = tree.fix_together(codemods)
    new_text = aside.restored(str(tree))
    return None if new_text is None else (new_text, sites)


def set_aside_for(text, codemods):
    """The SetAside of `text` for those of `codemods` that would run on it (cst_set_aside.py), or
    None when no body can be set aside for them."""
    running = [codemod for codemod in codemods if not codemod.reports_only and codemod.might_apply(text)]
    triggers = [codemod.compiled_trigger() for codemod in running]
    if not running or None in triggers:
        return None
    return set_aside(text, triggers, triggers_of(running, "names_trigger"), triggers_of(running, "body_trigger"))


class SiteRecorder(MetadataOnDemand, CodemodCommand, cst.CSTTransformer):
    """Base of every codemod's transformer: a libcst codemod command (a transformer with a
    context for import additions and removals) that remembers its sites. A plain CSTTransformer,
    not libcst's matcher-decorated one: the codemods of a file share one walk (cst_walk.py), which
    calls their visit_ and leave_ methods itself, and a matcher-decorated transformer costs a scan
    of all its attributes each time one is made. Its metadata is computed when first asked for
    (cst_metadata_on_demand.py)."""

    METADATA_DEPENDENCIES = (LinesProvider, ParentProvider)

    def __init__(self, context):
        CodemodCommand.__init__(self, context)
        self.sites = []
        self.may_wait = False  # whether this walk of the file is followed by another, if asked for
        self.waiting = False
        self.module_context = None  # the file's ModuleContext, when the caller knows it

    def wait_for_another_walk(self):
        """Ask to walk the file again, after the other codemods' rewrites of this walk, and say
        whether that will happen (in a file's last walk it will not: the node is decided now)."""
        self.waiting = self.waiting or self.may_wait
        return self.may_wait

    def transform_module_impl(self, tree):  # libcst's Codemod asks for it; walk() is what runs
        return tree.visit(self)

    def finish_module(self, before, after):
        """The transformed module, given the one it came from (a hook for tidying up)."""
        return after

    def within(self, node, outer):
        """Whether `node` is `outer` or below it, in the original tree (from the parents: what
        comparing their spans in PositionProvider said, for a codegen of the module less)."""
        return any(ancestor is outer for ancestor in self.ancestors(node))

    def ancestors(self, node):
        """`node`, its parent, and so on up to the module, in the original tree."""
        while node is not None:
            yield node
            node = self.get_metadata(ParentProvider, node, None)

    def record(self, original_node, note=""):
        """Remember a changed (or, report-only, found) node; positions are of the original tree."""
        self.sites.append(Site(*self.get_metadata(LinesProvider, original_node), note))


def without_new_leading_blank_lines(before, after):
    """A removed first import leaves the blank lines that separated it from the next statement at
    the top of the file: drop them, as the file did not start with blank lines before."""
    if not after.body or not before.body or before.body[0].leading_lines or after.body[0] is before.body[0]:
        return after
    first = after.body[0]
    if not first.leading_lines or any(line.comment for line in first.leading_lines):
        return after
    if after.header:
        return after
    return after.with_deep_changes(first, leading_lines=[])


class Codemod(Fixer):
    """A fixer of the python3-only stage. Subclasses set `transformer` (a SiteRecorder) and a
    `trigger` regex: a file whose text never matches it is never parsed by libcst. A function or
    class body whose text does not match `body_trigger` (default: the trigger) has nothing for it,
    unless it names what a statement elsewhere matching `names_trigger` (default: the trigger)
    binds: `from six import u`, then `u("x")`. "" for a codemod that never acts inside a function,
    or that never rewrites a name's uses for what binds it."""

    stage = PYTHON3_ONLY
    transformer = None
    body_trigger = None
    names_trigger = None

    def run(self, tree):
        """(new libcst module, sorted sites) without touching `tree`."""
        module, sites, _ = walk(tree, [self])
        return module, sites.get(self.name, [])

    def find(self, tree):
        return self.run(tree)[1]

    def fix(self, tree):
        if self.reports_only:
            return []
        module, sites = self.run(tree)
        if sites:
            tree.module = module
        return sites


def triggers_of(codemods, attribute):
    """The codemods' compiled `body_trigger`s or `names_trigger`s, leaving out the empty ones."""
    return [pattern for pattern in (_compiled(codemod, attribute) for codemod in codemods) if pattern]


@functools.lru_cache(maxsize=None)
def _compiled(codemod, attribute):
    """A codemod's `body_trigger` or `names_trigger` compiled (its trigger when None; None when "")."""
    pattern = getattr(codemod, attribute)
    if pattern is None:
        return codemod.compiled_trigger()
    return compile_fast(pattern) if pattern else None


def walk(tree, codemods, another_walk_allowed=False):
    """One walk of `tree` by those of `codemods` whose trigger matches its text, over one computed
    metadata, then the import additions and removals they asked for: (new module, {codemod name:
    sorted sites}, the codemods that asked to walk again). `tree` is left as it was."""
    text = tree.full_text()
    running = [codemod for codemod in codemods if codemod.might_apply(text)]
    if not running:
        return tree.module, {}, []
    wrapper = tree.metadata()
    context = CodemodContext(wrapper=wrapper)
    context.scratch[MODULE_TEXT] = tree.known_text()
    walker = WalkTogether([codemod.transformer(context) for codemod in running])
    for transformer in walker.transformers:
        transformer.may_wait = another_walk_allowed
        transformer.module_context = tree.context
    try:
        module = _rewritten(wrapper, walker, context)
    except RecursionError:  # the file is too deep, not a codemod wrong: the caller says so
        raise
    except Exception as err:  # a bug in one codemod must not take the whole batch down
        blamed = [c.name for c, t in zip(running, walker.transformers) if t is walker.running] or [
            c.name for c in running]
        raise FixerCrashed("fixer %s failed on this file: %s: %s" % (", ".join(blamed), type(err).__name__, err)) from err
    pairs = list(zip(running, walker.transformers))
    return (module, {codemod.name: sorted(set(t.sites)) for codemod, t in pairs if t.sites},
            [codemod for codemod, t in pairs if t.waiting])


def _rewritten(wrapper, walker, context):
    """The module after the shared walk, the import follow-ups and each codemod's finishing touch."""
    with ExitStack() as resolved:
        for transformer in walker.transformers:
            resolved.enter_context(transformer.resolve(wrapper))
        module = wrapper.module.visit(walker)
    walker.running = None  # a follow-up's failure is no one codemod's
    module = _follow_ups(context, module)
    for transformer in walker.transformers:
        walker.running = transformer
        module = transformer.finish_module(wrapper.module, module)
    return module


def _follow_ups(context, module):
    """The module with the imports the codemods asked to add, and without those they asked to
    remove that it no longer uses (cst_imports.py: neither needs metadata of the rewritten module)."""
    if context.scratch.get(AddImportsVisitor.CONTEXT_KEY):
        module = add_needed_imports(context, module)
    if context.scratch.get(RemoveImportsVisitor.CONTEXT_KEY):
        module = remove_unused_imports(context, module)
    return module


def fix_together(tree, codemods):
    """Apply `codemods` (in their order) to `tree` in one walk, and a second one for the codemods
    that met, in the first, nodes another codemod rewrites first: {codemod name: sites}."""
    sites = {}
    pending = [codemod for codemod in codemods if not codemod.reports_only]
    for another_walk_allowed in (True, False):
        module, found, pending = walk(tree, pending, another_walk_allowed)
        if found:
            found = tree.full_sites(found)
            tree.module = module
            for name, found_here in found.items():
                sites[name] = sorted(set(sites.get(name, [])) | set(found_here))
        if not pending:
            break
    return sites
