import gzip

try:
    from cStringIO import StringIO
except ImportError:
    from StringIO import StringIO

try :
    import cStringIO as SIO
except:
    import StringIO as SIO
# comment after the fallback

try:
    import cPickle as pickle
except ImportError:
    import pickle

try:
    from urlparse import urljoin, urlsplit
except ImportError:
    from urllib import basejoin as urljoin, splittype as urlsplit

try:
    from urllib2 import Request
except ImportError:
    from urllib import Request


def words(text):
    buf = StringIO(text)
    return [line.strip() for line in buf]


def collect():
    out = SIO.StringIO()
    out.write("a")
    out.write("b")
    return out.getvalue()


def compressed_size():
    try:
        from cStringIO import StringIO
    except ImportError:
        from StringIO import StringIO
    raw = StringIO()
    zipped = gzip.GzipFile(mode="wb", fileobj=raw)
    zipped.write(b"x" * 100)
    zipped.close()
    return raw.getvalue()[:2] == b"\x1f\x8b"


def roundtrip(obj):
    try:
        import cPickle as pickle
        from cStringIO import StringIO
    except ImportError:
        import pickle
        from StringIO import StringIO
    buf = StringIO()
    pickle.dump(obj, buf, 2)
    return pickle.loads(buf.getvalue())


print "words", words("one\ntwo\n")
print "collect", collect()
print "gzip", compressed_size()
print "pickle", roundtrip([1, 2, 3]), pickle.loads(pickle.dumps((4, 5)))
print "url", urljoin("http://example.com/a/", "b"), urlsplit("http://example.com/x").path
print "request", Request("http://example.com/y").get_full_url()
