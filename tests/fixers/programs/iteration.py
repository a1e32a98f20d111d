import itertools
from itertools import izip, imap, chain

d = {"a": 1, "b": 2, "c": 3}
keys = d.keys()
keys.sort()
print keys, sorted(d.values()), len(d.items())
for k in d.keys():
    if k != "b":
        del d[k]
print d, "b" in d.keys(), "z" not in d.keys()

d2 = {"x": 10}
print d2.itervalues().next(), d2.keys()[0], sorted(d2.iteritems()), list(d2.viewkeys())
for k, v in d2.items():
    d2[k + k] = v * 2
print sorted(d2.items()), sorted(six_free for six_free in d2.iterkeys())
for i, k in enumerate(d2.keys()):
    d2.pop(k)
print d2

squares = map(lambda x: x * x, [1, 2, 3])
print squares, squares[0], len(squares)
print filter(None, [0, 1, 2] if squares else [])
print map(None, [1, 2], [3]), map(None, "ab")
pairs = [(1, "a"), (2, "b")]
print sorted(set(zip(*pairs)[0]))

lazy = izip([1, 2], [3, 4])
print list(lazy), zip([1], [2])
print list(imap(str, [1, 2])), list(chain([1], [2]))
print list(itertools.izip_longest([1, 2], [3], fillvalue=0)), list(itertools.ifilterfalse(None, [0, 1, 0]))

items = [1, 2]
for a, b in zip(items, items[1:]):
    items.append(a + b)
print items, ",".join(map(str, items))
