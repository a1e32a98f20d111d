"""The scope model, by table: in each source, the name marked `«name»` is resolved where it stands."""
import pathlib

import pytest
from fissix.pgen2 import token
from fissix.pygram import python_symbols as syms

from workers.rewriting import parsing
from workers.rewriting import analysis, scopes
from workers.rewriting.scopes import (BUILTIN, CLASS_ATTRIBUTE, FROM_IMPORT, GLOBAL, LOCAL, MODULE, PARAMETER_KIND,
                                      UNKNOWN)

CASES = [
    # (source, expected kind, module, original name)
    ("def f(x):\n    return «x»\n", PARAMETER_KIND, None, None),
    ("def f(a, (b, x)=(1, 2)):\n    return «x»\n", PARAMETER_KIND, None, None),
    ("f = lambda x: «x» + 1\n", PARAMETER_KIND, None, None),
    ("def f():\n    x = 1\n    return «x»\n", LOCAL, None, None),
    ("def f():\n    for x in y:\n        pass\n    return «x»\n", LOCAL, None, None),
    ("def f():\n    with g() as (a, x):\n        return «x»\n", LOCAL, None, None),
    ("def f():\n    try:\n        pass\n    except E, x:\n        return «x»\n", LOCAL, None, None),
    ("x = 1\ndef f():\n    return «x»\n", GLOBAL, None, None),
    ("def x():\n    pass\n«x»()\n", GLOBAL, None, None),
    ("class x:\n    pass\n«x»()\n", GLOBAL, None, None),
    # list comprehensions leak their variable in Python 2
    ("def f():\n    [x for x in y]\n    return «x»\n", LOCAL, None, None),
    ("[file for file in names]\nopen(«file»)\n", GLOBAL, None, None),
    # `global`: the module answers, whatever the function assigns
    ("import os\ndef f():\n    global os\n    os = 1\n    return «os»\n", GLOBAL, None, None),
    ("def f():\n    global x\n    x = 1\n«x»\n", GLOBAL, None, None),
    ("x = 1\ndef f():\n    global x\n    return «x»\n", GLOBAL, None, None),
    # imports
    ("import string\n«string».join(a, b)\n", MODULE, "string", None),
    ("import os.path\n«os».getcwd()\n", MODULE, "os", None),
    ("import xml.dom as d\n«d»\n", MODULE, "xml.dom", None),
    ("from types import IntType as I\n«I»\n", FROM_IMPORT, "types", "IntType"),
    ("from .sibling import thing\n«thing»\n", FROM_IMPORT, ".sibling", "thing"),
    ("def f():\n    import string\n    return «string»\n", MODULE, "string", None),
    # the optional-import idiom: a `= None` fallback leaves the import's meaning; any other value does not
    ("try:\n    import json\nexcept ImportError:\n    json = None\n«json»\n", MODULE, "json", None),
    ("try:\n    import base64, binascii\nexcept ImportError:\n    base64 = binascii = None\n«base64»\n", MODULE, "base64", None),
    ("try:\n    import json\nexcept ImportError:\n    json = False\n«json»\n", GLOBAL, None, None),
    ("json = None\n«json»\n", GLOBAL, None, None),
    # class bodies: only for code directly in them
    ("class C:\n    x = 1\n    y = «x»\n", CLASS_ATTRIBUTE, None, None),
    ("x = 1\nclass C:\n    x = 2\n    def f(self):\n        return «x»\n", GLOBAL, None, None),
    ("class C:\n    file = 1\n    def f(self):\n        return «file»\n", BUILTIN, None, None),
    # nested functions see their enclosing function's names
    ("def f(x):\n    def g():\n        return «x»\n", PARAMETER_KIND, None, None),
    # defaults, bases and decorators are read in the enclosing scope
    ("def f(file=«file»):\n    pass\n", BUILTIN, None, None),
    ("def f(unicode):\n    class C(«unicode»):\n        pass\n", PARAMETER_KIND, None, None),
    # builtins and the unknown
    ("«unicode»(x)\n", BUILTIN, None, None),
    ("«xrange»(3)\n", BUILTIN, None, None),
    ("«undefined_name»\n", UNKNOWN, None, None),
    ("from os import *\n«open»(x)\n", UNKNOWN, None, None),
]


def _resolve(source):
    before, rest = source.split("«", 1)
    name, after = rest.split("»", 1)
    tree = parsing.parse(before + name + after)
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1)
    leaf = next(leaf for leaf in tree.leaves() if leaf.lineno == line and leaf.column == column and leaf.value)
    assert leaf.value == name
    return tree, leaf


@pytest.mark.parametrize("source,kind,module,original", CASES)
def test_meaning(source, kind, module, original):
    _tree, leaf = _resolve(source)
    meaning = scopes.meaning(leaf)
    assert (meaning.kind, meaning.module, meaning.name) == (kind, module, original)
    assert scopes.is_bound_around(leaf, leaf.value) == (kind not in (BUILTIN, UNKNOWN))


def test_binding_scope_below_module():
    _tree, leaf = _resolve("x = 1\ndef f():\n    return «x»\n")
    assert scopes.binding_scope(leaf, "x", below_module=True) is None
    _tree, leaf = _resolve("def f(x):\n    return «x»\n")
    assert scopes.binding_scope(leaf, "x", below_module=True).type == scopes.syms.funcdef


def test_binding_statements_list_parameters_first():
    _tree, leaf = _resolve("def f(x):\n    x = 2\n    return «x»\n")
    statements = scopes.binding_statements(leaf, "x")
    assert statements[0] is scopes.PARAMETER and statements[1].type == scopes.syms.expr_stmt


def test_from_import_items_and_module():
    tree = parsing.parse("from ..a.b import (x as y, z)\n")
    stmt = tree.children[0].children[0]
    assert scopes.from_module(stmt) == "..a.b"
    assert [(leaf.value, alias and alias.value) for leaf, alias in scopes.from_import_items(stmt)] == [
        ("x", "y"), ("z", None)]
    assert scopes.bound_by(stmt) == {"y", "z"}


def test_answers_are_kept_until_the_tree_changes():
    tree, leaf = _resolve("def f():\n    return «x»\n")
    assert scopes.meaning(leaf).kind == UNKNOWN
    function = tree.children[0]
    body = function.children[-1]
    statement = parsing.parse("def g():\n    x = 1\n").children[0].children[-1].children[2]
    body.insert_child(2, statement.clone())
    assert scopes.meaning(leaf).kind == UNKNOWN  # the same generation: the answer first given
    analysis.tree_changed(tree)
    assert scopes.meaning(leaf).kind == LOCAL


@pytest.mark.parametrize("source, declared", [
    ("def f():\n    global x\n    x = 1\n", {"x"}),
    ("def f(): global x; x = 1\n", {"x"}),
    ("def f():\n    y = 1; global x\n", {"x"}),
    ("from django.conf import global_settings\ndef f():\n    x = global_settings\n", set()),
    ("def f():\n    # the global state\n    return 1\n", set()),
])
def test_global_statements_found_and_prose_skipped(source, declared):
    # A module whose text has no `global` where a statement starts is not walked for them.
    tree = parsing.parse(source)
    function = next(node for node in tree.pre_order() if node.type == parsing.syms.funcdef)
    assert tree.mentions_global is bool(declared)
    assert scopes.globals_declared(function) == declared


def _own_nodes_walked(node, nested=(syms.funcdef, syms.classdef, syms.lambdef)):
    """own_nodes' order spelled out: each node, then its children's, stopping at a nested scope."""
    yield node
    if node.type not in nested:
        for child in node.children:
            yield from _own_nodes_walked(child)


def _body_of(scope):
    if scope.type == syms.file_input:
        return scope.children
    return scope.children[1:] if scope.type == syms.lambdef else [scope.children[-1]]


def test_own_nodes_lists_a_scopes_body_in_order_and_filters_by_type():
    cases = pathlib.Path(__file__).parent.parent / "fixers" / "cases"
    kinds = [scopes._BINDING_TYPES, (syms.global_stmt,), (token.NAME, syms.expr_stmt)]
    compared = 0
    for path in sorted(cases.rglob("*.in"))[::5]:
        try:
            tree = parsing.parse(path.read_text(encoding="utf-8", errors="surrogateescape"))
        except parsing.ParseError:
            continue
        nested = [node for node in tree.pre_order() if node.type in (syms.funcdef, syms.classdef, syms.lambdef)]
        for scope in [tree] + nested:
            walked = [node for part in _body_of(scope) for node in _own_nodes_walked(part)]
            assert scopes.own_nodes(scope) == walked, path
            for types in kinds:
                assert scopes.own_nodes(scope, types) == [node for node in walked if node.type in types], path
                compared += any(node.type in types for node in walked)
    assert compared > 300
