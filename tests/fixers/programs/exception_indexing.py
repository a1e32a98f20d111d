# Handlers that read the caught exception's arguments by indexing it, as Python 2 allowed.
import os


def message(value):
    try:
        int(value)
    except ValueError, e:
        return e[0]


def errno_of(path):
    try:
        os.stat(path)
    except OSError as err:
        return err[0] == 2, err[1]


def both(exc_class):
    try:
        raise exc_class("first", "second")
    except Exception as exc:
        return exc[0:2]


print message("x"), errno_of("/nonexistent/path"), both(KeyError), both(RuntimeError)
