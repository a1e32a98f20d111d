# A subclass whose __unicode__ decodes the base class's __str__: renaming it to __str__ under
# python_2_unicode_compatible would make str() call itself forever, on 2.7 and on 3.


class Node(object):
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return "node %s" % self.name


class Tag(Node):
    def __unicode__(self):
        return unicode(str(self), "utf-8")


class Plain(object):
    def __unicode__(self):
        return u"plain"


print str(Tag("a")), unicode(Tag("b"))
print unicode(Plain())
