"""What every fixer declares, and the adapter that runs a fissix-style fixer over a tree.

A fixer is one transformation, one module in workers/fixers/. Its contract:
- `find(tree)` lists the sites it would change, without changing anything;
- `fix(tree)` changes the tree in place and returns the sites it changed;
- both agree: a site found is a site fixed, which is what makes plans honest.
Report-only fixers (`reports_only = True`) find problems no tool should guess at; they never change code.
"""
import functools
from dataclasses import dataclass

from fissix import fixer_base, pytree
from fissix.refactor import _EveryNode, _get_head_types

from workers.rewriting.fast_regex import compile_fast
from workers.rewriting.trigger import required_literals
from workers.rewriting import analysis, scopes, star_exports, traversal
from workers.rewriting.imports import add_after_imports, add_import

STAGES = ("syntax", "semantic", "python3-only")  # the order stages run and are proposed in
# The stages whose output runs on 2.7 and 3 (what `--stage all` applies). The last stage, run only
# once a repository has dropped Python 2, removes their scaffolding (workers/rewriting/codemod.py).
TWO_AND_THREE_STAGES = STAGES[:2]
PYTHON3_ONLY = STAGES[2]
SAFE = "safe"
NEEDS_REVIEW = "needs review"


class FixerCrashed(Exception):
    """A fixer raised on a file: that file is left alone (or unplanned), with this as its reason."""


@dataclass(frozen=True, order=True)
class Site:
    line: int
    end_line: int
    note: str = ""

    @property
    def lines(self):
        return self.end_line - self.line + 1

    def to_json(self):
        data = {"line": self.line, "end_line": self.end_line}
        if self.note:
            data["note"] = self.note
        return data


def node_span(node):
    """First and last source line of a fissix node."""
    first = node.get_lineno() or 1
    leaves = list(node.leaves()) if isinstance(node, pytree.Node) else [node]
    last_leaf = leaves[-1] if leaves else node
    last = (last_leaf.lineno or first) + last_leaf.value.count("\n")
    return first, max(first, last)


def site_of(node, note=""):
    first, last = node_span(node)
    return Site(first, last, note)


class Fixer:
    """Declarations every fixer makes. `name` is its module name, filled in by the registry."""

    name = None
    stage = "syntax"
    order = 100  # position within the stage; lower runs first
    summary = ""  # one line, used as PR title and in the plan
    explanation = ""  # a paragraph for the PR body: what it rewrites, why it is safe on 2.7 and 3
    review_hint = ""  # what a reviewer should look at hardest
    risk = SAFE
    requires = ()  # runtime packages the rewritten code imports, e.g. ("six",)
    reports_only = False
    # A regex: a file whose text (or code, below) never matches it is never parsed for this fixer
    # (the planner's fast path). Semantic fixers must set one; None means "could apply to any
    # Python 2 file".
    trigger = None
    # True when every site the fixer finds holds a match of its trigger in code, never only in a
    # string or comment: the trigger is then asked about the module's code alone (code_view), so a
    # `/` in a URL or `file` in a docstring does not get the module parsed.
    trigger_on_code = False

    def might_apply(self, text, context=None):
        """False only when the fixer certainly finds nothing in this text (`context`: the file's
        ModuleContext, when known)."""
        if self.trigger is None:
            return True
        literals = self.trigger_literals()
        if literals is not None and not any(literal in text for literal in literals):
            return False
        return self.compiled_trigger().search(text) is not None

    def admits(self, view, context=None):
        """might_apply, asked about a SourceView's code when the trigger is on code, else its text."""
        return self.might_apply(view.code if self.trigger_on_code else view.text, context)

    def trigger_literals(self):
        """Strings one of which the text (or code) admitted must hold; None when not known."""
        return None if self.trigger is None else self._compiled()[1]

    def compiled_trigger(self):
        """The trigger as a compiled regex (None when the fixer has none)."""
        if self.trigger is None:
            return None
        compiled = self._compiled()
        if compiled[0] is None:
            compiled[0] = compile_fast(self.trigger)
        return compiled[0]

    def get_ready(self):
        """Compile now what scanning needs (the trigger), before a process forks its workers."""
        self.compiled_trigger()

    def _compiled(self):
        """[the compiled trigger, or None until asked for; its literals]. A plan asks every fixer
        for its literals, and compiles the regex only of those whose literal a module holds (a
        re-plan's few files: a fraction of the 0.04 s that compiling all 150 takes)."""
        compiled = self.__dict__.get("_compiled_trigger")
        if compiled is None:
            compiled = self._compiled_trigger = [None, required_literals(self.trigger)]
        return compiled

    def find(self, tree):
        raise NotImplementedError

    def fix(self, tree):
        raise NotImplementedError

    def describe(self):
        return {
            "name": self.name,
            "stage": self.stage,
            "summary": self.summary,
            "explanation": self.explanation,
            "review_hint": self.review_hint,
            "risk": self.risk,
            "requires": list(self.requires),
            "reports_only": self.reports_only,
        }


