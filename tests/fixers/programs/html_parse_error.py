# A parse error deriving from HTMLParser.HTMLParseError (mechanize's ParseError, which also derives from sgmllib's error), raised and caught by it.
import HTMLParser


class ParseError(ValueError, HTMLParser.HTMLParseError):
    pass


def parse(data):
    try:
        raise ParseError("bad markup: %s" % data)
    except HTMLParser.HTMLParseError as exc:
        return "caught %s" % type(exc).__name__


print(parse("<a"), issubclass(ParseError, HTMLParser.HTMLParseError))
