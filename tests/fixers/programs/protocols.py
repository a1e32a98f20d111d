import os
import tempfile
import unittest


# next_method: an iterator class, explicit .next() calls, super().next(), a one-line next
class Countdown(object):
    """Counts down."""

    def __init__(self, start):
        self.n = start

    def __iter__(self):
        return self

    def next(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n


class Doubled(Countdown):
    def next(self, factor=2):
        return super(Doubled, self).next() * factor


class Classic:
    def next(self): return "classic"


print list(Countdown(3)), list(Doubled(3))
c = Countdown(5)
print c.next(), c.next(), next(c), Doubled(4).next(), Classic().next()
print iter([7, 8]).next(), dict(a=1).itervalues().next()


def shadowed(next):
    it = Countdown(2)
    return it.next(), next


print shadowed("own next")


# nonzero: a __nonzero__ method and a class-level __nonzero__ assignment
class Box(object):
    def __init__(self, items):
        self.items = items

    def __nonzero__(self):
        return bool(self.items)

    def __len__(self):
        return 99


class Flag(object):
    on = False
    __nonzero__ = lambda self: self.on


print bool(Box([])), bool(Box([1])), bool(Flag()), "yes" if Box([]) else "no", Box([]).__nonzero__()


# metaclass: registry metaclass with a docstring, an emptied body, decorators, __metaclass__ = type
registry = []


class Registering(type):
    def __init__(cls, name, bases, namespace):
        super(Registering, cls).__init__(name, bases, namespace)
        registry.append(name)


def tagged(cls):
    cls.tag = "tagged:" + type(cls).__name__
    return cls


class Model(object):
    """A model."""
    __metaclass__ = Registering

    def name(self):
        return type(self).__name__


class Child(Model):
    pass


class Empty(object):
    __metaclass__ = Registering


@tagged
class Decorated(object):
    __metaclass__ = Registering


class NewStyle:
    __metaclass__ = type


class Doctested(object):
    __metaclass__ = Registering
    """not the docstring"""


print registry, Model.__doc__, Child().name(), type(Empty).__name__, Decorated.tag
print type(NewStyle).__name__, NewStyle.__bases__[0].__name__, Doctested.__doc__


# function_attributes: func_*, im_func, im_self, im_class on bound methods and classmethods
def greet(name, greeting="hello"):
    """Greets."""
    return "%s %s" % (greeting, name)


def make_adder(n):
    def add(x):
        return x + n
    return add


class Speaker(object):
    def say(self):
        return "hi"

    @classmethod
    def create(cls):
        return cls()


class Loud(Speaker):
    pass


greet.func_dict["seen"] = True
print greet.func_name, greet.func_doc, greet.func_defaults, greet.func_code.co_argcount, greet.seen
print greet.func_globals is globals(), make_adder(1).func_closure[0].cell_contents
loud = Loud()
bound = loud.say
print bound.im_func.func_name, bound.im_self is loud, bound.im_class.__name__, Loud.create.im_class.__name__
print Speaker.create.im_self.__name__, Speaker.say.im_func(loud), Speaker.say.im_self is None, loud.say.im_self is loud
print [m.im_func.func_name for m in (loud.say, Speaker.create)]


# xreadlines: for loops, comprehensions, other calls
path = os.path.join(tempfile.mkdtemp(), "lines.txt")
out = open(path, "w")
out.write("one\ntwo\nthree\n")
out.close()
f = open(path)
words = []
for line in f.xreadlines():
    words.append(line.strip())
print words
f.close()
f = open(path)
print [l.strip() for l in f.xreadlines()], len(list(open(path).xreadlines()))
f.close()
f = open(path)
print f.xreadlines().next().strip(), f.xreadlines() is f
f.close()


# generator_throw: literal values are instantiated as Python 2 did
def catcher():
    while True:
        try:
            yield
        except Exception, e:
            print type(e).__name__, e.args


g = catcher()
g.next()
g.throw(ValueError, "bad")
g.throw(KeyError, ("k", 1))
g.throw(RuntimeError, None)
err = IndexError("kept")
g.throw(IndexError, err)


# unittest_aliases
class Aliases(unittest.TestCase):
    def test_aliases(self):
        self.assertEquals(1 + 1, 2)
        self.assertNotEquals(1, 2)
        self.assert_(True)
        self.failUnless(1)
        self.failIf(0)
        self.failUnlessEqual("a", "a")
        self.failUnlessRaises(ZeroDivisionError, lambda: 1 / 0)
        self.assertAlmostEquals(1.0, 1.00000001)

    def test_six_helpers(self):
        self.assertItemsEqual([1, 2, 2], [2, 1, 2])
        self.assertRaisesRegexp(ValueError, "invalid", int, "x")
        with self.assertRaisesRegexp(ValueError, "invalid"):
            int("y")
        self.assertRegexpMatches("abc", "b")
        self.assertNotRegexpMatches("abc", "z")

    def test_failing(self):
        self.assertItemsEqual([1], [2])


result = unittest.TestResult()
unittest.TestLoader().loadTestsFromTestCase(Aliases).run(result)
print result.testsRun, len(result.failures), len(result.errors), [t.id().split(".")[-1] for t, _ in result.failures]
