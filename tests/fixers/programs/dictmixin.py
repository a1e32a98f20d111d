# A DictMixin mapping: the dict interface built from __getitem__/__setitem__/__delitem__/keys.
import UserDict


class Lower(UserDict.DictMixin):
    def __init__(self):
        self.data = {}

    def __getitem__(self, key):
        return self.data[key.lower()]

    def __setitem__(self, key, value):
        self.data[key.lower()] = value

    def __delitem__(self, key):
        del self.data[key.lower()]

    def keys(self):
        return sorted(self.data.keys())


m = Lower()
m["A"] = 1
m.update({"B": 2})
print(sorted(m.items()), len(m), "a" in m, m.get("c", 3), m == {"a": 1, "b": 2}, repr(m) == repr({"a": 1, "b": 2}))
print(list(m), m.pop("A"), sorted(m.values()), m.setdefault("z", 26), len(m))
