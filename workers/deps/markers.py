"""Where an environment marker installs a dependency: on 2.7, on the Python 3 the repository
tests on, both or neither (packaging.markers evaluates it in each environment).

`python3` is the Python 3 versions the repository's tests run on ("3.7"); by default every
Python 3 py3bridge knows, and a marker then counts as installing on 3 when it does on any of them.
Evaluated as on CPython on Linux, where the tests run. A marker that does not parse, or names
something no environment defines, installs everywhere: we never drop a requirement on a guess.
"""
from packaging.markers import InvalidMarker, Marker, UndefinedEnvironmentName
from packaging.utils import canonicalize_name

from workers.deps.index import PY2, PY3_VERSIONS

# The marker that installs a package on one side only, as written when declaring one.
ONLY_ON_2 = 'python_version < "3"'
ONLY_ON_3 = 'python_version >= "3"'


def environment(version):
    """The marker environment of CPython `version` ("2.7", "3.7") on Linux."""
    return {"python_version": version, "python_full_version": version + ".0", "implementation_name": "cpython",
            "platform_python_implementation": "CPython", "sys_platform": "linux", "os_name": "posix",
            "platform_system": "Linux"}


def applies_to(marker_text, python3=None):
    """(installed on 2.7, installed on some tested Python 3) for a marker's text ("" = everywhere)."""
    if not marker_text:
        return True, True
    try:
        marker = Marker(marker_text)
    except InvalidMarker:
        return True, True
    return _installs(marker, PY2), any(_installs(marker, v) for v in (python3 or PY3_VERSIONS))


def _installs(marker, version):
    try:
        return marker.evaluate(environment(version))
    except UndefinedEnvironmentName:
        return True


# Packages a 2+3 codebase needs on one side only (a backport of what the other side's standard
# library has), by canonical name, and the marker they are declared with.
ONE_SIDED = {
    "sgmllib3k": ONLY_ON_3,  # sgmllib, removed from Python 3's standard library
    "futures": ONLY_ON_2,  # concurrent.futures
    "subprocess32": ONLY_ON_2,
    "configparser": ONLY_ON_2,
    "ipaddress": ONLY_ON_2,
    "funcsigs": ONLY_ON_2,
    "backports-functools-lru-cache": ONLY_ON_2,
    "pathlib2": ONLY_ON_2,
    "enum34": ONLY_ON_2,
    "typing": ONLY_ON_2,
}


def declared_marker(package):
    """The marker a newly declared package gets: "" for one needed on both sides."""
    return ONE_SIDED.get(canonicalize_name(package), "")
