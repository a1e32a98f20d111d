import keyword
import operator
import os
import shutil
import sys
import tempfile


class FakeStdin(object):
    def __init__(self, lines):
        self.lines = lines

    def readline(self):
        return self.lines.pop(0)


def show_args(*args, **kw):
    return "%r %r" % (args, sorted(kw.items()))


# apply
print apply(show_args, (1, 2))
print apply(show_args, [3], {"k": 4})
print apply(lambda a, b: a * b, (6, 7))

# reduce (and a function with its own reduce)
print reduce(operator.add, [1, 2, 3, 4])
print reduce(lambda acc, x: acc * x, range(1, 5), 1)


def fold(reduce, items):
    return reduce(items)


print fold(len, [1, 2])

# intern and reload
a = intern("".join(["spam", "eggs"]))
print a is intern("spameggs")
print reload(keyword).__name__

# raw_input and the evaluating input
sys.stdin = FakeStdin(["Ann\n", "6 * 7\n", "[1, 2][1]\n"])
name = raw_input("name? ")
answer = input("answer? ")
second = input()
print
print name, answer, second

# xrange, and the range calls the six.moves import makes lazy on 2.7
total = 0
for i in xrange(5):
    total += i
print total, list(xrange(2, 8, 2)), len(xrange(4))
numbers = range(5)
numbers[0] = 10
print numbers, range(3) + range(2), range(10)[::3], range(4).index(2)
print sum(range(5)), sorted(range(3), reverse=True), [x * x for x in range(4)], 2 in range(3)
print zip(range(3), range(3, 6))


def window(range, n):
    return [range[i] for i in xrange(n)]


print window("abcdef", 3)

# file() and a function that defines its own file()
folder = tempfile.mkdtemp()
try:
    path = os.path.join(folder, "data.txt")
    f = file(path, "w")
    f.write("hello\n")
    f.close()
    print file(path).read().strip()

    def local_file():
        def file(text):
            return text.upper()
        return file("shout")
    print local_file()

    # execfile, with a namespace, and inside a function with a nested scope
    script = os.path.join(folder, "script.py")
    handle = file(script, "w")
    handle.write("result = value * 2\nfrom os.path import basename as base\n")
    handle.close()
    namespace = {"value": 21}
    execfile(script, namespace)
    print namespace["result"], namespace["base"]("/x/y.txt")

    def run(value):
        scope = {"value": value}
        execfile(script, scope)

        def twice():
            return scope["result"] * 2
        return twice()
    print run(5)
finally:
    shutil.rmtree(folder)

# cmp with simple operands, and sorting with comparison functions
class Item(object):
    def __init__(self, size, label):
        self.size = size
        self.label = label


def by_size(left, right):
    return cmp(left.size, right.size) or cmp(left.label, right.label)


items = [Item(2, "b"), Item(1, "z"), Item(2, "a")]
print [item.label for item in sorted(items, cmp=by_size)]
print [item.label for item in sorted(items, by_size, None, True)]
labels = ["bb", "a", "ccc"]
labels.sort(cmp=lambda x, y: cmp(y, x), reverse=True)
print labels
values = [3, 1, 2]
values.sort(cmp=None, reverse=True)
print values, cmp(1, 2), cmp("b", "a"), cmp(values[0], values[0])
