# 2.7's filter() keeps a string a string: its callers take len() of it and call str methods.
def digits(value):
    return filter(lambda c: c.isdigit(), value)

print digits(u"a1b2c3"), len(digits(u"x9y8")), digits(u"tel: 555").upper()
print type(digits((u"1", u"a", u"2"))).__name__, len(digits((u"1", u"a", u"2")))
