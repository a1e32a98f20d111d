"""A module another module star-imports keeps what `from it import *` gives, through the whole
stage: a name a fixer would unbind stays bound, and the six names fixers import (range, map,
urllib …) do not become the importer's names on 2.7."""
import dataclasses
import shutil
import subprocess

import six

from workers import fixers as registry
from workers.engine.apply import transform_text
from workers.engine.context import contexts_for
from workers.rewriting.fixer import TWO_AND_THREE_STAGES

FILES = {
    "pkg/__init__.py": "",
    "pkg/a.py": (
        "import urllib2\n"
        "import ConfigParser\n"
        "from urlparse import urljoin\n"
        "\n"
        "def fetch(url):\n"
        "    return urllib2.Request(url).get_full_url()\n"
        "\n"
        "def steps(n):\n"
        "    return [i for i in xrange(n)]\n"
        "\n"
        "def doubled(xs):\n"
        "    return map(lambda x: 2 * x, xs)\n"
    ),
    "pkg/b.py": (
        "from pkg.a import *\n"
        "\n"
        "def build(url):\n"
        "    request = urllib2.Request(urljoin(url, 'x'))\n"
        "    return (request.get_full_url(), ConfigParser.__name__, range(3) + [3], map(str, [1])[0],\n"
        "            steps(2), doubled([1]))\n"
    ),
    "pkg/c.py": "import urllib2\n",
    "pkg/tests/__init__.py": "",
    "pkg/tests/a.py": "import urllib2\n",  # another a: `from pkg.a import *` is not its
    "run.py": "from pkg.b import build\nprint(build('http://h/y/z'))\n",
}
PYTHON_FILES = sorted(FILES)


def _write(root):
    for path, text in FILES.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def test_only_star_imported_modules_are_marked(tmp_path):
    _write(tmp_path)
    contexts = contexts_for(tmp_path, PYTHON_FILES)
    assert [path for path in PYTHON_FILES if contexts[path].star_imported] == ["pkg/a.py"]
    a = contexts["pkg/a.py"]
    assert a.digest() != dataclasses.replace(a, star_imported=False).digest()  # the scan cache tells them apart


def test_the_importer_runs_the_same_on_2_7_after_the_stage(tmp_path, interpreters):
    python2, _ = interpreters
    _write(tmp_path)
    shutil.copy(six.__file__, tmp_path / "six.py")
    before = _run(python2, tmp_path)
    contexts = contexts_for(tmp_path, PYTHON_FILES)
    fixers = [f for f in registry.in_stages(TWO_AND_THREE_STAGES) if not f.reports_only]
    for path in PYTHON_FILES:
        text = (tmp_path / path).read_text()
        (tmp_path / path).write_text(transform_text(text, fixers, contexts[path])[0])
    a = (tmp_path / "pkg/a.py").read_text()
    assert "import urllib2\n" in a and "configparser as ConfigParser" in a and "__all__ = [" in a
    assert _run(python2, tmp_path) == before


def _run(python, root):
    done = subprocess.run([python.path, "run.py"], cwd=str(root), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout
