# Exercises six_types, six_dict_iteration and six_moves: prints the same before and after.
import sys

import six
from six import string_types, text_type
from six.moves import range, reduce, xrange
from six.moves import cPickle
from six.moves.urllib.parse import urlencode


def describe(value):
    if isinstance(value, six.string_types):
        return "text:" + text_type(value)
    if isinstance(value, (six.integer_types, float)):
        return "number:%r" % (value,)
    if isinstance(value, six.binary_type):
        return "bytes:%r" % (value,)
    return "other:%s" % type(value).__name__


counts = {"b": 2, "a": 1, "c": 3}
print([describe(v) for v in ["x", 3, 2.5, b"z", None]])
print(sorted(six.iteritems(counts)), sorted(six.iterkeys(counts)), sum(six.itervalues(counts)))
pairs = six.iteritems(counts)
print(type(pairs).__name__, next(pairs) in counts.items(), sorted(six.viewkeys(counts)))
print(six.string_types, six.integer_types, six.class_types, six.MAXSIZE == sys.maxsize)
print(isinstance("s", string_types), list(xrange(3)), list(range(2)), reduce(lambda a, b: a * b, [1, 2, 3]))
print(urlencode({"q": "a b"}), six.moves.urllib.parse.quote("a/b c"), cPickle.loads(cPickle.dumps([1])))
print(six.get_function_code(describe).co_name, six.callable(describe), six.next(iter([7])))
