# A buffered reader over a socket made with socket._fileobject (urllib2's and mechanize's readline wrapper).
import socket

left, right = socket.socketpair()
left.sendall(b"first line\nsecond\n")
left.close()
reader = socket._fileobject(right, "rb", -1)
print(reader.readline() == b"first line\n")
print(reader.read() == b"second\n")
reader.close()
right.close()
