d = {"a": 1}
print d.has_key("a"), not d.has_key("b"), d.has_key("b" or "a")
for value in ["text", u"unicode", 3, None]:
    print value, isinstance(value, basestring)
