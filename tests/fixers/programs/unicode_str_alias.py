# __str__ encodes __unicode__'s text with the instance's own codec (bytes on 2.7, text on 3)
class Entry(object):
    def __init__(self, text, encoding):
        self.text, self.encoding = text, encoding

    def __unicode__(self, width=3):
        return self.text[:width]

    def __str__(self):
        return unicode(self).encode(self.encoding)


e = Entry(u"caf\xe9s", "latin-1")
print repr(unicode(e)) == repr(u"caf"), len(str(e)), e.__unicode__(5) == u"caf\xe9s"
