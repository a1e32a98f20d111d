"""setup.py's requirement lists, found in its syntax tree (setup.py is never run).

setup()'s `install_requires`, `tests_require` and `extras_require` (a dict of lists; a key such as
`':python_version < "3"'` is the marker of its list), given as literals or through a module-level
name bound once to one. Each string literal is a Literal with where its text sits in the file, so
an upgrade edits exactly that string. Anything else (a call, a comprehension, a name bound twice,
a non-literal item) is Computed: reported as not editable, never guessed at.
"""
import ast
import re
from dataclasses import dataclass

KEYWORDS = ("install_requires", "tests_require", "extras_require")
_PREFIXES = ("", "u", "U", "r", "R")


@dataclass(frozen=True)
class Literal:
    value: str  # the requirement, as Python reads the string
    line: int  # 1-based
    start: int  # character offsets of the string's contents (inside the quotes) in the text,
    end: int  # None when the contents are not the value written out plainly (escapes, concatenation)
    section: str  # "install_requires", "extras_require['test']"
    marker: str = ""  # from an extras_require key ':python_version < "3"'

    @property
    def editable(self):
        return self.start is not None


@dataclass(frozen=True)
class Computed:
    line: int
    reason: str


def setup_keywords(tree):
    """(keyword name, value node) for each requirement keyword of each setup() call."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "setup":
            for keyword in node.keywords:
                if keyword.arg in KEYWORDS:
                    yield keyword.arg, keyword.value


def _bindings(tree):
    """name -> [value nodes] of module-level names (a name bound more than once is not a literal)."""
    bound = {}
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            if isinstance(target, ast.Name):
                bound.setdefault(target.id, []).append(node.value)
    return bound


def resolve(node, bound):
    """The literal a keyword's value stands for: itself, or the one value of a name bound once."""
    if isinstance(node, ast.Name) and len(bound.get(node.id, [])) == 1:
        return bound[node.id][0]
    return node


def python_lines(text):
    """The text's lines as ast numbers them, ends kept: split only after \\n, \\r\\n and \\r, not at
    the form feeds, \\x1c-\\x1e, \\x85 or \\u2028 where str.splitlines() splits too (a ^L page
    break in setup.py shifted every later line by one)."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z", text)


def find(tree, text=None):
    """([Literal], [Computed]) of setup()'s requirement keywords. `text` is the decoded source the
    tree came from (None: literals are read but none is editable)."""
    lines = python_lines(text) if text is not None else None
    bound, literals, computed = _bindings(tree), [], []
    for keyword, value in setup_keywords(tree):
        if keyword == "extras_require":
            _extras(resolve(value, bound), bound, lines, literals, computed)
        else:
            _requirement_list(resolve(value, bound), keyword, "", lines, literals, computed)
    return literals, computed


def requirement_lists(tree):
    """(section, list or tuple node) of each literal requirement list find() reads."""
    bound = _bindings(tree)
    for keyword, value in setup_keywords(tree):
        value = resolve(value, bound)
        if keyword != "extras_require":
            pairs = [(keyword, value)]
        elif isinstance(value, ast.Dict):
            pairs = [("extras_require[%r]" % key.value, resolve(item, bound)) for key, item in zip(value.keys, value.values)
                     if isinstance(key, ast.Constant) and isinstance(key.value, str)]
        else:
            pairs = []
        yield from ((section, node) for section, node in pairs if isinstance(node, (ast.List, ast.Tuple)))


def _extras(node, bound, lines, literals, computed):
    if not isinstance(node, ast.Dict):
        computed.append(Computed(node.lineno, "extras_require is %s, not a literal dict" % _what(node)))
        return
    for key, value in zip(node.keys, node.values):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            computed.append(Computed(value.lineno, "an extras_require key is %s" % _what(key or value)))
            continue
        marker = key.value.partition(":")[2].strip()  # 'test:python_version < "3"': an extra and its marker
        section = "extras_require[%r]" % key.value
        _requirement_list(resolve(value, bound), section, marker, lines, literals, computed)


def _requirement_list(node, section, marker, lines, literals, computed):
    if not isinstance(node, (ast.List, ast.Tuple)):
        computed.append(Computed(node.lineno, "%s is %s, not a literal list" % (section, _what(node))))
        return
    for item in node.elts:
        if isinstance(item, ast.Constant) and isinstance(item.value, str):
            span = _contents_span(lines, item) if lines is not None else None
            literals.append(Literal(item.value, item.lineno, *(span or (None, None)), section, marker))
        else:
            computed.append(Computed(item.lineno, "an item of %s is %s" % (section, _what(item))))


def _what(node):
    return "a name bound more than once or not at all" if isinstance(node, ast.Name) else \
        "computed (%s)" % type(node).__name__


def _contents_span(lines, node):
    """(start, end) offsets of a one-line string literal's contents when they are its value written
    out plainly: no escapes, no implicit concatenation, no bytes or f-string. Else None."""
    if node.lineno != node.end_lineno:
        return None
    line = lines[node.lineno - 1]
    begin, finish = _char_col(line, node.col_offset), _char_col(line, node.end_col_offset)
    written = line[begin:finish]
    prefix = written[:len(written) - len(written.lstrip("uUrR"))]
    body = written[len(prefix):]
    if prefix not in _PREFIXES:
        return None
    quote = body[:3] if body[:3] in ('"""', "'''") else body[:1]
    if not (body.startswith(quote) and body.endswith(quote) and len(body) >= 2 * len(quote)):
        return None
    contents = body[len(quote):len(body) - len(quote)]
    if contents != node.value or "\\" in contents:
        return None
    offset = sum(len(text) for text in lines[:node.lineno - 1]) + begin + len(prefix) + len(quote)
    return offset, offset + len(contents)


def _char_col(line, byte_col):
    """ast gives UTF-8 byte columns; string slicing needs characters."""
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", "ignore"))
