"""Report names Python 3 removed from standard-library modules that it keeps (or only renamed):
`httplib.HTTP` / `HTTPS` (the Python 1.5 compatibility classes), `HTMLParser.HTMLParseError` and
`os.popen2` / `popen3` / `popen4`.

`stdlib_renames` moves `httplib` to `six.moves.http_client`, which is right for every other name;
these few have no 2+3 spelling, so importing them fails on Python 3 (python-cloudfiles'
`from httplib import HTTPConnection, HTTPSConnection, HTTP`). Both the Python 2 form and the
six.moves form are reported, so the finding stays after the rename is merged.

os.popen2/3/4 (markdown2's and docutils' tests) are a subprocess.Popen call on 2.7, and the same
call on 3 gives pipes of bytes where 2.7's carried native strings (text pipes would translate
newlines): the note gives the call, the reviewer decides what goes through the pipes.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import module_imports as mi
from workers.rewriting import scopes
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer

_HTTP = ("httplib.HTTP is Python 1.5's compatibility class, gone on Python 3 (importing it fails there) "
         "with no 2+3 equivalent: use HTTPConnection from six.moves.http_client (putrequest, putheader, "
         "endheaders and send are the same; getreply() becomes getresponse(), whose .status, .reason "
         ".msg and .read() replace the reply tuple and getfile()), or drop the name if nothing uses it")


def _popen(name, stderr, returned):
    return ("os.%s is gone on Python 3; on 2.7 it is p = subprocess.Popen(cmd, shell=isinstance(cmd, "
            "basestring), bufsize=bufsize, stdin=PIPE, stdout=PIPE, %sclose_fds=True) returning %s: write "
            "that call (six.string_types for basestring). On 3 those pipes carry bytes where 2.7's carried "
            "native str: encode what you write and decode what you read (universal_newlines=True would give "
            "text pipes but also translate newlines)" % (name, stderr, returned))


NOTES = {
    ("httplib", "HTTP"): _HTTP,
    ("httplib", "HTTPS"): _HTTP.replace("httplib.HTTP ", "httplib.HTTPS ").replace(
        "use HTTPConnection", "use HTTPSConnection"),
    ("HTMLParser", "HTMLParseError"): (
        "HTMLParser.HTMLParseError is gone on Python 3.5+ (the parser recovers from bad markup and never "
        "raises it): there is no 2+3 name; bind a fallback, e.g. `HTMLParseError = getattr(html_parser, "
        "'HTMLParseError', None)` and skip the except clause when it is None"),
    ("os", "popen2"): _popen("popen2", "", "(p.stdin, p.stdout)"),
    ("os", "popen3"): _popen("popen3", "stderr=PIPE, ", "(p.stdin, p.stdout, p.stderr)"),
    ("os", "popen4"): _popen("popen4", "stderr=STDOUT, ", "(p.stdin, p.stdout)"),
}
# The module each Python 2 module is imported as once stdlib_renames has run.
SIX_MOVES = {"http_client": "httplib", "html_parser": "HTMLParser"}


def python2_module(module):
    """httplib for `httplib` and `six.moves.http_client`; None for modules not in the table."""
    if module.startswith("six.moves."):
        module = SIX_MOVES.get(module[len("six.moves."):])
    return module if module in {m for m, _ in NOTES} else None


def _from_import_note(node):
    if mi.is_relative_from(node):
        return ""
    module = python2_module(scopes.from_module(node) or "")
    if module is None:
        return ""
    for leaf, _ in scopes.from_import_items(node):
        if (module, leaf.value) in NOTES:
            return NOTES[module, leaf.value]
    return ""


def _module_of(head):
    """The Python 2 module a NAME used as `head.attr` means, or None."""
    if head.type != token.NAME or scopes.in_import(head):
        return None
    meaning = scopes.meaning(head)
    if meaning.kind == scopes.MODULE:
        return python2_module(meaning.module)
    if meaning.kind == scopes.FROM_IMPORT and meaning.module == "six.moves":
        return SIX_MOVES.get(meaning.name)
    return None


def _attribute_note(node):
    children = node.children
    if len(children) < 2 or children[1].type != syms.trailer or children[1].children[0].type != token.DOT:
        return ""
    module = _module_of(children[0])
    return NOTES.get((module, children[1].children[1].value), "") if module else ""


class _Impl(TreeFixer):
    _accept_type = {syms.import_from, syms.power}

    def note(self, node):
        return _from_import_note(node) if node.type == syms.import_from else _attribute_note(node)

    def match(self, node):
        return bool(self.note(node))


class RemovedStdlibNames(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 90
    reports_only = True
    trigger = r"\b(?:HTTPS?|HTMLParseError|popen[234])\b"
    summary = "Report names Python 3 removed from standard-library modules (httplib.HTTP, os.popen2, …)"
    explanation = (
        "`httplib.HTTP` and `HTTPS` (Python 1.5's compatibility classes) and "
        "`HTMLParser.HTMLParseError` are gone on Python 3, and no class or name behaves the same on "
        "2.7 and 3: importing them fails on 3 even after the module's six.moves rename. `os.popen2`, "
        "`popen3` and `popen4` are gone too; the subprocess call each one made on 2.7 gives bytes pipes "
        "on 3. Each use is listed with what to write instead."
    )
    review_hint = "Each note says what to do by hand."
    risk = NEEDS_REVIEW


FIXER = RemovedStdlibNames()
