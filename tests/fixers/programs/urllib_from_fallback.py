# urllib helpers six.moves.urllib lacks, imported by name (mechanize's _urllib2_fork).
from urllib import (unwrap, splittype, quote,
                    addinfourl, splitport, ftpwrapper)
from urllib2 import AbstractHTTPHandler, HTTPError

print(splittype(unwrap("<URL:http://example.com:80/a b>")), splitport("example.com:80"), quote("a b"))
print(addinfourl.__name__, ftpwrapper.__name__, issubclass(HTTPError, Exception), AbstractHTTPHandler.__name__)
