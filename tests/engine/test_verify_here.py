"""Compiling in py3bridge's own Python says what its subprocess says (workers/engine/verify.py)."""
from workers.engine.interpreters import find_python3
from workers.engine.verify import compile_error_here, compile_errors, runs_here

SAMPLES = [b"x = 1\n", b"x = = 1\n", b"def f():\nreturn 1\n", b"if x:\n\ty = 1\n        z = 2\n", b"x = '\\d'\n",
           b"print 'old'\n", b"x = 1\x00\n", b"# -*- coding: latin-1 -*-\ns = '\xe9'\n", b"return 1\n"]


def test_the_answers_are_the_subprocess_answers(tmp_path):
    python3 = find_python3()
    assert runs_here(python3)
    paths = []
    for index, data in enumerate(SAMPLES):
        path = tmp_path / ("%d.py" % index)
        path.write_bytes(data)
        paths.append(path)
    _, errors = compile_errors(python3, paths)
    assert [compile_error_here(data) for data in SAMPLES] == errors
    assert errors[0] is None and errors[1].startswith("SyntaxError") and errors[4] is None  # a warning is not an error
