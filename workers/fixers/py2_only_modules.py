"""Report imports of Python 2 modules that the rewriting fixers leave alone because no 2+3 form
is certain: `UserDict.DictMixin`, `commands.getstatusoutput`, `markupbase`, the dbm family,
`urllib.urlopen` and friends, StringIO buffers used for both text and bytes, `rfc822.Message`,
`md5.digest_size`, the `new` and `sets` modules."""
from fissix.pygram import python_symbols as syms

from workers import fixers as registry
from workers.rewriting import module_imports as mi
from workers.rewriting.fixer import NEEDS_REVIEW, FissixFixer, TreeFixer
from workers.rewriting.star_exports import star_exported

NOTES = {
    "UserDict": "UserDict.DictMixin has no 2+3 equivalent: subclass six.moves.collections_abc.MutableMapping "
                "and define __getitem__, __setitem__, __delitem__, __iter__, __len__",
    "UserString": "UserString.MutableString is gone on 3: use a list of strings or six.moves.UserString",
    "commands": "commands.getstatus/mkarg, and getstatusoutput whose status is used for more than a test "
                "for 0, have no identical 2+3 form (on 3 subprocess.getstatusoutput returns the exit code, "
                "commands the wait status: os.WEXITSTATUS(status) on 2.7 is the 3 value; a status only "
                "tested for 0 inside one function is rewritten): use subprocess",
    "markupbase": "markupbase is _markupbase on 3 and six.moves has no alias: "
                  "try: import markupbase / except ImportError: import _markupbase as markupbase",
    "mimetools": "mimetools is gone on 3 with no 2+3 module: mimetools.Message(fp) (an rfc822.Message: getheader, "
                 "getheaders, .headers lines) has no equivalent class; on 3 http.client.parse_headers(binary fp) "
                 "gives an email.message.Message (get, get_all); choose_boundary has no public replacement",
    "anydbm": "anydbm is dbm on 3 (no six.moves alias): try/except ImportError import",
    "dbhash": "dbhash is gone on 3 (bsddb): choose another dbm backend",
    "dumbdbm": "dumbdbm is dbm.dumb on 3 (no six.moves alias): try/except ImportError import",
    "whichdb": "whichdb.whichdb is dbm.whichdb on 3 (no six.moves alias): try/except ImportError import",
    "urllib": "uses a name with no identical six.moves.urllib home (urllib.urlopen, URLopener, splithost, …) "
              "or the module object itself: rewrite by hand",
    "urllib2": "uses a urllib2 name six.moves.urllib lacks, or the module object itself: rewrite by hand",
    "urlparse": "uses a urlparse name six.moves.urllib lacks, or the module object itself: rewrite by hand",
    "rfc822": "rfc822 is gone on 3: email.utils has parsedate, parsedate_tz, mktime_tz, parseaddr, formataddr "
              "(dump_address_pair), quote, unquote and formatdate(t, usegmt=True); rfc822.Message and AddressList "
              "have no equivalent (email.message_from_file, email.utils.getaddresses)",
    "md5": "md5 is gone on 3: md5.new/md5.md5 are hashlib.md5 (digest_size is hashlib.md5().digest_size)",
    "sha": "sha is gone on 3: sha.new/sha.sha are hashlib.sha1 (digest_size is hashlib.sha1().digest_size)",
    "new": "the new module is gone on 3 and this use has no identical 2+3 form: new.classobj made a classic "
           "class (type(name, bases, dict) makes a new-style one on 2.7), new.code's arguments differ on 3 "
           "(types.CodeType), new.instancemethod(f, obj, cls) with a class other than obj.__class__ is "
           "types.MethodType(f, obj) on 3; new.module/function/instancemethod(f, obj) are types.ModuleType/"
           "FunctionType/MethodType",
    "popen2": "popen2 is gone on 3 with no 2+3 module: popen2.popen2(cmd) is p = subprocess.Popen(cmd, "
              "shell=isinstance(cmd, str), stdin=PIPE, stdout=PIPE, close_fds=True) returning (p.stdout, "
              "p.stdin); popen3 adds stderr=PIPE, popen4 stderr=STDOUT; Popen3/Popen4 are subprocess.Popen "
              "(poll() returns the exit code, not the wait status)",
    "sets": "sets is gone on 3: sets.Set is set and sets.ImmutableSet frozenset, but this module also uses "
            "union_update (update on the builtin), _data, BaseSet or another meaning of set/frozenset; "
            "on 2.7 sets.Set([1]) != set([1])",
    "StringIO": "StringIO is used for text and for bytes, as a module object, or its new name is taken: choose six.StringIO or "
                "six.BytesIO per buffer",
    "cStringIO": "cStringIO is used for text and for bytes, for InputType/OutputType, or its new name is taken: "
                 "choose six.StringIO "
                 "or six.BytesIO per buffer",
}
# Which rewriting fixer handles a module when it can: a report appears only where it cannot.
OWNER = {"UserDict": ("stdlib_renames", "dictmixin"), "UserString": "stdlib_renames", "commands": ("stdlib_renames", "commands_getstatusoutput"),
         "urllib": "urllib_modules", "urllib2": "urllib_modules", "urlparse": ("urllib_modules", "unaliased_renames"),
         "StringIO": "stringio", "cStringIO": "stringio", "rfc822": "rfc822_module", "md5": "md5_sha_modules",
         "sha": "md5_sha_modules", "new": "new_module",
         "sets": "sets_module", "markupbase": "unaliased_renames", "anydbm": "unaliased_renames",
         "dumbdbm": "unaliased_renames"}


