# Exercises six_helpers, six_metaclass and six_version_branches: prints the same before and after.
import sys
import unittest

import six


class Meta(type):
    def __new__(mcs, name, bases, namespace):
        namespace["made_by"] = "Meta"
        return super(Meta, mcs).__new__(mcs, name, bases, namespace)


@six.add_metaclass(Meta)
class Decorated(object):
    pass


class Based(six.with_metaclass(Meta, Decorated)):
    pass


@six.python_2_unicode_compatible
class Named(object):
    def __str__(self):
        return u"named"


if six.PY2:
    flavour = "two"
else:
    flavour = "three"
if sys.version_info < (3,):
    flavour += "!"
label = "py2" if six.PY2 else "py3"


def fail():
    try:
        {}["missing"]
    except KeyError:
        six.reraise(*sys.exc_info())


def wrap():
    try:
        fail()
    except KeyError as exc:
        six.raise_from(ValueError("wrapped"), exc)


def rethrow():
    try:
        int("x")
    except ValueError as exc:
        six.reraise(type(exc), exc, sys.exc_info()[2])


class Checks(unittest.TestCase):
    def runTest(self):
        six.assertCountEqual(self, [1, 2], [2, 1])
        six.assertRegex(self, "abc", "b")


for action in (wrap, rethrow):
    try:
        action()
    except ValueError as err:
        print(type(err).__name__, err, type(err.__cause__).__name__)
print(type(Decorated).__name__, Based.made_by, Based.__mro__[1].__name__, str(Named()), flavour, label)
print(six.u("text"), six.b("bytes"), six.int2byte(65), six.byte2int(b"A"), six.indexbytes(b"AB", 1))
print(list(six.iterbytes(b"hi")), six.unichr(233) == u"\u00e9", six.ensure_str("s"), six.ensure_binary("b"))
buffer = six.StringIO()
six.print_("to buffer", file=buffer, end="")
print(buffer.getvalue(), six.BytesIO(b"raw").read(), unittest.TextTestRunner(stream=six.StringIO()).run(Checks()).wasSuccessful())
namespace = {}
six.exec_("result = 6 * 7", namespace)
print(namespace["result"])
