"""Which Pythons a project says it supports: `python_requires` (setup.py, setup.cfg) or
`requires-python` (pyproject.toml), read without running anything.

Every plan asks (workers/services/stages.py): packaging and tomllib are imported only when a
declaration needs them, not at each start of the command line.
"""
import ast
import configparser

from workers.files import safe_files


def declared_python_requires(root):
    """(specifier text, file) for the first file declaring one, or None."""
    for path, read in (("pyproject.toml", _from_pyproject), ("setup.cfg", _from_setup_cfg), ("setup.py", _from_setup_py)):
        try:
            text = safe_files.read_bytes(root, path).decode("utf-8")
        except (OSError, safe_files.UnsafePath, UnicodeDecodeError):
            continue
        try:
            spec = read(text)
        except (ValueError, SyntaxError, configparser.Error, RecursionError):  # TOMLDecodeError is a ValueError
            continue
        if spec:
            return spec, path
    return None


def excludes_python2(spec):
    """Whether a specifier such as ">=3.6" rules out every Python 2.7 (an invalid one does not)."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    try:
        specifiers = SpecifierSet(spec)
    except InvalidSpecifier:
        return False
    return not any(specifiers.contains(version, prereleases=True) for version in ("2.7", "2.7.18"))


def _from_pyproject(text):
    import tomllib

    value = tomllib.loads(text).get("project", {}).get("requires-python")
    return value if isinstance(value, str) else None


def _from_setup_cfg(text):
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    return parser.get("options", "python_requires", fallback=None)


def _from_setup_py(text):
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.keyword) and node.arg == "python_requires" and isinstance(node.value, ast.Constant):
            return node.value.value if isinstance(node.value.value, str) else None
    return None
