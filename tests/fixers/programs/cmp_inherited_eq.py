# A base's __eq__ answers == before the subclass's __cmp__ on 2.7; __cmp__ still orders.
class Base(object):
    def __init__(self, key):
        self.key = key

    def __eq__(self, other):
        return self.key.lower() == other.key.lower()


class Entry(Base):
    def __cmp__(self, other):
        if self.key > other.key:
            return 1
        return -1


a, b, c = Entry("x"), Entry("X"), Entry("y")
print a == b, a == a, a != a, a < c, c < a, [e.key for e in sorted([c, a])]
