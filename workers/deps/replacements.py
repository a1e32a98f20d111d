"""Known replacements for dependencies that never got a release running on both 2.7 and 3.

py3bridge never swaps these by itself (the APIs differ); the dashboard lists them as action items.
"""
from packaging.utils import canonicalize_name

_TABLE = {
    "Fabric": ("Fabric3", "a fork of Fabric 1.x with the same fab API that runs on 2.7 and 3; later, Fabric 2+ (new API)"),
    "python-cloudfiles": ("apache-libcloud", "libcloud's storage driver for Rackspace Cloud Files; different API: "
                          "containers and objects through get_driver(Provider.CLOUDFILES)"),
    "suds": ("suds-community", "maintained fork with the same `suds.client.Client` API"),
    "suds-jurko": ("suds-community", "maintained fork with the same `suds.client.Client` API"),
    "MySQL-python": ("mysqlclient", "fork of MySQLdb with the same `import MySQLdb` API"),
    "PIL": ("Pillow", "drop-in fork: `from PIL import Image` keeps working"),
    "pycrypto": ("pycryptodome", "mostly compatible `Crypto` package; some ciphers and defaults differ"),
    "BeautifulSoup": ("beautifulsoup4", "new package `bs4`: `from bs4 import BeautifulSoup`; method names are snake_case"),
    "python-memcached": ("pymemcache", "different client API (`pymemcache.client.base.Client`); python-memcached 1.58+ "
                         "also runs on 2.7 and 3 if you prefer to keep its API"),
    "pyPdf": ("pypdf", "successor project; `PdfFileReader` became `PdfReader`"),
    "M2Crypto": ("cryptography", "different API; M2Crypto 0.3x also builds on 3 if OpenSSL bindings are needed"),
    "ConfigParser": ("configparser", "backport package of Python 3's configparser"),
    "futures": ("(standard library)", "concurrent.futures is built into Python 3: keep `futures` only for 2.7, "
                "with a `python_version < '3'` marker"),
    "mock": ("(standard library)", "on Python 3 alone, unittest.mock is the standard library's"),
    "simplejson": ("(standard library)", "json is built in; simplejson itself also runs on 2.7 and 3"),
    "MySQLdb": ("mysqlclient", "same `import MySQLdb` API"),
    "ipaddr": ("ipaddress", "Python 3's ipaddress module (backport `ipaddress` on 2.7); different class names"),
    "python-ldap": ("python-ldap>=3.0", "3.x supports 2.7 and 3; bytes/str handling changed"),
    "paramiko": ("paramiko>=2.0", "2.x supports 2.7 and 3"),
}
_BY_KEY = {canonicalize_name(name): value for name, value in _TABLE.items()}


def replacement_for(name):
    """(replacement, note) for a package with a known replacement, else None."""
    return _BY_KEY.get(canonicalize_name(name))
