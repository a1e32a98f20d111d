"""The logical lines the module contexts' line scans read (workers/engine/file_facts.py)."""
from workers.engine.file_facts import facts_of, logical_lines


def test_backslash_and_bracket_continuations_are_joined():
    text = "import a, \\\n    b\nx = f(1,\n      2)  # done\ny = 3\n"
    assert logical_lines(text) == [(0, "import a,  b"), (0, "x = f(1, 2)"), (0, "y = 3")]


def test_a_line_of_backslashes_only_ends_nothing():
    assert logical_lines("x = (1 \\\n\\\n, 2)\nz = 1\n") == [(0, "x = (1   , 2)"), (0, "z = 1")]


def test_a_bracket_never_closed_joins_every_line_after_it():
    # a "(" inside a string: the scan is rough on purpose (the parentheses are counted line by line,
    # which keeps it linear in the file's size; no test here times that)
    lines = ['x = "("'] + ["y%d = %d" % (n, n) for n in range(2000)]
    joined = logical_lines("\n".join(lines) + "\n")
    assert len(joined) == 1 and joined[0][1].endswith("y1999 = 1999")
    assert facts_of("import os\n" + "\n".join(lines) + "\nimport sys\n").top_imports == ["os", "sys"]


def test_function_bodies_are_left_out():
    text = "def f():\n    import inner\n    return (1,\n  2)\nimport outer\n"
    assert [statement for _, statement in logical_lines(text)] == ["def f():", "import outer"]
