import base64
import hashlib
import struct
import zlib

SALT = str(7)


def digest(s):
    return hashlib.md5(SALT + s).hexdigest()


def digest_text(s):
    return hashlib.sha1(SALT + s.encode("utf-8")).hexdigest()


def checksum(data):
    h = hashlib.new("sha256", "v1:")
    h.update(data)
    return h.hexdigest()


print(digest("abc"))
print(digest(u"abc"))
print(digest_text(u"caf\xe9"))
print(checksum(u"payload"))
packed = zlib.compress("hello " * 4)
print(len(zlib.decompress(packed)))
print(struct.unpack("!I", "\x00\x00\x01\x00")[0])
print(base64.b64encode("xyz").decode("ascii"))
