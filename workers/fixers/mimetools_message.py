"""`import mimetools` used only as `mimetools.Message(fp)` → `MimeMessage(fp)`, bound by a fallback:

    try:
        from mimetools import Message as MimeMessage
    except ImportError:  # Python 3: http.client's header class, parsed from the text file
        from email.parser import Parser as _EmailParser
        from six.moves.http_client import HTTPMessage as _HTTPMessage

        class _Rfc822HeaderGetters(_HTTPMessage):
            def getheader(self, name, default=None):
                return self.get(name, default)

            def getheaders(self, name):
                return self.get_all(name, [])

        def MimeMessage(fp):
            return _EmailParser(_class=_Rfc822HeaderGetters).parse(fp, headersonly=True)

`from mimetools import Message` (used only in calls) becomes the same fallback binding `Message`.
On 2.7 it is mimetools.Message, the base of httplib's HTTPMessage; on 3 it builds the class of
http.client's response headers (`response.info()`), as http.client.parse_headers does, from a
file of text, adding the two getters of rfc822.Message code reads headers with (getheader,
getheaders: cookie jars, redirect handlers). `msg[name]`, `get`, `keys`, `items` work the same;
Python 2's other methods (gettype, getparam, getrawheader…) are gone on 3. A module using
mimetools otherwise (`isinstance(m, mimetools.Message)`, `mimetools.choose_boundary`) is left.
"""
from fissix.fixer_util import Name, find_indentation
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import module_imports as mi
from workers.rewriting import parsing, text_lines
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.scopes import enclosing_scope, is_bound_around, root_of
from workers.rewriting.star_exports import star_exported

BINDING = "MimeMessage"
_FALLBACK = """try:
    from mimetools import Message{alias}
except ImportError:  # Python 3: http.client's header class, parsed from the text file
    from email.parser import Parser as _EmailParser
    from six.moves.http_client import HTTPMessage as _HTTPMessage

    class _Rfc822HeaderGetters(_HTTPMessage):
        def getheader(self, name, default=None):
            return self.get(name, default)

        def getheaders(self, name):
            return self.get_all(name, [])

    def {name}(fp):
        return _EmailParser(_class=_Rfc822HeaderGetters).parse(fp, headersonly=True)
"""


def _is_call(node):
    nxt = node.next_sibling
    return nxt is not None and nxt.type == syms.trailer and nxt.children[0].type == token.LPAR


def _message_calls(tree, node, name):
    """The `name.Message` power nodes of `import mimetools` (bound as `name`) when every use is a
    call of it, else None."""
    powers = []
    for use in mi.uses_of(tree, node, name, mi.Bindings()):
        power, trailer = mi.attribute_of(use)
        if power is None or trailer.children[1].value != "Message" or len(power.children) < 3 \
                or power.children[2].type != syms.trailer or power.children[2].children[0].type != token.LPAR:
            return None
        powers.append(power)
    return powers


def _plan_import(node):
    items = [(item, module, alias) for item, module, alias in mi.import_items(node) if module == "mimetools"]
    if len(items) != 1 or items[0][2] is not None:
        return None
    tree = root_of(node)
    if is_bound_around(node, BINDING) or BINDING in _names_in_module(tree):
        return None
    powers = _message_calls(tree, node, "mimetools")
    if not powers:
        return None
    return {"item": items[0][0], "powers": powers, "alias": " as " + BINDING, "name": BINDING}


def _plan_from(node):
    module, pairs = mi.from_import_parts(node)
    if module != "mimetools" or not pairs or len(pairs) != 1 or pairs[0][0] != "Message":
        return None
    bound = pairs[0][1] or "Message"
    uses = mi.uses_of(root_of(node), node, bound, mi.Bindings())
    if not uses or not all(_is_call(use) for use in uses):
        return None
    return {"item": None, "powers": [], "alias": " as " + bound if pairs[0][1] else "", "name": bound}


def _changes_star_exports(node):
    """A module-level import of a module another module may star-import: `mimetools` (or `Message`)
    would stop being one of its names, and MimeMessage would become one."""
    tree = root_of(node)
    return enclosing_scope(node) is tree and any(
        star_exported(tree, name) for name in ("mimetools", "Message", BINDING))


def _names_in_module(tree):
    return {leaf.value for leaf in tree.leaves() if leaf.type == token.NAME}


def _fallback_statement(text, indent):
    """The try statement of `text`, parsed at the indentation it will stand at (inside an `if`)."""
    if not indent:
        new = parsing.parse(text).children[0]
    else:
        indented = "".join(indent + line if line.strip() else line for line in text_lines.lines(text, keepends=True))
        new = parsing.parse("if 1:\n" + indented).children[0].children[-1].children[2]  # suite: NEWLINE INDENT stmt
    new.remove()
    return new


class _Impl(TreeFixer):
    _accept_type = {syms.import_name, syms.import_from}

    def match(self, node):
        stmt = node.parent
        if stmt.type != syms.simple_stmt or len(stmt.children) != 2 or mi.in_import_fallback(node) \
                or stmt.parent is None or stmt.parent.type not in (syms.file_input, syms.suite):
            return False
        if _changes_star_exports(node):
            return False
        return (_plan_import(node) if node.type == syms.import_name else _plan_from(node)) or False

    def transform(self, node, results):
        for power in results["powers"]:
            new = power.clone()
            del new.children[:2]
            new.insert_child(0, Name(results["name"]))
            new.prefix = power.prefix
            power.replace(new)
        stmt = node.parent
        indent = find_indentation(stmt)
        new = _fallback_statement(_FALLBACK.format(alias=results["alias"], name=results["name"]), indent)
        if results["item"] is not None and len(mi.import_items(node)) > 1:
            mi.remove_import_item(node, results["item"])
            new.prefix = indent
            stmt.parent.insert_child(stmt.parent.children.index(stmt) + 1, new)
            return
        new.prefix = stmt.prefix
        stmt.replace(new)


class MimetoolsMessage(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 73
    trigger = r"\bmimetools\b"
    summary = "Build mimetools.Message headers with http.client's HTTPMessage on Python 3"
    explanation = (
        "The `mimetools` module is gone on Python 3. A module whose only use of it is calling "
        "`mimetools.Message(fp)` (or a `from mimetools import Message` it only calls) gets a fallback "
        "import: mimetools.Message itself on 2.7; on 3 a function parsing the file's headers into "
        "http.client's HTTPMessage, the class of an HTTP response's `info()` there, as "
        "http.client.parse_headers does, with rfc822's getheader and getheaders added. Any other use of mimetools leaves the module alone."
    )
    review_hint = (
        "On Python 3 the headers object has no gettype/getparam/getrawheader (use get_content_type, "
        "get_param, get), headers from http.client itself have no getheader/getheaders, and the whole file is read, not only up to the blank line."
    )
    risk = NEEDS_REVIEW


FIXER = MimetoolsMessage()
