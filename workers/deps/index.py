"""Asking the package index which releases run on Python 2.7 and on Python 3.

PyPI's JSON API by default (`PY3BRIDGE_INDEX_URL` or --index-url for a private mirror serving
the same API). A release's support is read from its files' Requires-Python, its wheels' tags and
its trove classifiers. Answers are cached (in Redis with a TTL for the app); an unreachable index
or an unknown package is reported as exactly that, never as "no Python 3 support".

The index's answers are outside input too: a body that is not JSON, or not shaped like PyPI's
documents, is "index unavailable", never a crash. Some mirrors never serve the per-version
document (/pypi/<name>/<version>/json, only needed for an older release's classifiers): a 404
there falls back to what the project document says (files' Requires-Python and wheel tags), and
what that cannot settle stays unknown (None), with Support.complete False.
"""
import json
import os
import re
from dataclasses import dataclass
from urllib.parse import quote

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

DEFAULT_INDEX = "https://pypi.org"
CACHE_SECONDS = 24 * 3600
MISSING_CACHE_SECONDS = 3600
_MISSING = "404"
PY2, PY3_VERSIONS = "2.7", ("3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13")


class IndexUnavailable(Exception):
    """The index could not be asked (unreachable, or answered with an error)."""


class UnknownPackage(Exception):
    pass


@dataclass(frozen=True)
class Support:
    py2: object  # True / False / None (unknown)
    py3: object
    complete: bool = True  # False: the index did not serve everything needed to decide

    @property
    def both(self):
        return self.py2 is True and self.py3 is True


def index_url():
    return os.environ.get("PY3BRIDGE_INDEX_URL", DEFAULT_INDEX).rstrip("/")


class MemoryCache:
    def __init__(self):
        self.values = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, value, ex=None):
        self.values[key] = value


class RedisCache:
    """The app's cache: index answers in Redis, with a TTL."""

    def __init__(self, connection):
        self.connection = connection

    def get(self, key):
        value = self.connection.get(key)
        return value.decode() if value is not None else None

    def set(self, key, value, ex=None):
        self.connection.set(key, value, ex=ex)


class IndexClient:
    def __init__(self, url=None, cache=None, timeout=20):
        self.url = (url or index_url()).rstrip("/")
        self.cache = cache if cache is not None else MemoryCache()
        self.timeout = timeout

    def _get(self, path):
        key = "py3bridge:index:%s%s" % (self.url, path)
        cached = self.cache.get(key)
        if cached == _MISSING:
            raise UnknownPackage(path)
        if cached is not None:
            return json.loads(cached)
        import requests  # here, not at the top: `python -m bot plan` and `fixers` never ask the index

        try:
            response = requests.get(self.url + path, timeout=self.timeout, headers={"Accept": "application/json"})
        except requests.RequestException as err:
            raise IndexUnavailable("package index %s unreachable: %s" % (self.url, err.__class__.__name__)) from None
        if response.status_code == 404:
            self.cache.set(key, _MISSING, ex=MISSING_CACHE_SECONDS)
            raise UnknownPackage(path)
        if response.status_code != 200:
            raise IndexUnavailable("package index %s answered HTTP %d for %s" % (self.url, response.status_code, path))
        try:
            document = json.loads(response.text)
        except ValueError:
            raise IndexUnavailable("package index %s answered something that is not JSON for %s" % (
                self.url, path)) from None
        if not isinstance(document, dict):
            raise IndexUnavailable("package index %s answered a malformed document for %s" % (self.url, path))
        self.cache.set(key, response.text, ex=CACHE_SECONDS)
        return document

    def project(self, name):
        try:
            document = self._get("/pypi/%s/json" % quote(name, safe=""))
        except UnknownPackage:
            raise UnknownPackage("%s is not on %s" % (name, self.url)) from None
        if not isinstance(document.get("releases", {}), dict) or not isinstance(document.get("info", {}), dict):
            raise IndexUnavailable("package index %s answered a malformed document for %s" % (self.url, name))
        return document

    def release(self, name, version):
        return self._get("/pypi/%s/%s/json" % (quote(name, safe=""), quote(version, safe="")))


