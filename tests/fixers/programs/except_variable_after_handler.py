# The name an except clause binds, read after the handler: 2.7 keeps it, 3 would delete it.
def first_error(values):
    for value in values:
        try:
            int(value)
        except ValueError, error:
            break
    else:
        return None
    return str(error)


try:
    {}["key"]
except KeyError as missing: pass
print first_error(["1", "x", "y"]), first_error(["2"]), missing.args[0]
