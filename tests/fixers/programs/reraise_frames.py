# Re-raising the handled exception with its own traceback adds no frame to it, on 2.7 as on 3:
# code that walks the traceback afterwards (frame filters, tests of import hooks) sees the same frames.
import sys


def fail():
    {}["key"]


def in_handler():
    try:
        fail()
    except KeyError:
        exc_type, exc_value, tb = sys.exc_info()
        raise exc_type, exc_value, tb


def handle(e):
    exc_type, exc_value, tb = sys.exc_info()
    if exc_value is e:
        raise exc_type, exc_value, tb
    raise e


def through_a_helper():
    try:
        fail()
    except KeyError, e:
        handle(e)


def frames(function):
    try:
        function()
    except KeyError:
        tb = sys.exc_info()[2]
        names = []
        while tb is not None:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        return names


print frames(in_handler)
print frames(through_a_helper)
