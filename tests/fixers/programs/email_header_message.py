# A header message kept as unicode, parsed by email after encoding it (Babel's catalog header).
from email import message_from_string

header = u"Project-Id-Version: demo 1.0\nContent-Type: text/plain; charset=utf-8\nLast-Translator: J\xe9r\xf4me\n"
headers = message_from_string(header.encode("utf-8"))
print sorted(headers.keys())
print headers["Project-Id-Version"], headers.get_content_charset()