def _modules(node):
    if node.type == syms.import_name:
        return [module for _, module, _ in mi.import_items(node)]
    if mi.is_relative_from(node):
        return []
    module, _ = mi.from_import_parts(node)
    return [module] if module else []


class _Impl(TreeFixer):
    _accept_type = {syms.import_name, syms.import_from}

    def _unhandled(self, node):
        tree = node
        while tree.parent is not None:
            tree = tree.parent
        if tree.type != syms.file_input or mi.in_import_fallback(node):
            return None
        for module in _modules(node):
            if module not in NOTES or mi.is_sibling_module(tree, module):
                continue
            owners = OWNER.get(module, ())
            if any(_covers(registry.get(owner).impl.match(node), module)
                   for owner in ((owners,) if isinstance(owners, str) else owners)):
                continue
            return module
        return None

    def match(self, node):
        return self._unhandled(node) is not None

    def note(self, node):
        module = self._unhandled(node)
        return NOTES.get(module, "") + _star_import_note(node, module) if module else ""


def _star_import_note(node, module):
    """Why a module-level import a rewriting fixer would change is kept: a star import reads it."""
    tree = node.parent.parent if node.parent is not None else None
    if tree is None or tree.type != syms.file_input or node.type != syms.import_name:
        return ""
    bound = [alias or name.split(".")[0] for _, name, alias in mi.import_items(node) if name == module]
    if not bound or not star_exported(tree, bound[0]):
        return ""
    return ("; here the import is kept because another module may read `%s` from this one through "
            "`from ... import *`: make that module import what it uses itself (from six.moves), then "
            "rewrite this import" % bound[0])


def _covers(plan, module):
    if not plan:
        return False
    if not isinstance(plan, dict) or "kind" not in plan:
        return True  # a fixer that rewrites the whole import (dictmixin)
    if plan["kind"] == "name":
        return any(p.item is not None and mi.dotted(p.item.children[0] if p.item.type == syms.dotted_as_name
                                                    else p.item) == module for p in plan["plans"])
    return True


class Py2OnlyModules(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 90
    reports_only = True
    trigger = r"\b(?:%s)\b" % "|".join(sorted(NOTES))
    summary = "Report imports of Python 2 modules with no certain 2+3 replacement"
    explanation = (
        "These imports are left unchanged because no rewrite is certain to behave the same on 2.7 and "
        "3: `UserDict.DictMixin` has no equivalent, `commands.getstatusoutput` returns a different "
        "status on 3, `markupbase` and most dbm modules have no six alias, `urllib.urlopen` is not "
        "`urllib2.urlopen`, and a StringIO module used for both text and bytes needs a choice per buffer."
    )
    review_hint = "Each note says what to do by hand."
    risk = NEEDS_REVIEW


FIXER = Py2OnlyModules()
