import md5
import sha

print md5.new(b"abc").hexdigest(), sha.new(b"abc").hexdigest(), md5.md5().hexdigest()
