# A ConfigParser subclass overriding get(): Python 3's interpolation calls it with keywords.
from ConfigParser import SafeConfigParser
from StringIO import StringIO


class Typed(SafeConfigParser):
    def get(self, section, option):
        value = SafeConfigParser.get(self, section, option)
        if value.lower() in ['yes', 'no']:
            return value.lower() == 'yes'
        return value


parser = Typed({'base': 'html'})
parser.readfp(StringIO("[t]\nsafe = yes\next = .%(base)s\nn = 3\n"))
print parser.get('t', 'safe'), parser.get('t', 'ext'), parser.getint('t', 'n')
