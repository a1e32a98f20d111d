# Blocks indented with a mix of tabs and spaces: Python 2 counts a tab as up to 8 columns.
import sys


def walk(items):
    out = []
    for item in items:
	if item % 2:
	    out.append(item)
        out.append(-item)
    return out


print walk([1, 2, 3])
