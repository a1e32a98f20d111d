# A fallback for Pythons without booleans: dead code on 2.7, a SyntaxError on 3 until removed.
try:
    True, False
except NameError:
    True, False = 1, 0

print repr(True), repr(False), repr(1 == 1)
