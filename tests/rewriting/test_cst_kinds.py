"""is_kind answers what isinstance answers, for libcst's node classes (workers/rewriting/cst_kinds.py)."""
import libcst as cst
import pytest

from workers.rewriting.cst_kinds import is_kind
from workers.rewriting.cst_parents import descendants

KINDS = [cst.CSTNode, cst.BaseExpression, cst.Name, (cst.Import, cst.ImportFrom),
         (cst.Module, cst.BaseSuite, cst.BaseCompoundStatement, cst.SimpleStatementLine, cst.Else)]


@pytest.mark.parametrize("kind", KINDS, ids=str)
def test_is_kind_is_isinstance(kind):
    module = cst.parse_module("import os\nif os.sep:\n    from os import path as p\nelse:\n    x = [1, 'a']\n")
    values = descendants(module) + ["text", None, (), cst.MaybeSentinel.DEFAULT]
    assert [is_kind(value, kind) for value in values] == [isinstance(value, kind) for value in values]
    assert any(is_kind(value, kind) for value in values)
