# A regex octal escape above \377 means its value modulo 256 on 2.7; the rewrite keeps the matches.
import re

pattern = re.compile(r'[\200-\777]+|a\701')
for text in [u'\x80\xff', u'a\xc1', u'abc', u'\x7f']:
    print [[ord(c) for c in m] for m in pattern.findall(text)]
