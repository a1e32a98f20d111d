# nested(*managers) keeps contextlib.nested on 2.7 and gets an ExitStack-based nested on 3: the same
# order of entering and exiting, the same list of values, and an exception seen by every exit.
from contextlib import contextmanager, nested

log = []


@contextmanager
def step(name):
    log.append("enter " + name)
    try:
        yield name.upper()
    finally:
        log.append("exit " + name)


def combined(*names):
    return nested(*[step(name) for name in names])


with combined("a", "b", "c") as values:
    log.append(list(values))
try:
    with combined("d", "e"):
        raise KeyError("boom")
except KeyError as error:
    log.append("caught %s" % error)
print(log)
