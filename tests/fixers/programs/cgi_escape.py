# cgi.escape with and without quote, on byte strings and text.
import cgi


def both(value, quoted):
    return " | ".join([cgi.escape(value), cgi.escape(value, True), cgi.escape(value, quote=quoted)])


print both('<a href="x">&amp;</a>', False)
print both(u'"text" & <b>', True)
