# A function whose star import only checks that the module's __all__ imports: still imports it.
from __future__ import absolute_import
import sys


def check_exports():
    from json import *


sys.modules.pop("json", None)
check_exports()
print "json" in sys.modules
