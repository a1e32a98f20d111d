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
share it: a CstTree keeps one MetadataWrapper until a codemod changes the module, and a codemod
whose trigger does not match the module's text is not run at all.
"""
import re

import libcst as cst
from libcst.codemod import CodemodContext, VisitorBasedCodemodCommand
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.metadata import MetadataWrapper, PositionProvider

from workers.rewriting.fixer import PYTHON3_ONLY, Fixer, Site, is_codemod  # noqa: F401  (is_codemod: re-exported)
from workers.rewriting.parsing import ParseError


class CstTree:
    """A libcst module that each codemod replaces in turn (libcst trees are immutable), with the
    metadata and text of the module as it is now."""

    def __init__(self, module):
        self.module = module
        self._distinct = module  # no node stands in two places: straight from the parser, or a copy
        self._wrapper = None
        self._text = None

    def __str__(self):
        if self._text is None or self._text[0] is not self.module:
            self._text = (self.module, self.module.code)
        return self._text[1]

    def metadata(self):
        """A MetadataWrapper of the current module, computed once for every codemod that leaves
        it unchanged. A transformed module is copied once (a rewrite may reuse a node in two
        places, which metadata keyed by node cannot tell apart)."""
        if self._wrapper is None or self._wrapper.module is not self.module:
            self._wrapper = MetadataWrapper(self.module, unsafe_skip_copy=self.module is self._distinct)
            self.module = self._distinct = self._wrapper.module
        return self._wrapper


def parse(text):
    """A CstTree for Python 3 source text; raises ParseError with a one-line reason."""
    try:
        return CstTree(cst.parse_module(text))
    except cst.ParserSyntaxError as err:
        raise ParseError("%s at line %d, column %d" % (err.message, err.raw_line, err.raw_column)) from None


class SiteRecorder(VisitorBasedCodemodCommand):
    """Base of every codemod's transformer: a libcst codemod command that remembers its sites."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, context):
        super().__init__(context)
        self.sites = []

    def transform_with(self, wrapper):
        """transform_module() on metadata already computed (`wrapper`, shared with the other
        codemods of the file), with the import additions and removals the walk asked for."""
        self.context = CodemodContext(wrapper=wrapper)
        with self.resolve(wrapper):
            module = self.transform_module_impl(wrapper.module)
        for key, follow_up in ((AddImportsVisitor.CONTEXT_KEY, AddImportsVisitor),
                               (RemoveImportsVisitor.CONTEXT_KEY, RemoveImportsVisitor)):
            if key in self.context.scratch:
                module = follow_up(self.context).transform_module(module)
        return self.finish_module(wrapper.module, module)

    def finish_module(self, before, after):
        """The transformed module, given the one it came from (a hook for tidying up)."""
        return after

    def record(self, original_node, note=""):
        """Remember a changed (or, report-only, found) node; positions are of the original tree."""
        position = self.get_metadata(PositionProvider, original_node)
        self.sites.append(Site(position.start.line, position.end.line, note))


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
    `trigger` regex: a file whose text never matches it is never parsed by libcst."""

    stage = PYTHON3_ONLY
    transformer = None

    def run(self, tree):
        """(new libcst module, sorted sites) without touching `tree`."""
        if self.trigger is not None and not re.search(self.trigger, str(tree)):
            return tree.module, []
        transformer = self.transformer(CodemodContext())
        module = transformer.transform_with(tree.metadata())
        return module, sorted(set(transformer.sites))

    def find(self, tree):
        return self.run(tree)[1]

    def fix(self, tree):
        if self.reports_only:
            return []
        module, sites = self.run(tree)
        if sites:
            tree.module = module
        return sites

