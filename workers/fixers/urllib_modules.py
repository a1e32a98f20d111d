"""`urllib`, `urllib2`, `urlparse` → `six.moves.urllib.parse/request/error/response`."""
from workers.rewriting.fixer import SAFE, FissixFixer
from workers.rewriting.module_moves import AttributeMove, MoveImports

# six.moves.urllib's submodules and the Python 2 names each one holds (six 1.16).
PARSE_URLPARSE = ("ParseResult SplitResult parse_qs parse_qsl urldefrag urljoin urlparse urlsplit urlunparse "
                  "urlunsplit uses_fragment uses_netloc uses_params uses_query uses_relative").split()
PARSE_URLLIB = "quote quote_plus unquote unquote_plus urlencode splitquery splittag splituser splitvalue".split()
ERROR_URLLIB2 = "URLError HTTPError".split()
ERROR_URLLIB = ["ContentTooShortError"]
REQUEST_URLLIB2 = ("urlopen install_opener build_opener Request OpenerDirector HTTPDefaultErrorHandler "
                   "HTTPRedirectHandler HTTPCookieProcessor ProxyHandler BaseHandler HTTPPasswordMgr "
                   "HTTPPasswordMgrWithDefaultRealm AbstractBasicAuthHandler HTTPBasicAuthHandler "
                   "ProxyBasicAuthHandler AbstractDigestAuthHandler HTTPDigestAuthHandler ProxyDigestAuthHandler "
                   "HTTPHandler HTTPSHandler FileHandler FTPHandler CacheFTPHandler UnknownHandler "
                   "HTTPErrorProcessor parse_http_list parse_keqv_list").split()
# Not urllib.urlopen (on 2.7 it is not urllib2.urlopen: no HTTPError, other proxy handling) and not
# URLopener/FancyURLopener (gone from six.moves on 3.14): a module using them is left alone.
REQUEST_URLLIB = "pathname2url url2pathname getproxies urlretrieve urlcleanup proxy_bypass".split()
RESPONSE_URLLIB = "addbase addclosehook addinfo addinfourl".split()
# urllib2 re-exports these urllib names on 2.7.
URLLIB2_FROM_URLLIB = {"quote": "parse", "unquote": "parse", "splittag": "parse", "splituser": "parse",
                       "splitvalue": "parse", "addinfourl": "response", "url2pathname": "request",
                       "getproxies": "request", "proxy_bypass": "request"}

HOMES = {
    "urlparse": {name: "parse" for name in PARSE_URLPARSE},
    "urllib": dict({n: "parse" for n in PARSE_URLLIB}, **{n: "error" for n in ERROR_URLLIB},
                   **{n: "request" for n in REQUEST_URLLIB}, **{n: "response" for n in RESPONSE_URLLIB}),
    "urllib2": dict({n: "error" for n in ERROR_URLLIB2}, **{n: "request" for n in REQUEST_URLLIB2},
                    **URLLIB2_FROM_URLLIB),
}
TARGET = ("six.moves", "urllib")


def _move(homes):
    attrs = {name: ("six.moves", "urllib", (sub, name)) for name, sub in homes.items()}
    from_names = {name: ("six.moves.urllib." + sub, name) for name, sub in homes.items()}
    return AttributeMove(attrs, from_names, default=TARGET, preferred={TARGET: "urllib"})


MOVES = {module: _move(homes) for module, homes in HOMES.items()}


class _Impl(MoveImports):
    def moves_for(self, tree):
        return MOVES


class UrllibModules(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 21
    trigger = r"\b(?:urllib2?|urlparse)\b"
    summary = "Import urllib, urllib2 and urlparse through six.moves.urllib"
    explanation = (
        "Python 3 split `urllib`, `urllib2` and `urlparse` into `urllib.parse`, `urllib.request`, "
        "`urllib.error` and `urllib.response`. `from six.moves import urllib` is a namespace with those "
        "four submodules on both versions, each holding the very Python 2 functions on 2.7: "
        "`urllib.urlencode(d)` becomes `urllib.parse.urlencode(d)`, `urllib2.urlopen(r)` becomes "
        "`urllib.request.urlopen(r)`, `urlparse.urljoin(a, b)` becomes `urllib.parse.urljoin(a, b)`, "
        "`from urllib2 import HTTPError` becomes `from six.moves.urllib.error import HTTPError`. One "
        "import replaces each old one; nothing is imported that is not used. A module that uses a "
        "name with no identical home on 3 (`urllib.urlopen`, `urllib.URLopener`, `urllib.splithost`, …) "
        "is left unchanged."
    )
    review_hint = (
        "On 3 these functions take and return text: code that passes byte strings to quote/urlencode "
        "or reads urlopen() responses as str needs a look."
    )
    risk = SAFE
    requires = ("six",)


FIXER = UrllibModules()
