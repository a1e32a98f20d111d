"""Report-only: the six uses and Python version checks the six codemods leave in place, and why.

Each six codemod remembers what it had to leave alone (a rebound builtin, a reraise whose value
may be None, a version check stored in a variable, ...); this codemod runs them all on the file
and lists those, plus any six name none of them rewrites, so the reviewer knows what keeps six.
"""
import libcst as cst
from libcst.codemod import CodemodContext
from libcst.helpers import get_full_name_for_node

from workers.codemods import (six_dict_iteration, six_helpers, six_metaclass, six_moves, six_types,
                              six_version_branches)
from workers.rewriting.codemod import Codemod
from workers.rewriting.cst_code import code_of
from workers.rewriting.cst_lines import LinesProvider
from workers.rewriting.fixer import Site
from workers.rewriting.six_names import SixTransformer, as_six

SIX_CODEMODS = (six_types, six_moves, six_dict_iteration, six_metaclass, six_version_branches, six_helpers)
UNHANDLED = "six.%s is still used here: no codemod has a faithful Python 3 spelling for this use"


class SixLeftovers(SixTransformer):
    def __init__(self, context):
        super().__init__(context)
        self.uses = []  # (six name, Site) of every outermost six name in the file

    def find_leftovers(self, wrapper):
        """Every six codemod's walk over the file's shared metadata, without their import
        follow-ups, then this one's walk for six names none of them took."""
        text, covered = code_of(wrapper.module), set()
        for codemod in SIX_CODEMODS:
            if codemod.FIXER.might_apply(text):
                transformer = self._walked(codemod.FIXER.transformer, wrapper)
                self.sites.extend(transformer.leftovers)
                covered.update(site.line for site in transformer.sites + transformer.leftovers)
        self.context = CodemodContext(wrapper=wrapper)
        with self.resolve(wrapper):
            wrapper.module.visit(self)
        self.sites.extend(Site(site.line, site.end_line, UNHANDLED % name) for name, site in self.uses
                          if site.line not in covered)

    @staticmethod
    def _walked(transformer_class, wrapper):
        transformer = transformer_class(CodemodContext(wrapper=wrapper))
        with transformer.resolve(wrapper):
            wrapper.module.visit(transformer)
        return transformer

    def visit_ImportFrom(self, node):
        if isinstance(node.names, cst.ImportStar) and self._is_six_module(node):
            self.leave_alone(node, "from six import *: the names it binds are not followed")
        return False

    def visit_Import(self, node):
        return False

    def visit_Attribute(self, node):
        return self._note_use(node)

    def visit_Name(self, node):
        return self._note_use(node)

    def _note_use(self, node):
        name = self.six_name(node)
        if name is None:
            return True
        self.uses.append((name, Site(*self.get_metadata(LinesProvider, node))))
        return False  # the outermost six name only

    def leave_alone(self, original_node, note):
        super().leave_alone(original_node, note)
        self.sites.append(self.leftovers.pop())

    def _is_six_module(self, node):
        return not node.relative and node.module is not None and as_six(get_full_name_for_node(node.module)) == "six"


class SixLeftoversCodemod(Codemod):
    transformer = SixLeftovers
    trigger = r"\bsix\b|\bversion_info\b"
    order = 900  # after the six codemods: what it lists is what they left
    reports_only = True
    summary = "List the six uses and Python version checks left in place, and why"
    explanation = (
        "What the six codemods could not rewrite faithfully: a six name where the Python 3 name "
        "means something else, `six.reraise` of a value that may be None, `six.ensure_str` of a value "
        "of unknown type, a version check stored in a variable, a `six.moves` module a Python 3 may "
        "lack, and any six name with no rewrite. Each keeps `import six` in the file."
    )
    review_hint = "Each finding needs a person: rewrite it by hand, or keep six for it."

    def run(self, tree):
        if not self.might_apply(str(tree)):
            return tree.module, []
        transformer = SixLeftovers(CodemodContext())
        transformer.find_leftovers(tree.metadata())
        return tree.module, sorted(set(transformer.sites))


FIXER = SixLeftoversCodemod()
