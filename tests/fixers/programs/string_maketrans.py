# string.maketrans tables with literal arguments, for str (text on 3) and for byte strings.
import string

_DOTS = string.maketrans("/.", "./")


def riscos(fname):
    return fname.translate(string.maketrans("/.", "./"))


def swapped(text):
    table = string.maketrans(u'ab' '\\', r'\ab')
    return text.translate(table)


print riscos("dir/file.txt"), "dir/file.txt".translate(_DOTS)
print swapped("a\\b"), repr(b"a/b.".translate(_DOTS)) == repr(b"a.b/")
