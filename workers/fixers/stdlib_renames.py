"""Python 2 standard-library modules renamed in Python 3 → their `six.moves` names.

`import ConfigParser` + `ConfigParser.X` → `from six.moves import configparser` + `configparser.X`;
`from Queue import Queue` → `from six.moves.queue import Queue`; `import cPickle as pickle` →
`from six.moves import cPickle as pickle`; `UserDict.UserDict` → `six.moves.UserDict`;
`commands.getoutput` → `six.moves.getoutput`; `from email.MIMEText import X` → `email.mime.text`.
"""
from workers.rewriting.fixer import SAFE, FissixFixer
from workers.rewriting.module_moves import AttributeMove, ModuleMove, MoveImports

# Every module six.moves renames (six 1.16), Python 2 name → six.moves name.
RENAMED = {
    "__builtin__": "builtins",
    "ConfigParser": "configparser",
    "copy_reg": "copyreg",
    "gdbm": "dbm_gnu",
    "dummy_thread": "_dummy_thread",
    "cookielib": "http_cookiejar",
    "Cookie": "http_cookies",
    "htmlentitydefs": "html_entities",
    "HTMLParser": "html_parser",
    "httplib": "http_client",
    "BaseHTTPServer": "BaseHTTPServer",
    "CGIHTTPServer": "CGIHTTPServer",
    "SimpleHTTPServer": "SimpleHTTPServer",
    "cPickle": "cPickle",
    "Queue": "queue",
    "repr": "reprlib",
    "SocketServer": "socketserver",
    "thread": "_thread",
    "Tkinter": "tkinter",
    "Dialog": "tkinter_dialog",
    "FileDialog": "tkinter_filedialog",
    "ScrolledText": "tkinter_scrolledtext",
    "SimpleDialog": "tkinter_simpledialog",
    "Tix": "tkinter_tix",
    "ttk": "tkinter_ttk",
    "Tkconstants": "tkinter_constants",
    "Tkdnd": "tkinter_dnd",
    "tkColorChooser": "tkinter_colorchooser",
    "tkCommonDialog": "tkinter_commondialog",
    "tkFileDialog": "tkinter_tkfiledialog",
    "tkFont": "tkinter_font",
    "tkMessageBox": "tkinter_messagebox",
    "tkSimpleDialog": "tkinter_tksimpledialog",
    "robotparser": "urllib_robotparser",
    "xmlrpclib": "xmlrpc_client",
    "SimpleXMLRPCServer": "xmlrpc_server",
    "_winreg": "winreg",
}

# email's Python 2.4 aliases: the email.mime.* modules exist on 2.5+ and 3, no shim needed.
EMAIL = {
    "email.MIMEBase": "base",
    "email.MIMEImage": "image",
    "email.MIMEMultipart": "multipart",
    "email.MIMENonMultipart": "nonmultipart",
    "email.MIMEText": "text",
    "email.MIMEAudio": "audio",
    "email.MIMEMessage": "message",
}


def _class_move(name, also=()):
    """UserDict/UserList/UserString: the module's class is what six.moves provides."""
    target = ("six.moves", name)
    attrs = {attr: ("six.moves", name, ()) for attr in (name,) + tuple(also)}
    from_names = {attr: target for attr in (name,) + tuple(also)}
    return AttributeMove(attrs, from_names, default=target)


MOVES = {old: ModuleMove(new) for old, new in RENAMED.items()}
MOVES.update({old: ModuleMove(new, package="email.mime") for old, new in EMAIL.items()})
MOVES.update({
    # six.moves.UserDict is UserDict.IterableUserDict on 2.7 (a subclass of UserDict.UserDict).
    "UserDict": _class_move("UserDict", also=("IterableUserDict",)),
    "UserList": _class_move("UserList"),
    "UserString": _class_move("UserString"),
    # commands.getoutput is six.moves.getoutput; getstatusoutput is not the same on 3 (exit code vs
    # wait status), so a module using anything else of `commands` is left alone.
    "commands": AttributeMove({"getoutput": ("six.moves", "getoutput", ())},
                              {"getoutput": ("six.moves", "getoutput")}),
})


class _Impl(MoveImports):
    def moves_for(self, tree):
        return MOVES


class StdlibRenames(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 20
    trigger = r"\b(?:%s)\b" % "|".join(sorted(set(RENAMED) | {"UserDict", "UserList", "UserString", "commands",
                                                             "MIME[A-Za-z]+"}))
    summary = "Import renamed standard-library modules through six.moves"
    explanation = (
        "Python 3 renamed these standard-library modules (`ConfigParser` → `configparser`, `Queue` → "
        "`queue`, `cPickle` → `pickle`, `Tkinter` → `tkinter`, `httplib` → `http.client`, …). "
        "`six.moves` gives each one a single name that is the Python 2 module on 2.7 and the renamed "
        "module on 3, so `from six.moves import configparser` imports exactly what `import "
        "ConfigParser` imported before. The name the import binds is renamed only where it refers to "
        "that import (a local variable that happens to be called `queue` or `thread` is untouched); "
        "where a new name could capture anything, the import keeps its old name with `as`. "
        "`UserDict.UserDict` becomes `six.moves.UserDict`, `commands.getoutput` becomes "
        "`six.moves.getoutput`, `email.MIMEText` becomes `email.mime.text` (on 2.5+ and 3). "
        "Imports that already fall back with `try`/`except ImportError` are left as they are."
    )
    review_hint = (
        "Module names inside strings (mock.patch('ConfigParser.X'), __import__) are not rewritten. "
        "Some names inside the renamed modules differ on 3 (SafeConfigParser is gone in 3.12, "
        "HTMLParser.HTMLParseError and httplib.HTTP are gone); six.moves.UserDict is IterableUserDict on 2.7."
    )
    risk = SAFE
    requires = ("six",)


FIXER = StdlibRenames()
