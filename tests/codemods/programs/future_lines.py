# -*- coding: utf-8 -*-
from __future__ import absolute_import, division, print_function, unicode_literals

print(7 / 2, type("x").__name__, "é")
