# commands.getstatusoutput whose status is only tested for zero: the wait status on 2.7, the exit
# code on 3, zero together.
import commands


def succeeded(cmd):
    status, output = commands.getstatusoutput(cmd)
    if status:
        return "failed: %s" % output
    return "ok: %s" % output


def quiet(cmd):
    return not commands.getstatusoutput(cmd)[0], commands.getstatusoutput(cmd)[1]


print succeeded("echo hello"), succeeded("echo oops; exit 3"), quiet("echo x"), quiet("exit 1")
print commands.getoutput("echo out; echo err >&2")
