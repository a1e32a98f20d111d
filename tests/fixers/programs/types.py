import atexit
import operator
import os
import sys
import types
from types import StringTypes, NoneType, FunctionType


def kind(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, long)):
        return "integer"
    if isinstance(v, (int, long, float)):
        return "number"
    if isinstance(v, types.StringTypes):
        return "string"
    if type(v) is NoneType:
        return "none"
    return "other"


def exact(v):
    # type(v) in a tuple of types: must still see str and long on 2.7
    return [type(v) in StringTypes, type(v) not in (int, long), type(v) in (types.IntType, types.LongType)]


big = 2 ** 70
print "kinds", [kind(v) for v in [1, big, 1.5, "s", u"t", None, True, []]]
print "exact", exact("s"), exact(u"t"), exact(3), exact(big)
print "long()", long("12345678901234567890") == 12345678901234567890, long(3.9), long("ff", 16)
print "unicode", isinstance(u"x", unicode), isinstance(b"x", unicode), unicode("abc") == u"abc", len(unichr(0x2603))
print "text types", isinstance(u"x", types.UnicodeType), type("x") is types.StringType
print "builtins", [isinstance({}, types.DictType), isinstance([], types.ListType), isinstance((), types.TupleType),
                   isinstance(1.0, types.FloatType), isinstance(True, types.BooleanType), type(None) is types.NoneType,
                   isinstance(xrange(3), types.XRangeType), isinstance(int, types.TypeType), callable(FunctionType)]


def unicode_shadow(unicode):
    return unicode + 1

print "shadow", unicode_shadow(1)


class ConfigError(StandardError):
    pass

try:
    raise ConfigError("bad")
except StandardError, e:
    print "caught", type(e).__name__, e.args[0]

print "maxint", sys.maxint > 2 ** 30

try:
    {}["missing"]
except KeyError:
    print "exc", sys.exc_type.__name__, sys.exc_value.args[0], sys.exc_traceback is not None

print "cwd", isinstance(os.getcwdu(), unicode), os.getcwdu() == os.getcwd()
print "operator", operator.isCallable(len), operator.isCallable(3), operator.sequenceIncludes([1, 2], 2)
print "operator abc", operator.isSequenceType([1]), operator.isMappingType({}), operator.isSequenceType({})
print "operator num", operator.isNumberType(3), operator.isNumberType("3"), operator.repeat([0], 3)


def goodbye():
    print "exit handler ran"

sys.exitfunc = goodbye
