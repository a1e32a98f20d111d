# An exact-type check before decoding a byte string (mechanize's _rfc3986.clean_url).
def clean(url, encoding):
    if type(url) == type(""):
        url = url.decode(encoding, "replace")
    return url.strip()


print(clean(" abc ", "utf-8") == u"abc")
print(clean(u" d\u00e9f ", "utf-8") == u"d\u00e9f")