class TreeFixer(fixer_base.BaseFix):
    """A fissix BaseFix whose match() is precise: it matches only nodes transform() will change.

    Subclasses may set `note(node)` for report-only findings and `after_fix(tree)` for module-level
    follow-ups (adding an import once, after every site is rewritten). A transform that wrote
    `six.…` sets `self.needs_six = True`; `import six` is then added once, at the end.
    """

    BM_compatible = False

    def __init__(self):
        super().__init__({}, [])

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_six = False

    def note(self, node):
        return ""

    def after_fix(self, tree):
        if self.needs_six:
            add_import(tree, "six")


class ShimCallFixer(TreeFixer):
    """A TreeFixer that renames the builtin a site uses to `shim`, a 2+3 stand-in that `definition`
    (module-level source, using six) defines once after the module's imports."""

    shim = None
    definition = None

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.needs_shim = False

    def use_shim(self, name):
        """Rename the NAME leaf `name` to the shim."""
        name.value = self.shim
        name.changed()
        self.needs_shim = self.needs_six = True

    def after_fix(self, tree):
        super().after_fix(tree)
        if self.needs_shim:
            add_after_imports(tree, self.definition)


class FissixFixer(Fixer):
    """Runs one TreeFixer (`tree_fixer` class attribute) over fissix trees."""

    tree_fixer = None
    trigger_on_code = True  # False in the few whose trigger reads what is inside string literals
    extra_head_types = frozenset()  # node types its TreeFixer's match() takes besides its pattern's

    @functools.cached_property
    def impl(self):
        """The TreeFixer, made on first use: making one compiles its pattern, which a plan whose
        files are all cached never needs (a third of importing the 150 fixers)."""
        return self.tree_fixer()

    @functools.cached_property
    def head_types(self):
        types = _head_types(self.impl)
        return None if types is None else types | self.extra_head_types

    def get_ready(self):
        super().get_ready()
        self.head_types  # made now: the TreeFixer, its pattern compiled

    def applies_to(self, tree):
        """Whether the fixer looks at this tree at all (e.g. print: only if parsed with print statements)."""
        return True

    def name_values(self, tree):
        """The values of the NAME leaves the fixer can match in `tree` (its impl's `_accept_values`),
        or None for any: the plan's walk asks it about no other NAME leaf."""
        return getattr(self.impl, "_accept_values", None)

    def match_here(self, node):
        """Site for `node` if this fixer would change it; used by the planner's single traversal."""
        if self.head_types is not None and node.type not in self.head_types:
            return None
        if self.impl.match(node):
            return site_of(node, self.impl.note(node))
        return None

    def find(self, tree):
        if not self.applies_to(tree):
            return []
        return sorted(site for site in map(self.match_here, tree.pre_order()) if site)

    def fix(self, tree):
        """Rewrite the tree; when anything changed, its analysis generation goes up (see
        workers.rewriting.analysis), so the next fixer reads the tree as it is now."""
        if self.reports_only or not self.applies_to(tree) or not self._might_change(tree):
            return []
        impl = self.impl
        impl.start_tree(tree, "<source>")
        sites = []
        for node in traversal.post_order(tree, self.head_types):
            if sites and not _attached(node, tree):  # the list is the tree's until the first change
                continue
            results = impl.match(node)
            if not results:
                continue
            if not sites:
                scopes.snapshot_module(tree)  # names resolve against the imports as they were
                exported = star_exports.exports_to_keep(tree)
                analysis.changing(tree)
            sites.append(site_of(node, impl.note(node)))
            new = impl.transform(node, results)
            if new is not None and new is not node:
                node.replace(new)
        if sites:
            impl.after_fix(tree)
            star_exports.keep_exports(tree, exported)
            analysis.tree_changed(tree)
            analysis.settled(tree)
        impl.finish_tree(tree, "<source>")
        return sorted(sites)

    def _might_change(self, tree):
        """The trigger, asked about the module's text as the fixers before this one left it: a
        fixer whose trigger rejects the text finds nothing in it, so its walk is skipped."""
        if self.trigger is None or tree.parent is not None:
            return True
        return self.might_apply(traversal.module_text(tree), getattr(tree, "module_context", None))


def _attached(node, root):
    while node.parent is not None:
        node = node.parent
    return node is root


def _head_types(impl):
    if impl.pattern is not None:
        try:
            return frozenset(_get_head_types(impl.pattern))
        except _EveryNode:
            return None
    accept = getattr(impl, "_accept_type", None)
    if accept is None:
        return None
    return frozenset(accept if isinstance(accept, (set, frozenset, tuple, list)) else [accept])


def is_codemod(fixer):
    """A fixer of the python3-only stage: a libcst codemod (workers/rewriting/codemod.py)."""
    return fixer.stage == PYTHON3_ONLY
