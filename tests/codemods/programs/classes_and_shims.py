# -*- coding: utf-8 -*-
"""Classes as the 2+3 stages leave them: object bases, super(Cls, self), shims and aliases."""
try:
    long
except NameError:  # Python 3
    long = int

try:
    reduce
except NameError:  # Python 3
    from functools import reduce


class Shape(object):
    def __init__(self, name):
        self.name = name

    def describe(self):
        return u"shape %s" % self.name

    @classmethod
    def unit(cls):
        return cls(1)


class Square(Shape):
    def __init__(self, side):
        super(Square, self).__init__(u"square")
        self.side = long(side)

    def describe(self):
        return super(Square, self).describe() + " of side %d" % self.side

    @classmethod
    def unit(cls):
        made = super(Square, cls).unit()
        return type(made).__name__

    def __bool__(self):
        return self.side > 0
    __nonzero__ = __bool__


class Countdown(object):
    def __init__(self, start):
        self.left = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.left <= 0:
            raise StopIteration
        self.left -= 1
        return self.left
    next = __next__


class Money(object):
    def __init__(self, cents):
        self.cents = cents

    def __div__(self, other):
        return Money(self.cents / other)
    __truediv__ = __div__

    def __rdiv__(self, other):
        return other / float(self.cents)
    __rtruediv__ = __rdiv__

    def __idiv__(self, other):
        self.cents = self.cents // other
        return self
    __itruediv__ = __idiv__


wallet = Money(10)
wallet /= 3
print((Money(7) / 2).cents, 14 / Money(4), wallet.cents, hasattr(Money, "__truediv__"))

print(Square(3).describe(), bool(Square(0)), bool(Square(2)))
print(Square.unit(), Square.__mro__[-1].__name__, Shape.__bases__)
print(list(Countdown(3)), reduce(lambda a, b: a * b, [long(2), 3, 4]), type(long(1)).__name__)
print([u"é", U"\u00e9" == "é", u"a" "b"])
