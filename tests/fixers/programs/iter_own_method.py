# __iter__ returning the class's own generator method: never a dict's items(), never list().


class Entry(object):
    def __init__(self, name):
        self.name = name


class Registry(object):
    def __init__(self, *names):
        self._entries = [Entry(n) for n in names]
        self._index = dict((n, i) for i, n in enumerate(names))

    def items(self):
        for entry in self._entries:
            yield entry.name, entry

    def __iter__(self):
        return self.items()

    def positions(self):
        return sorted(self._index.items())


class Counter(object):
    def __init__(self):
        self.counts = {"a": 1}

    def __iter__(self):
        return self.counts.iterkeys()


registry = Registry("x", "y")
print [name for name, _ in registry]
print registry.positions()
print list(Counter())
