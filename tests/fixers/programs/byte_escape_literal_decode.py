# Non-ASCII text written as the escapes of its encoded bytes, then decoded.
name = "\xC3\x80\xC3\xBD".decode("utf-8")
latin = '\351t\351'.decode('latin-1')
print [ord(c) for c in name], [ord(c) for c in latin], len(name + latin)
