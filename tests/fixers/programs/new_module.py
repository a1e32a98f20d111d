# The new module's re-exports of types, and instancemethod bound, unbound and with obj.__class__.
import new
import sys


class Zone(object):
    def __init__(self, name):
        self.name = name


def localize(self, value):
    return '%s@%s' % (value, self.name)


utc = Zone('UTC')
utc.localize = new.instancemethod(localize, utc, utc.__class__)
utc.plain = new.instancemethod(localize, utc)
Zone.unbound = new.instancemethod(localize, None, Zone)
print utc.localize('noon'), utc.plain('midnight'), utc.unbound('dawn'), Zone.unbound(utc, 'dusk')

module = new.module('made')
module.answer = 42
print module.__name__, module.answer, isinstance(module, type(sys))
copy = new.function(localize.__code__, globals(), 'copy')
print copy.__name__, copy(utc, 'tea')
