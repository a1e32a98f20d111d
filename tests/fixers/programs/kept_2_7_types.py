import traceback

try:
    1/0
except ZeroDivisionError:
    print '1/0' in traceback.format_exc()


print filter(None, [0, 1, 2])
word = 'hello world'
print repr(filter(str.isalpha, word)), filter(None, u'a b'), filter(None, (0, 1, 2)), filter(None, (0, 1))[0]


class Tag(object):
    def __init__(self):
        self.attrs = {'href': 'x'}
        self.contents = ['href']

    def has_key(self, key):
        return key in self.attrs

    def __contains__(self, x):
        return x in self.contents

    def get(self, key):
        if self.has_key(key):
            return self.attrs[key]


t = Tag()
print t.has_key('href'), t.get('href'), t.has_key('src')


class Token(object):
    def __str__(self): return unicode(self).encode('utf-8')
    def __unicode__(self): return u'a'


class TokenList(Token):
    def __unicode__(self): return u'ab'

print str(TokenList()), unicode(TokenList()), str(Token())
