# raise E(x), None, tb raises that very instance, with the traceback of the error it replaces.
import sys
import traceback


class LoadError(ImportError):
    pass


def load(name):
    try:
        __import__(name)
    except ImportError, e:
        raise LoadError(name, str(e)), None, sys.exc_info()[2]


try:
    load("no_such_module_here")
except LoadError, error:
    print type(error).__name__, error.args[0]
    print traceback.extract_tb(sys.exc_info()[2])[-1][2]
