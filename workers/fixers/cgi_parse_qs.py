"""`cgi.parse_qs` / `cgi.parse_qsl` → `six.moves.urllib.parse.parse_qs` / `parse_qsl`.

2.7's cgi.parse_qs(qs, keep_blank_values, strict_parsing) only warns (PendingDeprecationWarning,
silent by default) and returns urlparse.parse_qs with the same arguments; Python 3.8 removed both
from cgi. Any use of the attribute is rewritten, called or not (`parse_qsl = cgi.parse_qsl`), when
`cgi` is the module-level `import cgi` and `six` is free for the six module.
"""
from fissix.pygram import python_symbols as syms

from workers.fixers.cgi_escape import is_cgi_module
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.protocols import attr_trailer_name
from workers.rewriting.typerefs import expression, free_or_module, replace_head

PARSERS = frozenset({"parse_qs", "parse_qsl"})


def _parser(power):
    """`parse_qs` or `parse_qsl` for a power node starting `cgi.parse_qs…`, else None."""
    children = power.children
    if len(children) < 2 or attr_trailer_name(children[1]) not in PARSERS or not is_cgi_module(children[0]):
        return None
    return attr_trailer_name(children[1])


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        name = _parser(node)
        return {"name": name} if name and free_or_module(node, "six", "six") else False

    def transform(self, node, results):
        replace_head(node, [expression("six.moves.urllib.parse.%s" % results["name"])])
        self.changed = True

    def start_tree(self, tree, filename):
        super().start_tree(tree, filename)
        self.changed = False

    def after_fix(self, tree):
        super().after_fix(tree)
        if self.changed:
            add_import(tree, "six")


class CgiParseQs(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\bcgi\b"  # `import cgi as c` then `c.parse_qs`
    summary = "Parse query strings with six.moves.urllib.parse instead of the removed cgi.parse_qs(l)"
    explanation = (
        "Python 3.8 removed cgi.parse_qs and cgi.parse_qsl. On 2.7 they were deprecated aliases that "
        "passed their arguments on to urlparse.parse_qs and parse_qsl, which "
        "`six.moves.urllib.parse.parse_qs` / `parse_qsl` are on 2.7 (and urllib.parse's on 3): the same "
        "result, without 2.7's PendingDeprecationWarning."
    )
    review_hint = "None: the same functions with the same arguments."
    risk = SAFE


FIXER = CgiParseQs()
