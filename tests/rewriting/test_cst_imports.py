"""Which imports the python3-only stage may drop once its codemods asked: read from CPython's
symtable and ast of the rewritten module, keeping whatever libcst's scope analysis would keep."""
import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor

from workers.rewriting.cst_imports import add_needed_imports, import_holders, names_used, remove_unused_imports

MODULE = '''import a, b, c, d, e, f, g, h
class K:
    x = a
def uses_its_own_b(b):
    return b + [c for _ in ()][0]
later = lambda: d
del e
__all__ = ["f"]
def documented():
    """g and h are only named here"""
    global h
'''


def test_a_module_level_import_is_used_where_python_would_look_it_up():
    used = names_used(MODULE).at_module_level
    assert {"a", "c", "d", "e", "f", "h"} <= used  # class body, comprehension, lambda, del, __all__, global
    assert not {"b", "g"} & used  # a parameter of the same name; a docstring


def test_code_this_python_cannot_compile_has_no_verdict():
    assert names_used("print 'x'\n") is None


def _followed_up(follow_up, schedule, code, modules):
    """The code after `follow_up` of what `schedule` asked for each of `modules`."""
    context = CodemodContext()
    for module in modules:
        schedule(context, module)
    return follow_up(context, cst.parse_module(code)).code


def removed(code, *names):
    return _followed_up(remove_unused_imports, RemoveImportsVisitor.remove_unused_import, code, names)


def test_only_the_imports_asked_for_and_unused_go():
    code = "import six, io\nimport os\n\ndef f(six):\n    return six\n"
    assert removed(code, "six", "os") == "import io\n\ndef f(six):\n    return six\n"


def test_an_import_inside_a_function_goes_only_when_its_name_is_nowhere():
    code = "def f():\n    import io\n    return 1\n\ndef g():\n    import os\n    return os.sep\n"
    assert removed(code, "io", "os") == "def f():\n    return 1\n\ndef g():\n    import os\n    return os.sep\n"


def added(code, *modules):
    return _followed_up(add_needed_imports, AddImportsVisitor.add_needed_import, code, modules)


def test_imports_are_added_after_those_at_the_top_and_never_twice():
    code = '"""Doc."""\nimport os\nimport io\n\ndef f():\n    import re\n    return os, io\n'
    assert added(code, "io", "re") == '"""Doc."""\nimport os\nimport io\nimport re\n\ndef f():\n    import re\n    return os, io\n'


def test_an_import_a_doctest_example_uses_stays():
    code = 'from io import StringIO\nimport os\n\ndef f(buf):\n    """Reads os.\n\n    >>> f(StringIO("x"))\n    """\n'
    context = CodemodContext()
    RemoveImportsVisitor.remove_unused_import(context, "io", "StringIO")
    RemoveImportsVisitor.remove_unused_import(context, "os")
    after = remove_unused_imports(context, cst.parse_module(code)).code
    assert after.startswith("from io import StringIO\n\ndef f")  # os is only in the prose


def test_a_string_that_cannot_name_it_does_not_keep_an_import():
    code = 'import io\nimport os\n\nlabels = ["<io>"]\nNAMES = ["os"]\n'
    assert removed(code, "io", "os") == 'import os\n\nlabels = ["<io>"]\nNAMES = ["os"]\n'


def test_a_string_annotation_keeps_its_import():
    code = "from typing import Optional\nimport io\n\ndef f(x: \"Optional['io.StringIO']\"):\n    return x\n"
    assert removed(code, "io") == code


def test_an_unused_import_goes_from_whatever_statement_holds_it():
    code = ("if a:\n    import os\nelse:\n    import os\ntry:\n    import os\nexcept E:\n    import os\n"
            "finally:\n    import os\nwith c:\n    import os\nwhile a:\n    import os\nfor x in a:\n    pass\n"
            "else:\n    import os\nclass K:\n    def f(self):\n        import os\nmatch a:\n    case 1:\n"
            "        import os\n        x = 1\nif a: import os; y = 2\n")
    expected = ("if a:\n    pass\nelse:\n    pass\ntry:\n    pass\nexcept E:\n    pass\nfinally:\n    pass\n"
                "with c:\n    pass\nwhile a:\n    pass\nfor x in a:\n    pass\nelse:\n    pass\nclass K:\n"
                "    def f(self):\n        pass\nmatch a:\n    case 1:\n        x = 1\nif a: y = 2\n")
    assert removed(code, "os") == expected


def test_the_follow_ups_enter_only_what_holds_an_import():
    module = cst.parse_module("x = 1\ndef f():\n    if x:\n        import io\n    return 2\ndef g():\n    return 3\n")
    f, g = module.body[1], module.body[2]
    if_statement = f.body.body[0]
    assert import_holders(module) == {module, f, f.body, if_statement, if_statement.body, if_statement.body.body[0]}
    assert g not in import_holders(module) and module.body[0] not in import_holders(module)
