# An import fallback whose first branch six_moves turns into a standard import: the stage keeps
# the Python 3 branch in the same run (a second run used to collapse the try).
from __future__ import absolute_import
import six

try:
    from six.moves import cStringIO as StringIO
except ImportError:
    from six import StringIO

buffer = StringIO()
buffer.write(six.text_type("text"))
print(buffer.getvalue(), type(buffer).__name__)
