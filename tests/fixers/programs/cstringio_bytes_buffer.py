# A bytes buffer from cStringIO that callers get stays cStringIO's on 2.7 (six.BytesIO would be the
# pure-Python StringIO.StringIO there, with its .buf and .len) and is io.BytesIO on 3.
import struct
from cStringIO import StringIO


def encoded(count):
    stream = StringIO()
    stream.write(struct.pack("<I", count))
    return stream


stream = encoded(7)
print hasattr(stream, 'buf'), hasattr(stream, 'len'), repr(stream.getvalue()) == repr(struct.pack("<I", 7))
print repr(StringIO(struct.pack("<H", 1)).read()) == repr(b"\x01\x00")
