"""A package index stand-in: PyPI's JSON API (/pypi/<name>/json, /pypi/<name>/<version>/json)
over real HTTP on loopback, serving documents built here for a few made-up and real names."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def release_files(name, version, wheels=(), sdist=True, requires_python=None):
    files = [{"filename": "%s-%s-%s.whl" % (name, version, tag), "packagetype": "bdist_wheel",
              "requires_python": requires_python, "yanked": False} for tag in wheels]
    if sdist:
        files.append({"filename": "%s-%s.tar.gz" % (name, version), "packagetype": "sdist",
                      "requires_python": requires_python, "yanked": False})
    return files


def python_classifiers(*versions):
    return ["Programming Language :: Python :: %s" % v for v in versions]


# name -> [(version, files, classifiers)]
PACKAGES = {
    "oldlib": [
        ("1.0", release_files("oldlib", "1.0"), python_classifiers("2", "2.7")),
        ("1.5", release_files("oldlib", "1.5", wheels=["py2-none-any"]), python_classifiers("2.7")),
        ("2.0", release_files("oldlib", "2.0", wheels=["py2.py3-none-any"]), python_classifiers("2.7", "3")),
        ("3.0", release_files("oldlib", "3.0", wheels=["py3-none-any"], requires_python=">=3.6"), python_classifiers("3")),
    ],
    "midlib": [
        ("0.9", release_files("midlib", "0.9"), python_classifiers("2")),
        ("1.1", release_files("midlib", "1.1", requires_python=">=2.7, !=3.0.*, !=3.1.*"),
         python_classifiers("2.7", "3.6")),
    ],
    "wheelib": [
        ("2.1", release_files("wheelib", "2.1", wheels=["cp27-cp27mu-manylinux1_x86_64"], sdist=False), []),
        ("2.2", release_files("wheelib", "2.2", wheels=["cp27-cp27mu-manylinux1_x86_64",
                                                         "cp36-cp36m-manylinux1_x86_64"], sdist=False), []),
    ],
    "MySQL-python": [
        ("1.2.3", release_files("MySQL-python", "1.2.3"), python_classifiers("2")),
        ("1.2.5", release_files("MySQL-python", "1.2.5"), python_classifiers("2", "2 :: Only")),
    ],
    "py3only": [
        ("1.0", release_files("py3only", "1.0", wheels=["py2-none-any"]), python_classifiers("2.7")),
        ("2.0", release_files("py3only", "2.0", wheels=["py3-none-any"], requires_python=">=3.5"), python_classifiers("3")),
    ],
    "modern": [
        ("3.1", release_files("modern", "3.1", wheels=["py2.py3-none-any"]), python_classifiers("2.7", "3.6")),
    ],
    # Real shapes: Django's 1.x runs on 2.7 and 3, 2.0 and later on 3 only (Requires-Python).
    "Django": [
        ("1.3", release_files("Django", "1.3"), python_classifiers("2", "2.7")),
        ("1.4.22", release_files("Django", "1.4.22"), python_classifiers("2", "2.6", "2.7")),
        ("1.8.19", release_files("Django", "1.8.19", wheels=["py2.py3-none-any"]), python_classifiers("2.7", "3.5")),
        ("1.11.29", release_files("Django", "1.11.29", wheels=["py2.py3-none-any"], requires_python=">=2.7, !=3.0.*, "
                                  "!=3.1.*, !=3.2.*, !=3.3.*"), python_classifiers("2.7", "3.7")),
        ("2.0", release_files("Django", "2.0", wheels=["py3-none-any"], requires_python=">=3.4"), python_classifiers("3")),
        ("3.2.25", release_files("Django", "3.2.25", wheels=["py3-none-any"], requires_python=">=3.6"),
         python_classifiers("3")),
    ],
    "mock": [
        ("1.0.1", release_files("mock", "1.0.1"), python_classifiers("2", "3")),
        ("3.0.5", release_files("mock", "3.0.5", wheels=["py2.py3-none-any"]), python_classifiers("2.7", "3")),
        ("4.0.0", release_files("mock", "4.0.0", wheels=["py3-none-any"], requires_python=">=3.6"), python_classifiers("3")),
        ("5.1.0", release_files("mock", "5.1.0", wheels=["py3-none-any"], requires_python=">=3.6"), python_classifiers("3")),
    ],
    "futures": [
        ("3.3.0", release_files("futures", "3.3.0", wheels=["py2-none-any"], requires_python=">=2.6, <3"),
         python_classifiers("2.7")),
    ],
}


def documents():
    docs = {}
    for name, releases in PACKAGES.items():
        latest_version, _, latest_classifiers = releases[-1]
        docs["/pypi/%s/json" % name] = {
            "info": {"name": name, "version": latest_version, "classifiers": latest_classifiers},
            "releases": {version: files for version, files, _ in releases}}
        for version, files, classifiers in releases:
            docs["/pypi/%s/%s/json" % (name, version)] = {
                "info": {"name": name, "version": version, "classifiers": classifiers}, "urls": files}
    return docs


class IndexStandin:
    """Context manager: the index on a free loopback port; `.url`, `.requests` (paths asked).

    `version_documents=False` answers 404 for every /pypi/<name>/<version>/json, as some mirrors
    do; `raw` maps a path to (status, body bytes) served as they are (broken answers)."""

    def __init__(self, version_documents=True, raw=None):
        self.docs = documents()
        if not version_documents:
            self.docs = {path: doc for path, doc in self.docs.items() if path.count("/") == 3}
        self.raw = dict(raw or {})
        self.requests = []

    def __enter__(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                standin.requests.append(self.path)
                doc = standin.docs.get(self.path)
                if self.path in standin.raw:
                    status, body = standin.raw[self.path]
                else:
                    status = 200 if doc is not None else 404
                    body = json.dumps(doc if doc is not None else {"message": "Not Found"}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d" % self.server.server_port
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