def versions(project):
    """Release versions with files, oldest first; pre-releases and yanked-only releases left out."""
    found = []
    for text in project.get("releases", {}):
        try:
            version = Version(text)
        except (InvalidVersion, TypeError):
            continue
        files = release_files(project, text)
        if files and not version.is_prerelease and not all(f.get("yanked") for f in files):
            found.append((version, text))
    return [text for _, text in sorted(found)]


def release_files(project, version):
    """The files of one release in a project document: only the entries shaped like files."""
    files = project.get("releases", {}).get(version)
    return [f for f in files if isinstance(f, dict)] if isinstance(files, list) else []


def _requires_python(files):
    specs = {f.get("requires_python") for f in files if isinstance(f.get("requires_python"), str)
             and f.get("requires_python")}
    if len(specs) != 1:
        return None
    try:
        return SpecifierSet(specs.pop())
    except InvalidSpecifier:
        return None


def _wheel_tags(files):
    py2 = py3 = False
    for f in files:
        name = f.get("filename", "")
        if not isinstance(name, str) or not name.endswith(".whl") or name.count("-") < 4:
            continue
        tag = name[:-4].split("-")[-3]
        py2 = py2 or bool(re.search(r"(^|\.)(py2|cp27|py27)", tag))
        py3 = py3 or bool(re.search(r"(^|\.)(py3|cp3\d+)", tag))
    return py2, py3


def _classifiers(classifiers):
    classifiers = classifiers if isinstance(classifiers, list) else []
    languages = [c for c in classifiers if isinstance(c, str) and c.startswith("Programming Language :: Python ::")]
    py2 = any(re.search(r":: 2(\.7)?$| :: 2 :: Only", c) for c in languages)
    py3 = any(re.search(r":: 3(\.\d+)?$| :: 3 :: Only", c) for c in languages)
    py2_only = any(c.endswith(":: 2 :: Only") for c in languages)
    py3_only = any(c.endswith(":: 3 :: Only") for c in languages)
    return py2 and not py3_only, py3 and not py2_only, bool(languages)


def support(files, classifiers):
    """Support for 2.7 and 3 from one release's files and classifiers."""
    spec = _requires_python(files)
    wheel_py2, wheel_py3 = _wheel_tags(files)
    class_py2, class_py3, declared = _classifiers(classifiers)

    def decide(wheel, classified, versions_ok):
        if versions_ok is False:
            return False
        if wheel or classified:
            return True
        if versions_ok and spec is not None:
            return True
        return False if declared else None

    py2_ok = None if spec is None else spec.contains(PY2)
    py3_ok = None if spec is None else any(spec.contains(v) for v in PY3_VERSIONS)
    return Support(decide(wheel_py2, class_py2, py2_ok), decide(wheel_py3, class_py3, py3_ok))


def release_support(client, name, version, project):
    """Support of one release: from its files alone when they settle it, else with its classifiers
    (one more request per release, for the latest release already in the project document).

    When the index has no per-version document (404, as some mirrors never serve them), the
    files decide alone and what they leave open is unknown: Support(..., complete=False)."""
    files = release_files(project, version)
    settled = support(files, [])
    if settled.both:
        return settled
    spec = _requires_python(files)
    if spec is not None and (not spec.contains(PY2) or not any(spec.contains(v) for v in PY3_VERSIONS)):
        return settled  # Requires-Python rules a side out: no classifier changes that (and no request)
    info = project.get("info", {})
    if version == info.get("version"):
        classifiers = info.get("classifiers", [])
    else:
        try:
            document = client.release(name, version)
        except UnknownPackage:
            return Support(settled.py2, settled.py3, complete=False)
        release_info = document.get("info", {})
        classifiers = release_info.get("classifiers", []) if isinstance(release_info, dict) else []
    return support(files, classifiers)
