import ConfigParser
import Queue
import cPickle as pickle
import cStringIO
import StringIO
import thread
import threading
import repr
import UserDict
import commands
import urllib, urllib2
import urlparse
from urllib import quote_plus
from Queue import Empty


def settings():
    parser = ConfigParser.RawConfigParser()
    parser.add_section("main")
    parser.set("main", "name", "demo")
    try:
        parser.get("missing", "x")
    except ConfigParser.NoSectionError:
        print "no section", parser.get("main", "name")


def drain(q):
    got = []
    while True:
        try:
            got.append(q.get_nowait())
        except Empty:
            return got


def local_names():
    # a local called `queue` and one called `thread` are not the modules
    queue = [1, 2]
    thread = threading.Thread(target=lambda: None)
    thread.start()
    thread.join()
    return queue


def pickled(obj):
    buf = cStringIO.StringIO()
    pickle.dump(obj, buf, 2)
    return pickle.loads(buf.getvalue())


class Settings(UserDict.UserDict):
    pass


settings()
q = Queue.Queue()
for i in range(3):
    q.put(i)
print "drained", drain(q), local_names()
print "lock", type(thread.allocate_lock()).__name__ in ("lock", "LockType")
print "pickled", pickled([1, "two", (3,)])
out = StringIO.StringIO()
out.write("text line")
print "stringio", out.getvalue()
print "repr", repr.repr("x" * 100)
s = Settings()
s["a"] = 1
print "userdict", s["a"], len(s), isinstance(s, UserDict.UserDict)
print "commands", commands.getoutput("echo hi")
print "urlencode", urllib.urlencode([("a", 1), ("b", "x y")]), urllib.quote("a/b c"), quote_plus("a b")
print "urljoin", urlparse.urljoin("http://h/a/b", "c"), urlparse.urlsplit("http://h:8/p?q=1").port
print "request", urllib2.Request("http://h/x").get_full_url(), urllib2.HTTPError.__name__
