# Binary data read a byte at a time with ord(): items of bytes are ints on Python 3.
data = b"\x01\x02\xff"
total = 0
for c in data:
    total += ord(c)
print total, ord(data[2]), [ord(ch) for ch in u"ab"], list(map(ord, data))
