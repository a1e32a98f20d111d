# Bytes read from a binary file in one method, buffered in another: six.BytesIO, not cStringIO
# (io.StringIO on 3 rejects bytes).
import os
import tempfile
from cStringIO import StringIO


class Archive(object):
    def load(self, path):
        with open(path, "rb") as stream:
            self.data = stream.read()

    def head(self, size):
        return StringIO(self.data).read(size)


folder = tempfile.mkdtemp()
path = os.path.join(folder, "data.bin")
with open(path, "wb") as out:
    out.write(b"\x00\x01archive")
archive = Archive()
archive.load(path)
print repr(archive.head(2)) == repr(b"\x00\x01"), len(archive.head(5))
os.remove(path)
os.rmdir(folder)
