import rfc822

stamp = rfc822.mktime_tz(rfc822.parsedate_tz("Mon, 20 Nov 1995 19:12:08 -0500"))
name, address = rfc822.parseaddr('"Doe, Jane" <jane@example.com>')
print int(stamp), name, address
print rfc822.dump_address_pair((name, address)), rfc822.quote('a"b'), rfc822.unquote("<x@y>")
