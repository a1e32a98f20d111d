"""A batch whose code now imports six declares six where the project declares its dependencies."""
import pytest

from workers.deps.declare import declare, is_declared
from workers.deps.markers import applies_to
from workers.deps.requirements import read_dependencies


def write(root, name, text):
    (root / name).write_text(text)
    return root / name


def test_setup_py_one_line_list(tmp_path):
    write(tmp_path, "setup.py", "from setuptools import setup\nsetup(name='x', install_requires=['requests>=2'])\n")
    assert declare(tmp_path, "six") == "setup.py"
    assert (tmp_path / "setup.py").read_text() == (
        "from setuptools import setup\nsetup(name='x', install_requires=['requests>=2', 'six>=1.16.0'])\n")
    assert is_declared(tmp_path, "six")


def test_setup_py_multi_line_list_keeps_comments_and_quotes(tmp_path):
    write(tmp_path, "setup.py", 'from setuptools import setup\nREQS = [\n    "requests",\n    "lxml"  # xml\n]\n'
                                "setup(install_requires=REQS)\n")
    assert declare(tmp_path, "six") == "setup.py"
    assert (tmp_path / "setup.py").read_text() == (
        'from setuptools import setup\nREQS = [\n    "requests",\n    "lxml",  # xml\n    "six>=1.16.0"\n]\n'
        "setup(install_requires=REQS)\n")


def test_setup_py_trailing_comma_style(tmp_path):
    write(tmp_path, "setup.py", "from setuptools import setup\nsetup(\n    install_requires=[\n        'a',\n    ],\n)\n")
    declare(tmp_path, "six")
    assert (tmp_path / "setup.py").read_text() == (
        "from setuptools import setup\nsetup(\n    install_requires=[\n        'a',\n        'six>=1.16.0',\n    ],\n)\n")


def test_setup_py_with_a_page_break(tmp_path):
    # str.splitlines() also splits at the form feed; ast's line numbers do not (enum 0.4.4's setup.py)
    text = "from setuptools import setup\n\x0c\nsetup(\n    install_requires=[\n        'a',\n    ],\n)\n"
    write(tmp_path, "setup.py", text)
    assert declare(tmp_path, "six") == "setup.py"
    assert (tmp_path / "setup.py").read_text() == text.replace("'a',\n", "'a',\n        'six>=1.16.0',\n")


def test_requirements_txt_when_setup_py_cannot_be_edited(tmp_path):
    write(tmp_path, "setup.py", "print 'python 2 only'\nsetup(install_requires=['a'])\n")
    write(tmp_path, "requirements.txt", "flask==1.0")
    assert declare(tmp_path, "six") == "requirements.txt"
    assert (tmp_path / "requirements.txt").read_text() == "flask==1.0\nsix>=1.16.0\n"


def test_setup_cfg(tmp_path):
    write(tmp_path, "setup.cfg", "[options]\ninstall_requires =\n    requests\n\n[flake8]\nmax-line-length = 99\n")
    assert declare(tmp_path, "six") == "setup.cfg"
    assert (tmp_path / "setup.cfg").read_text() == (
        "[options]\ninstall_requires =\n    requests\n    six>=1.16.0\n\n[flake8]\nmax-line-length = 99\n")


@pytest.mark.parametrize("files", [
    {"requirements.txt": "Six==1.10.0\n"},
    {"setup.py": "from setuptools import setup\nsetup(install_requires=['six'])\n"},
    {"six.py": "# vendored\n"},
])
def test_already_declared_or_vendored_writes_nothing(tmp_path, files):
    for name, text in files.items():
        write(tmp_path, name, text)
    assert declare(tmp_path, "six") == ""
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == files


def test_nowhere_to_declare_writes_nothing(tmp_path):
    assert declare(tmp_path, "six") == ""
    assert list(tmp_path.iterdir()) == []


def test_a_backport_needed_on_one_side_is_declared_with_its_marker(tmp_path):
    write(tmp_path, "setup.py", 'from setuptools import setup\nsetup(install_requires=[\n    "requests",\n])\n')
    assert declare(tmp_path, "sgmllib3k") == "setup.py"
    assert (tmp_path / "setup.py").read_text() == (  # the marker's quotes are the ones the list does not use
        'from setuptools import setup\nsetup(install_requires=[\n    "requests",\n'
        '    "sgmllib3k; python_version >= \'3\'",\n])\n')
    (tmp_path / "requirements.txt").write_bytes(b"flask==1.0\r\n")
    (tmp_path / "setup.py").unlink()
    assert declare(tmp_path, "subprocess32") == "requirements.txt"
    assert (tmp_path / "requirements.txt").read_bytes() == b'flask==1.0\r\nsubprocess32; python_version < "3"\r\n'
    assert [applies_to(d.marker) for d in read_dependencies(tmp_path)] == [(True, True), (True, False)]


def test_a_package_only_in_tests_require_is_not_declared_for_run_time(tmp_path):
    write(tmp_path, "setup.py", "from setuptools import setup\nsetup(install_requires=['a'], tests_require=['six'])\n")
    assert not is_declared(tmp_path, "six")
    assert declare(tmp_path, "six") == "setup.py"
    assert "install_requires=['a', 'six>=1.16.0']" in (tmp_path / "setup.py").read_text()
