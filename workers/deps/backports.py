"""Standard-library modules Python 3 removed that a PyPI backport still provides under the same
import name, so the code keeps `import sgmllib` and the project declares the backport for 3 only
(its marker is in markers.ONE_SIDED).

A batch that changes a file importing one of these declares the backport, so the Python 3 run of
that file can import it; an unchanged file is left to the batch that first touches it.
"""
import re

# removed module -> the PyPI distribution that installs it on Python 3
BACKPORTED_MODULES = {
    "sgmllib": "sgmllib3k",
}


def backports_needed(text):
    """The backport distributions whose module `text` imports (`import m`, `from m import x`,
    at any indentation: the optional-import idiom sits in a try), sorted."""
    return sorted(package for module, package in BACKPORTED_MODULES.items() if _imports(text, module))


def _imports(text, module):
    pattern = r"^[ \t]*(?:import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*|from[ \t]+)%s\b(?!\.)" % re.escape(module)
    return re.search(pattern, text, re.MULTILINE) is not None
