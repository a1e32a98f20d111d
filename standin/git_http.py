"""Git smart HTTP at /git/<owner>/<repo>.git/...: a CGI bridge to `git http-backend`.

Clone, fetch and push go to the real bare repositories. Every request needs HTTP Basic auth
whose password is a token minted for an installation covering the repository (the user name is
ignored, e.g. `x-access-token`); otherwise 401 with `WWW-Authenticate: Basic`, which is what
makes git send the credentials from the URL. Bodies may be chunked (the WSGI server dechunks)
or gzipped (passed on as HTTP_CONTENT_ENCODING; http-backend inflates them).
"""
import base64
import binascii
import subprocess

from flask import Blueprint, Response, current_app, request

from . import gitcmd
from .api_common import STATE_KEY

bp = Blueprint("standin_git", __name__)


@bp.route("/git/<owner>/<name>.git/<path:rest>", methods=["GET", "POST"])
def git_http(owner, name, rest):
    state = current_app.config[STATE_KEY]
    with state.lock:
        repo = state.repos.get(f"{owner}/{name}")
    if repo is None:
        return Response("Repository not found.\n", 404, content_type="text/plain")
    if not _authorized(state, owner, name):
        return Response("Authentication required.\n", 401, content_type="text/plain",
                        headers={"WWW-Authenticate": 'Basic realm="GitHub"'})
    body = request.get_data()
    proc = subprocess.run(["git", "http-backend"], input=body, capture_output=True,
                          env=_cgi_environment(repo.path, rest, body))
    return _cgi_response(proc.stdout, proc.stderr)


def _authorized(state, owner, name):
    """True when Basic auth carries a valid token that covers the repository."""
    scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        _user, _, password = base64.b64decode(encoded).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    token = state.valid_token(password)
    return token is not None and state.token_covers(token, owner, name)


def _cgi_environment(bare_path, rest, body):
    env = gitcmd.git_env()
    env.update(
        GIT_PROJECT_ROOT=str(bare_path.parent),
        GIT_HTTP_EXPORT_ALL="1",
        PATH_INFO=f"/{bare_path.name}/{rest}",
        REQUEST_METHOD=request.method,
        QUERY_STRING=request.query_string.decode(),
        CONTENT_TYPE=request.headers.get("Content-Type", ""),
        CONTENT_LENGTH=str(len(body)),
        REMOTE_USER="x-access-token",
        REMOTE_ADDR=request.remote_addr or "127.0.0.1",
        SERVER_PROTOCOL="HTTP/1.1",
    )
    if request.headers.get("Content-Encoding"):
        env["HTTP_CONTENT_ENCODING"] = request.headers["Content-Encoding"]
    if request.headers.get("Git-Protocol"):
        env["HTTP_GIT_PROTOCOL"] = env["GIT_PROTOCOL"] = request.headers["Git-Protocol"]
    return env


def _cgi_response(output, stderr):
    """Split CGI output into headers (`Status:` gives the HTTP status) and body."""
    ends = [(output.find(sep), sep) for sep in (b"\r\n\r\n", b"\n\n") if output.find(sep) >= 0]
    if not ends:
        return Response(b"git http-backend failed: " + stderr, 500, content_type="text/plain")
    index, separator = min(ends)
    head, body = output[:index], output[index + len(separator):]
    status, headers = 200, []
    for line in head.decode("latin-1").splitlines():
        key, _, value = line.partition(":")
        if key.lower() == "status":
            status = int(value.split()[0])
        elif key:
            headers.append((key.strip(), value.strip()))
    return Response(body, status, headers=headers)
