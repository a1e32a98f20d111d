# Reading a binary stream to its end: on Python 3 the end is b'', which never equals ''.
import io

source = io.BytesIO(b"abcdefghij")
chunks = []
while True:
    data = source.read(4)
    if data == '':
        break
    chunks.append(len(data))
print chunks
