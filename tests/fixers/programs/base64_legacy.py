# base64.encodestring inserts a newline every 76 characters: the 2+3 form must keep that.
import base64

data = b"0123456789" * 10
encoded = base64.encodestring(data)
print encoded.decode("ascii").count("\n"), len(encoded)
print base64.decodestring(encoded) == data
