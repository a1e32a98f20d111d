# it.next() inside a try that catches AttributeError: an object without next (None, a list)
# must still raise AttributeError there after the rewrite, not TypeError (cssutils' _nexttoken).
def nexttoken(tokenizer, default=None):
    try:
        return tokenizer.next()
    except (StopIteration, AttributeError):
        return default


class Counter(object):
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def next(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n


gen = (x for x in "ab")
print(nexttoken(gen))
print(nexttoken(gen))
print(nexttoken(gen, "end"))
print(nexttoken(None, "none"))
print(nexttoken([1, 2], "list"))
counter = Counter()
print(nexttoken(counter))
print(nexttoken(counter))
print(nexttoken(counter, "stopped"))
