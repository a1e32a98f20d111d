"""Plumbing shared by the REST API modules (api_*.py): blueprints, the locked route decorator,
authentication (App JWT, installation tokens) and error responses.

Two kinds of credentials, as on GitHub:
- App endpoints (`/app/**`, `/repos/{o}/{r}/installation`) take `Authorization: Bearer <JWT>`,
  an RS256 JWT signed with the App's private key, `iss` = App id, not expired.
- Everything else takes `Authorization: token <t>` (or `Bearer <t>`) with a token minted by
  POST /app/installations/{id}/access_tokens; it only sees its installation's repositories
  (others answer 404, like GitHub).
"""
import functools
import time

import jwt
from flask import Blueprint, current_app, g, jsonify, request

from .render import API_PREFIX, Renderer, Urls

STATE_KEY = "STANDIN_STATE"
DOCS = "https://docs.github.com/rest"
JWT_MAX_LIFETIME = 600 + 60  # GitHub allows exp at most 10 minutes ahead; a little clock slack


class ApiError(Exception):
    """An error answer: {"message", "documentation_url", "errors"?} with `status` and headers."""

    def __init__(self, status, message, errors=None, headers=None):
        super().__init__(message)
        self.status, self.message, self.errors, self.headers = status, message, errors, headers or {}


def error_response(status, message, errors=None, headers=None):
    body = {"message": message, "documentation_url": DOCS}
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code = status
    response.headers.update(headers or {})
    return response


def get_state():
    return current_app.config[STATE_KEY]


def renderer():
    """A Renderer whose URLs use the address this request came to: PyGithub rejects other hosts or ports."""
    return Renderer(get_state(), Urls(request.host_url))


def api_blueprint(name):
    return Blueprint(name, __name__, url_prefix=API_PREFIX)


def route(blueprint, rule, methods=("GET",), **options):
    """Register a view on `blueprint`; the view runs holding the state lock (atomic requests).

    Stackable: several rules may share one view.
    """

    def register(view):
        locked_view = getattr(view, "locked_view", None)
        if locked_view is None:
            @functools.wraps(view)
            def locked_view(**kwargs):
                with get_state().lock:
                    return view(**kwargs)

            view.locked_view = locked_view
        blueprint.add_url_rule(rule, view_func=locked_view, methods=list(methods), **options)
        return view

    return register


def json_body(default=None):
    """The request's JSON body (any Content-Type), or `default` when empty or not JSON."""
    data = request.get_json(force=True, silent=True)
    return default if data is None else data


def created(data):
    return data, 201


def no_content():
    return "", 204


# --- authentication --------------------------------------------------------------------------


def _authorization():
    """(scheme lower-cased, credential) from the Authorization header, or (None, None)."""
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return (scheme.lower(), value.strip()) if value else (None, None)


def require_app_jwt():
    """Accept only a valid App JWT (401 otherwise)."""
    scheme, value = _authorization()
    if scheme != "bearer":
        raise ApiError(401, "A JSON web token could not be decoded")
    app = get_state().app
    try:
        claims = jwt.decode(value, app.public_key_pem, algorithms=["RS256"],
                            options={"require": ["exp", "iat", "iss"]})
    except jwt.PyJWTError as error:
        raise ApiError(401, f"A JSON web token could not be decoded ({error})") from None
    if str(claims["iss"]) != str(app.id):
        raise ApiError(401, "Integration not found")
    if claims["exp"] - time.time() > JWT_MAX_LIFETIME:
        raise ApiError(401, "'Expiration time' claim ('exp') is too far in the future")


def require_token():
    """The valid installation/user token of this request (401 "Bad credentials" otherwise)."""
    scheme, value = _authorization()
    token = get_state().valid_token(value) if scheme in ("token", "bearer") else None
    if token is None:
        raise ApiError(401, "Bad credentials")
    g.token = token
    return token


def authorized_repo(owner, name):
    """The repository, if this request's token may see it; 404 otherwise (as GitHub does)."""
    state, token = get_state(), require_token()
    if f"{owner}/{name}" not in state.repos or not state.token_covers(token, owner, name):
        raise ApiError(404, "Not Found")
    return state.repos[f"{owner}/{name}"]


def actor():
    """Who the request acts as: the App's bot user for installation tokens."""
    return get_state().token_actor(g.token)
