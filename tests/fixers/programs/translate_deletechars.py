import string

_noop = ''.join(chr(x) for x in range(256))


def clean(v):
    return v.translate(_noop, "aeiou")


def digits(v):
    return v.translate(None, "-. ")


def letters(v):
    return v.translate(string.maketrans("", ""), string.digits)


print(clean("education"))
print(digits("1-2. 3"))
print(letters("a1b2c3"))
