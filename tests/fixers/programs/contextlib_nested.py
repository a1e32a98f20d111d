# contextlib.nested enters managers in order and exits them in reverse; the targets get each value.
from contextlib import contextmanager, nested

log = []


@contextmanager
def step(name):
    log.append("enter " + name)
    yield name.upper()
    log.append("exit " + name)


with nested(step("a"), step("b")) as (x, y):
    log.append(x + y)
print log
