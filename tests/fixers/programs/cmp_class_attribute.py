# A comparison function kept as a class attribute (2.7 unittest's TestLoader.sortTestMethodsUsing).


class Loader(object):
    sort_using = cmp

    def order(self, a, b):
        return self.sort_using(a, b)


print(Loader().order(1, 2), Loader().order("b", "a"), Loader.sort_using(3, 3))
