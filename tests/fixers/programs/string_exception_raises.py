# A string exception raised TypeError on 2.7; the rewrite must raise the same class on 2.7 and 3.
def check(value):
    try:
        int(value)
    except ValueError:
        return "not a number"
    raise "number expected to fail", value


for value in ["x", "12"]:
    try:
        print check(value)
    except TypeError:
        print "TypeError", value
    except Exception as err:
        print "other", type(err).__name__
