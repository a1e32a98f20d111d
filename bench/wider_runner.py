"""Run a package's tests with the stock unittest runner, on Python 2.7 and 3 alike.

Written for bench/wider_corpus.json (its test commands say `{PY} {RUNNER} ITEM ...`). Run from
the unpacked sdist's root; the current folder is put first on sys.path (and `--path DIR` adds
more). `--skip TEXT` leaves out every test whose id contains TEXT (a test that hangs as released). Every ITEM adds tests to one suite:

    package.module:callable    the TestSuite the callable returns
    package.module             unittest's loader on the module (or module.Class, module.Class.test)
    discover:DIR[:PATTERN]     unittest discovery under DIR (default pattern test*.py); a package
                               is imported from the root, a plain folder from itself
    doctest:package.module     the module's doctests
    docfile:PATH               the doctests of a text file (relative to the current folder)

A module that fails to import is an error, as with unittest (the suite still runs the rest).
Prints unittest's usual closing lines ("Ran N tests", "OK" or "FAILED (...)").
"""
import doctest
import importlib
import os
import sys
import unittest


class _ImportFailure(unittest.TestCase):
    """Stands for an item that could not be loaded: one error, with the reason."""

    def __init__(self, item, error):
        unittest.TestCase.__init__(self, "runTest")
        self.item, self.error = item, error

    def runTest(self):
        raise ImportError("%s: %s" % (self.item, self.error))

    def __str__(self):
        return "load %s" % self.item


def _load(item):
    loader = unittest.defaultTestLoader
    if item.startswith("discover:"):
        parts = item.split(":")[1:]
        start, pattern = os.path.abspath(parts[0]), (parts[1] if len(parts) > 1 else "test*.py")
        # a package is imported from the root (tests/test_x.py as tests.test_x), a plain folder from itself
        top = os.getcwd() if os.path.isfile(os.path.join(start, "__init__.py")) else start
        return loader.discover(start, pattern=pattern, top_level_dir=top)
    if item.startswith("doctest:"):
        return doctest.DocTestSuite(importlib.import_module(item[len("doctest:"):]))
    if item.startswith("docfile:"):
        return doctest.DocFileSuite(os.path.abspath(item[len("docfile:"):]), module_relative=False)
    if ":" in item:
        module, name = item.split(":", 1)
        return getattr(importlib.import_module(module), name)()
    return loader.loadTestsFromName(item)


def _tests(suite):
    """The test cases of a (nested) suite, in order."""
    if isinstance(suite, unittest.TestSuite):
        for inner in suite:
            for test in _tests(inner):
                yield test
    else:
        yield suite


def main(argv):
    verbosity, items, skips = 1, [], []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--path":
            sys.path.insert(0, os.path.abspath(args.pop(0)))
        elif arg == "--skip":
            skips.append(args.pop(0))
        elif arg == "-v":
            verbosity = 2
        else:
            items.append(arg)
    sys.path.insert(0, os.getcwd())
    suite = unittest.TestSuite()
    for item in items:
        try:
            suite.addTest(_load(item))
        except Exception as error:  # an import error counts as one erroring test, as in unittest
            suite.addTest(_ImportFailure(item, "%s: %s" % (type(error).__name__, error)))
    if skips:
        suite = unittest.TestSuite([t for t in _tests(suite) if not any(s in t.id() for s in skips)])
    result = unittest.TextTestRunner(verbosity=verbosity).run(suite)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
