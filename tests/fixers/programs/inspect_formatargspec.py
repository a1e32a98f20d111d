# A signature printed from getargspec's fields by inspect.formatargspec.
import inspect


def method(a, b=1, *args, **kwargs):
    pass


def plain(x, y):
    pass


for func in (method, plain):
    args, varargs, varkw, defaults = inspect.getargspec(func)
    print func.__name__ + inspect.formatargspec(args, varargs, varkw, defaults)
