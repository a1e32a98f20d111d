"""six leaves the declared dependencies once no Python file of the checkout imports it: one entry
removed from each file, byte for byte, or left with the reason."""
import os

import pytest

from workers.deps.undeclare import Removal, imports, undeclare_unused
from workers.engine.tree import python_files_and_skipped


def checkout(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return root


def undeclare(root):
    paths, skipped = python_files_and_skipped(root)
    return undeclare_unused(root, "six", paths, skipped)


@pytest.mark.parametrize("text", ["import six\n", "import os, six\n", "from six.moves import range\n",
                                  "if x: import six as s\n", "import os, \\\n    six\n", "__import__('six')\n",
                                  "importlib.import_module('six.moves')\n"])
def test_what_counts_as_importing_six(text):
    assert imports(text, "six")


@pytest.mark.parametrize("text", ["import sixer\n", "from django.utils import six\n", "from . import six\n",
                                  "six = 1  # six\n", "import foo.six\n"])
def test_what_does_not(text):
    assert not imports(text, "six")


SETUP_PY = (
    "from setuptools import setup\n"
    "setup(\n"
    "    name='x',\n"
    "    install_requires=[\n"
    "        'requests>=2',\n"
    "        'six>=1.10',  # compatibility\n"
    "        'lxml'\n"
    "    ],\n"
    "    tests_require=['pytest', 'six'],\n"
    ")\n")


def test_every_declaring_file_loses_its_entry(tmp_path):
    checkout(tmp_path, {
        "setup.py": SETUP_PY,
        "requirements.txt": "# runtime\r\nflask==1.0\r\nsix==1.16.0\r\n-r requirements/extra.txt\r\n",
        "requirements/extra.txt": "Six\nattrs\n",
        "setup.cfg": "[options]\ninstall_requires =\n    requests\n    six>=1.10; python_version < \"3\"\n\n[flake8]\n",
        "Pipfile": '[packages]\nsix = "*"\nrequests = {version = ">=2"}\n\n[dev-packages]\npytest = "*"\n',
        "pkg/__init__.py": "import os\n",
        "pkg/six.py": "# vendored: import six\n",
    })
    assert undeclare(tmp_path) == [Removal("six", path) for path in
                                   ("Pipfile", "requirements.txt", "requirements/extra.txt", "setup.cfg", "setup.py")]
    assert (tmp_path / "setup.py").read_text() == SETUP_PY.replace(
        "        'six>=1.10',  # compatibility\n", "").replace("['pytest', 'six']", "['pytest']")
    assert (tmp_path / "requirements.txt").read_bytes() == b"# runtime\r\nflask==1.0\r\n-r requirements/extra.txt\r\n"
    assert (tmp_path / "requirements/extra.txt").read_text() == "attrs\n"
    assert (tmp_path / "setup.cfg").read_text() == "[options]\ninstall_requires =\n    requests\n\n[flake8]\n"
    assert (tmp_path / "Pipfile").read_text() == (
        '[packages]\nrequests = {version = ">=2"}\n\n[dev-packages]\npytest = "*"\n')


def test_setup_cfg_value_on_the_key_line(tmp_path):
    checkout(tmp_path, {"setup.cfg": "[options]\ninstall_requires = six\ntests_require =\n    six\n    pytest\n"})
    assert undeclare(tmp_path) == [Removal("six", "setup.cfg")]
    assert (tmp_path / "setup.cfg").read_text() == "[options]\ninstall_requires =\ntests_require =\n    pytest\n"


@pytest.mark.parametrize("written, left", [
    ("install_requires=['six']", "install_requires=[]"),
    ("install_requires=['six', 'a']", "install_requires=['a']"),
    ("install_requires=['a', \"six\", 'b',]", "install_requires=['a', 'b',]"),
    ("install_requires=('a', 'six', 'b')", "install_requires=('a', 'b')"),
])
def test_setup_py_one_line_lists(tmp_path, written, left):
    checkout(tmp_path, {"setup.py": "from setuptools import setup\nsetup(%s)\n" % written})
    assert undeclare(tmp_path) == [Removal("six", "setup.py")]
    assert (tmp_path / "setup.py").read_text() == "from setuptools import setup\nsetup(%s)\n" % left


def test_a_tuple_that_would_become_a_string_stays(tmp_path):
    checkout(tmp_path, {"setup.py": "from setuptools import setup\nsetup(install_requires=('a', 'six'))\n"})
    assert undeclare(tmp_path) == [Removal("six", "setup.py", "six stays in setup.py: removing the entry on line 2 "
                                                              "would change more of setup.py")]
    assert "'six'" in (tmp_path / "setup.py").read_text()


def test_latin1_setup_py_keeps_its_bytes(tmp_path):
    text = "# -*- coding: latin-1 -*-\n# \xe9\nfrom setuptools import setup\nsetup(install_requires=['six', 'a'])\n"
    checkout(tmp_path, {"setup.py": text.encode("latin-1")})
    undeclare(tmp_path)
    assert (tmp_path / "setup.py").read_bytes() == text.replace("'six', ", "").encode("latin-1")


def test_setup_py_with_a_page_break(tmp_path):
    text = "from setuptools import setup\n\x0c\nsetup(\n    install_requires=[\n        'six',\n        'a',\n    ],\n)\n"
    checkout(tmp_path, {"setup.py": text})
    assert undeclare(tmp_path) == [Removal("six", "setup.py")]
    assert (tmp_path / "setup.py").read_text() == text.replace("        'six',\n", "")


def test_nothing_changes_while_a_file_imports_six(tmp_path):
    checkout(tmp_path, {"requirements.txt": "six\n", "app/compat.py": "from six.moves import urllib\n"})
    assert undeclare(tmp_path) == []
    assert (tmp_path / "requirements.txt").read_text() == "six\n"


def test_a_symlinked_folder_may_import_it(tmp_path):
    checkout(tmp_path, {"outside/mod.py": "import six\n", "repo/requirements.txt": "six\n"})
    os.symlink(tmp_path / "outside", tmp_path / "repo" / "linked")
    result = undeclare(tmp_path / "repo")
    assert result == [Removal("six", "", "six stays declared: linked is a symlinked directory (not followed)")]
    assert (tmp_path / "repo" / "requirements.txt").read_text() == "six\n"


@pytest.mark.parametrize("files, reason", [
    ({"requirements.txt": "#\n#    pip-compile requirements.in\n#\nsix==1.16.0\n    # via -r requirements.in\n"},
     "six stays in requirements.txt: the file is generated by pip-compile: regenerate it without six"),
    ({"requirements.txt": "six==1.16.0 \\\n    --hash=sha256:abc\n"},
     "six stays in requirements.txt: line 1 is continued with a backslash: remove six by hand"),
    ({"requirements.txt": "six==1.16.0 --hash=sha256:abc\n"},
     "six stays in requirements.txt: line 1 pins six with a hash, which pip's hash-checking mode needs for every "
     "dependency installed: regenerate the file"),
    ({"Pipfile": '[packages]\nsix = "*"\n', "Pipfile.lock": "{}"},
     "six stays in Pipfile: Pipfile.lock would no longer match: run `pipenv uninstall six`"),
    ({"setup.py": "from setuptools import setup\nsetup(install_requires=['a',  # first\n 'six'])\n"},
     "six stays in setup.py: a comment sits next to the entry on line 3: remove it by hand"),
])
def test_entries_that_cannot_be_removed_byte_for_byte_stay_with_the_reason(tmp_path, files, reason):
    checkout(tmp_path, files)
    before = {name: (tmp_path / name).read_bytes() for name in files}
    (removal,) = undeclare(tmp_path)
    assert removal.problem == reason
    assert {name: (tmp_path / name).read_bytes() for name in files} == before


def test_a_symlinked_dependency_file_is_never_written(tmp_path):
    (tmp_path / "real.txt").write_text("six\n")
    os.symlink(tmp_path / "real.txt", tmp_path / "requirements.txt")
    checkout(tmp_path, {"setup.py": "from setuptools import setup\nsetup(install_requires=['six'])\n"})
    assert undeclare(tmp_path) == [Removal("six", "setup.py")]
    assert (tmp_path / "real.txt").read_text() == "six\n"


def test_nothing_declared_nothing_reported(tmp_path):
    checkout(tmp_path, {"requirements.txt": "flask\n", "app.py": "import flask\n"})
    assert undeclare(tmp_path) == []
