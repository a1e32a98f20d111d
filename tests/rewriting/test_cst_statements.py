"""statements_of finds what a libcst walk finds, in the same order, without the walk."""
from pathlib import Path

import libcst as cst
import pytest

from workers.rewriting.cst_statements import statements_of

CODEMOD_TESTS = Path(__file__).parent.parent / "codemods"
SOURCES = sorted((CODEMOD_TESTS / "programs").glob("*.py")) + sorted((CODEMOD_TESTS / "cases").glob("*/*.in"))
KINDS = (cst.BaseSmallStatement, cst.BaseCompoundStatement, cst.Try, (cst.Assign, cst.AugAssign), cst.ExceptHandler)


def walked(node, kind):
    """The nodes of type `kind` a libcst visitor meets, in its order."""
    found = []

    class Collect(cst.CSTVisitor):
        def on_visit(self, visited):
            if isinstance(visited, kind):
                found.append(visited)
            return True

    node.visit(Collect())
    return found


def parsed(path):
    try:
        return cst.parse_module(path.read_bytes())
    except cst.ParserSyntaxError:
        return None


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: "%s/%s" % (p.parent.name, p.stem))
def test_same_nodes_in_the_same_order_as_a_libcst_walk(path):
    module = parsed(path)
    if module is None:
        pytest.skip("not Python 3")
    for kind in KINDS:
        assert [id(node) for node in statements_of(module, kind)] == [id(node) for node in walked(module, kind)]


def test_statements_in_every_kind_of_clause():
    module = cst.parse_module(
        "import a\nif x:\n    import b\nelif y: import c\nelse:\n    import d\n"
        "try:\n    import e\nexcept E:\n    import f\nelse:\n    import g\nfinally:\n    import h\n"
        "for i in j:\n    import k\nelse:\n    import l\nwhile m:\n    import n\nwith o:\n    import p\n"
        "@deco\ndef q():\n    class R:\n        import s\nmatch t:\n    case 1:\n        import u\n")
    names = [statement.names[0].name.value for statement in statements_of(module, cst.Import)]
    assert names == list("abcdefghklnpsu")
