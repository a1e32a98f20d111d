"""A ConfigParser subclass's `def get(self, section, option)` also takes `**kwargs`.

Python 3's configparser calls `get()` itself with keyword arguments: its interpolation asks
`parser.get(section, option, raw=True, fallback=...)` for every value it interpolates, and
getint()/getboolean() pass `raw=` and `vars=`. An override with 2.7's signature then raises
TypeError on every read (Markdown's test config parser, which turns "yes" into True). The override
gets `**kwargs`, and the calls it makes to the base class's get() with its own section and option
(`SafeConfigParser.get(self, section, option)`, `super(C, self).get(section, option)`) pass them
on. On 2.7 nothing calls get() with keywords, so nothing changes there.
"""
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import parsing, scopes
from workers.rewriting.builtin_calls import call_arguments
from workers.rewriting.fixer import SAFE, FissixFixer, TreeFixer
from workers.rewriting.protocols import attr_trailer_name, class_of_method, is_call, parameter_groups
from workers.rewriting.typerefs import expression

_MODULES = ("ConfigParser", "configparser", "six.moves.configparser", "backports.configparser")
_CLASSES = ("ConfigParser", "SafeConfigParser", "RawConfigParser")
PARSER_CLASSES = frozenset("%s.%s" % (module, name) for module in _MODULES for name in _CLASSES)


def _origin(node):
    """The dotted name a base-class expression refers to through the module's imports, or None."""
    if node.type == token.NAME:
        meaning = scopes.meaning(node)
        if meaning.kind == scopes.MODULE:
            return meaning.module
        if meaning.kind == scopes.FROM_IMPORT:
            return "%s.%s" % (meaning.module, meaning.name)
        return None
    if node.type == syms.power and all(attr_trailer_name(t) for t in node.children[1:]):
        head = _origin(node.children[0])
        return head and ".".join([head] + [attr_trailer_name(t) for t in node.children[1:]])
    return None


def _bases(classdef):
    children = classdef.children
    if len(children) < 5 or children[2].type != token.LPAR or children[3].type == token.RPAR:
        return []
    inner = children[3]
    return [c for c in inner.children if c.type != token.COMMA] if inner.type == syms.arglist else [inner]


def _parameter_names(funcdef):
    """Names of the parameters, or None when the def takes *args or **kwargs, or a tuple parameter."""
    names = []
    for group in parameter_groups(funcdef):
        if group[0].type != token.NAME:
            return None
        names.append(group[0].value)
    return names


def _keyword_name(funcdef):
    bound = scopes.binding_nodes(funcdef)
    name = "kwargs"
    while name in bound:
        name = "_" + name
    return name


def _forwarding_calls(funcdef, classdef, params):
    """Call trailers of `<base>.get(self, section, option)` / `super(...).get(section, option)` in the body."""
    bases = {str(base).strip() for base in _bases(classdef)}
    found = []
    for node in funcdef.children[-1].pre_order():
        if node.type != syms.power:
            continue
        children = node.children
        for index in range(1, len(children) - 1):
            if attr_trailer_name(children[index]) != "get" or not is_call(children[index + 1]):
                continue
            head = "".join(str(c) for c in children[:index]).strip()
            expected = params if head in bases else params[1:] if head.startswith("super(") else None
            arguments = call_arguments(children[index + 1])
            if expected and arguments and not arguments[1] and [str(a).strip() for a in arguments[0]] == expected:
                found.append(children[index + 1])
    return found


class _Impl(TreeFixer):
    _accept_type = syms.funcdef

    def match(self, node):
        if node.children[1].value != "get":
            return False
        classdef = class_of_method(node)
        if classdef is None or not any(_origin(base) in PARSER_CLASSES for base in _bases(classdef)):
            return False
        params = _parameter_names(node)
        if not params or len(params) < 3:
            return False
        return {"classdef": classdef, "params": params}

    def transform(self, node, results):
        keyword = _keyword_name(node)
        for trailer in _forwarding_calls(node, results["classdef"], results["params"]):
            inner = "".join(str(c) for c in trailer.children[1:-1])
            trailer.replace(expression("f(%s, **%s)" % (inner, keyword)).children[1])
        parameters = node.children[2]
        inner = "".join(str(c) for c in parameters.children[1:-1])
        new = parsing.parse("def f(%s, **%s): pass\n" % (inner, keyword)).children[0].children[2]
        new.remove()
        new.prefix = parameters.prefix
        parameters.replace(new)


class ConfigparserGetOverride(FissixFixer):
    tree_fixer = _Impl
    stage = "semantic"
    order = 30
    trigger = r"\bdef\s+get\s*\("
    summary = "Let a ConfigParser subclass's get() override take Python 3's keyword arguments"
    explanation = (
        "Python 3's configparser calls get() with keyword arguments itself (interpolation asks for "
        "raw=True and a fallback; getint() and getboolean() pass raw and vars). A subclass overriding "
        "get() with 2.7's two-argument signature fails on every read there. The override gets "
        "`**kwargs`, passed on where it calls the base class's get() with its own section and option."
    )
    risk = SAFE


FIXER = ConfigparserGetOverride()
