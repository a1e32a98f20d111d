"""`logger.warn(...)` → `logger.warning(...)` for loggers the module gets from logging.

Logger.warn and logging.warn are 2.7's aliases of warning(); Python 3 deprecates them (a
DeprecationWarning each call, an error under `warnings.simplefilter('error')`, as Markdown's tests
set it) and 3.13 removes them. warning() is the same function on 2.7. Only where the receiver is
the logging module itself or a name every binding of which is `logging.getLogger(...)`: a
`warn` of anything else (warnings.warn, a class's own) stays.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import scopes
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, is_call


def _is_logging_module(leaf):
    meaning = scopes.meaning(leaf)
    return meaning.kind == scopes.MODULE and meaning.module == "logging"


def _is_get_logger_call(node):
    """`logging.getLogger(...)`, or `getLogger(...)` imported from logging."""
    if node.type != syms.power or node.children[0].type != token.NAME or not is_call(node.children[-1]):
        return False
    head, middle = node.children[0], node.children[1:-1]
    if len(middle) == 1 and attr_trailer_name(middle[0]) == "getLogger":
        return _is_logging_module(head)
    if not middle and head.value == "getLogger":
        meaning = scopes.meaning(head)
        return meaning.kind == scopes.FROM_IMPORT and meaning.module == "logging" and meaning.name == "getLogger"
    return False


def _is_logger_name(leaf):
    statements = scopes.binding_statements(leaf, leaf.value)
    if not statements:
        return False
    for statement in statements:
        if statement is scopes.PARAMETER or statement.type != syms.expr_stmt:
            return False
        children = statement.children
        if len(children) != 3 or children[1].type != token.EQUAL or children[0].type != token.NAME:
            return False
        if not _is_get_logger_call(children[2]):
            return False
    return True


def _is_logger(leaf):
    return leaf.type == token.NAME and (_is_logging_module(leaf) or _is_logger_name(leaf))


class _Impl(TreeFixer):
    _accept_type = syms.power

    def match(self, node):
        children = node.children
        return (len(children) >= 3 and attr_trailer_name(children[1]) == "warn" and is_call(children[2])
                and _is_logger(children[0]))

    def transform(self, node, results):
        name = node.children[1].children[1]
        name.value = "warning"
        name.changed()


class LoggerWarn(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 31
    trigger = r"\.warn\s*\("
    summary = "Call logging's warning() instead of its deprecated warn() alias"
    explanation = (
        "`logger.warn()` and `logging.warn()` are aliases of warning() on 2.7; Python 3 warns on each "
        "call (an error where tests turn warnings into errors) and 3.13 removes them. For the logging "
        "module and names bound only to logging.getLogger(...), `.warn(` becomes `.warning(`, the same "
        "function on 2.7."
    )
    risk = SAFE


FIXER = LoggerWarn()
