"""`urllib2.__version__` → `('%d.%d' % sys.version_info[:2])` (+ `import sys`)."""
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.imports import add_import
from workers.rewriting.typerefs import expression, free_or_module, refers_to_module, replace_head

# what urllib2 (sys.version[:3]) and Python 3's urllib.request ('%d.%d' % sys.version_info[:2]) hold
_VERSION = "('%d.%d' % sys.version_info[:2])"


class _Impl(TreeFixer):
    PATTERN = "power< module=NAME trailer< '.' '__version__' > any* >"

    def match(self, node):
        results = super().match(node)
        if not results or not refers_to_module(results["module"], "urllib2"):
            return False
        return results if free_or_module(node, "sys", "sys") else False

    def transform(self, node, results):
        replace_head(node, [expression(_VERSION)])

    def after_fix(self, tree):
        add_import(tree, "sys")


class Urllib2Version(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20  # before urllib_modules, which moves an urllib2 import only when it knows every use
    trigger = r"\b__version__\b"
    summary = "Replace urllib2.__version__ (the Python version in urllib's User-Agent) with its value"
    explanation = (
        "`urllib2.__version__` is the interpreter's major.minor version, which urllib2 puts in its "
        "`Python-urllib/2.7` User-Agent; Python 3 keeps it as `urllib.request.__version__`, which "
        "`six.moves.urllib.request` does not expose. `('%d.%d' % sys.version_info[:2])` is the same "
        "string on both versions (`import sys` is added), and lets the urllib2 import itself move to "
        "six.moves.urllib."
    )
    review_hint = "None: the value is the same on 2.7 and 3 (the running interpreter's version)."
    risk = SAFE


FIXER = Urllib2Version()
