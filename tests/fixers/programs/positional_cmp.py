# list.sort(f) and sorted(xs, f) with a positional comparison function whose cmp() is inlined by
# cmp_builtin: both fixers together must still sort the same way on 2.7 and 3.


def by_length(a, b):
    return cmp(len(a), len(b))


by_last = lambda a, b: cmp(a[-1], b[-1])

tags = ["ccc", "a", "bb", "dddd"]
tags.sort(lambda a, b: cmp(len(b), len(a)))
print tags
tags.sort(by_length)
print tags
tags.sort(by_last, reverse=True)
print tags
print sorted(tags, lambda a, b: cmp(a, b))
