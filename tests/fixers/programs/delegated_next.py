# A file wrapper handing its file's iteration methods to the instance (urllib.addbase, mechanize's closeable_response).
from StringIO import StringIO


class Wrapper:
    def __init__(self, fp):
        self.fp = fp
        self.readline = self.fp.readline
        self.__iter__ = self.fp.__iter__
        self.next = self.fp.next


wrapper = Wrapper(StringIO("one\ntwo\n"))
step = wrapper.next
print(step() == "one\n")
print(wrapper.readline() == "two\n")
