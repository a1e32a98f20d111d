import string


class Tag(object):
    def __init__(self, name):
        self.name = name

    def __unicode__(self):
        return u"tag:" + self.name

    def __str__(self):
        return unicode(self).encode('utf-8')


class Label:
    def __unicode__(self):
        return u"label caf\xe9"


class Version(object):
    def __init__(self, *parts):
        self.parts = parts

    def __cmp__(self, other):
        return cmp(self.parts, other.parts)

    def __repr__(self):
        return "V%s" % ".".join(map(str, self.parts))


class Card:
    def __init__(self, rank):
        self.rank = rank

    def __cmp__(self, other):
        return cmp(self.rank, other.rank)


class Point(object):
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)


t = Tag("x")
print "%s|%s" % (t, u"%s" % t), len(str(t))
print u"%s" % Label()

versions = [Version(1, 2), Version(1, 10), Version(0, 9), Version(1, 2)]
print sorted(versions), max(versions), min(versions)
a, b = Version(1, 2), Version(1, 2)
print a == b, a != b, a < b, a <= b, a > b, a >= b, Version(2) > a, a is b
print len(set(versions)), len({a: 1, b: 2})
print Card(3) < Card(4), Card(4) == Card(4), Card(5) >= Card(6), Card(5) != Card(5)
try:
    hash(Card(1))
    print "card hashable"
except TypeError:
    print "card unhashable"

p, q = Point(1, 2), Point(1, 2)
print p == q, len(set([p, q])), len({p: 1, q: 2})

print 'C:\Users\me', len('\u00e9\U0001F600\N{DASH}'), [ord(c) for c in '\N']
print '\\u00e9', len('\\\u00e9')

words = string.split("alpha beta  gamma")
print string.join(words), string.join(words, "-"), string.joinfields(words, "+")
print string.upper(string.strip("  mixed Case  ")), string.lower("A" "B")
print string.atoi("42") + string.atoi("ff", 16), string.atof("2.5"), string.atol("7") * 2
print string.replace("a-b-c", "-", "/", 1), string.find("hello", "l"), string.rjust("7", 3, "0")
print string.split("a,b,c", ",", 1), string.capitalize("word"), string.count("banana", "a")
print string.letters[:3], string.lowercase[-3:], string.uppercase[:2], len(string.letters)
