# Headers parsed from a file of text with mimetools.Message (mechanize's _response.make_headers).
import mimetools
from StringIO import StringIO

msg = mimetools.Message(StringIO("Content-Type: text/html; charset=utf-8\nX-Count: 2\n\n"))
print(msg["content-type"], msg.get("x-count"), "X-COUNT" in msg, msg.get("missing", "none"), len(msg))
cookies = mimetools.Message(StringIO("Set-Cookie: a=1\nSet-Cookie: b=2\nDate: today\n\n"))
print(cookies.getheaders("set-cookie"), cookies.getheaders("set-cookie2"), cookies.getheader("date"))
print(cookies.getheader("missing"), cookies.getheader("missing", "default"))
